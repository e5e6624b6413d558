"""A scriptable fake TTS engine, so the stage can be tested without a model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from paperdive.tts.base import SpokenWord, Synthesis

FAKE_VOICES = {"explainer": "fake:a", "skeptic": "fake:b"}
FAKE_RATE = 22050
SECONDS_PER_WORD = 0.3


def speechlike(words: int, rate: int = FAKE_RATE, seed: int = 0) -> np.ndarray:
    """Voiced bursts, one per word, with gaps: loud and peaky enough to exercise mastering."""
    rng = np.random.default_rng(seed)
    n = int(words * SECONDS_PER_WORD * rate)
    t = np.arange(n) / rate
    tone = 0.5 * np.sin(2 * np.pi * 140 * t) + 0.25 * np.sin(2 * np.pi * 420 * t)
    syllables = (np.sin(2 * np.pi * t / SECONDS_PER_WORD) > -0.3).astype(np.float32)
    return ((tone + 0.05 * rng.standard_normal(n)) * syllables).astype(np.float32)


@dataclass
class FakeEngine:
    """Synthesizes a word-timed tone; `behaviour(text, call_number)` can replace the audio."""

    name: str = "fake"
    version: str = "fake-1"
    calls: list[str] = field(default_factory=list)
    behaviour: Callable[[str, int], np.ndarray | None] | None = None

    def voices(self) -> list[str]:
        return ["a", "b"]

    def synthesize(self, text: str, voice: str) -> Synthesis:
        self.calls.append(text)
        words = text.split()
        samples = speechlike(len(words), seed=len(self.calls))
        if self.behaviour is not None:
            replaced = self.behaviour(text, len(self.calls))
            samples = samples if replaced is None else replaced
        timed = [
            SpokenWord(w, i * SECONDS_PER_WORD, (i + 0.8) * SECONDS_PER_WORD)
            for i, w in enumerate(words)
        ]
        return Synthesis(samples, FAKE_RATE, timed)
