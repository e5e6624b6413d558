"""What every TTS backend provides: mono float32 samples, and word times when it knows them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class SpokenWord:
    """A word of the text the engine was given, placed in its clip (seconds)."""

    word: str
    start: float
    end: float


@dataclass
class Synthesis:
    samples: np.ndarray  # float32, mono, in [-1, 1]
    sample_rate: int
    words: list[SpokenWord] | None = None  # None when the engine cannot place words


class TTSEngine(Protocol):
    name: str
    version: str  # part of the clip cache key: a new model or voice pack re-synthesizes

    def voices(self) -> list[str]: ...

    def synthesize(self, text: str, voice: str) -> Synthesis: ...


def cache_dir() -> Path:
    """Where joined model files live: $PAPERDIVE_CACHE, else the user's cache folder."""
    base = os.environ.get("PAPERDIVE_CACHE") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "paperdive"
    )
    return Path(base)
