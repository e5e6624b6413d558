"""One clip per turn, synthesized once: cached on disk by text, voice and engine version.

A clip is done when both its audio (FLAC) and its word timings (JSON) are on disk; each is
written atomically, so a run killed mid-clip redoes only that clip.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

from paperdive.audio.align import transcribe_words
from paperdive.errors import VoiceError
from paperdive.store import atomic_write_bytes, atomic_write_text, content_hash
from paperdive.tts.base import SpokenWord, TTSEngine

ATTEMPTS = 3
SILENCE_RMS = 1e-4
MIN_SECONDS_PER_WORD = 0.12  # normal speech is 0.3-0.4 s a word; far less means a broken clip
CLIP_FORMAT = 1  # bump when the cached files change shape


@dataclass
class Clip:
    samples: np.ndarray
    sample_rate: int
    words: list[SpokenWord]  # the spoken text's words (or what Whisper heard), clip-relative
    timing_source: str  # "engine" or "whisper"

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


def clip_key(spoken_text: str, voice: str, engine: TTSEngine) -> str:
    return content_hash(CLIP_FORMAT, spoken_text, voice, engine.name, engine.version)


def _problem(samples: np.ndarray, rate: int, spoken_text: str) -> str | None:
    if len(samples) == 0 or not np.all(np.isfinite(samples)):
        return "no audio"
    if float(np.sqrt(np.mean(np.square(samples)))) < SILENCE_RMS:
        return "silence"
    words = len(re.findall(r"\w+", spoken_text))
    if len(samples) / rate < words * MIN_SECONDS_PER_WORD:
        return f"{len(samples) / rate:.1f} s of audio for {words} words"
    return None


def synthesize_checked(engine: TTSEngine, spoken_text: str, voice: str, label: str) -> Clip:
    """Synthesize, retrying clips that come back silent or far too short."""
    problem = None
    for _ in range(ATTEMPTS):
        result = engine.synthesize(spoken_text, voice)
        samples = np.asarray(result.samples, dtype=np.float32).reshape(-1)
        problem = _problem(samples, result.sample_rate, spoken_text)
        if problem is None:
            if result.words:
                return Clip(samples, result.sample_rate, result.words, "engine")
            heard = transcribe_words(samples, result.sample_rate)
            return Clip(samples, result.sample_rate, heard, "whisper")
    raise VoiceError(f"{engine.name}:{voice} gave {problem} for {label} after {ATTEMPTS} tries")


class ClipCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.flac", self.folder / f"{key}.json"

    def load(self, key: str) -> Clip | None:
        audio, meta = self._paths(key)
        if not (audio.is_file() and meta.is_file()):
            return None
        try:
            info = json.loads(meta.read_text("utf-8"))
            samples, rate = soundfile.read(audio, dtype="float32")
            words = [SpokenWord(w["word"], w["start"], w["end"]) for w in info["words"]]
        except (ValueError, KeyError, TypeError, soundfile.LibsndfileError):
            return None  # a damaged entry is re-synthesized
        return Clip(samples, rate, words, info["timing_source"])

    def save(self, key: str, clip: Clip) -> Clip:
        """Store the clip and return it as a later load will see it (16-bit samples).

        Mixing what was stored, not the float original, makes a resumed run's episode
        identical to a fresh run's.
        """
        audio, meta = self._paths(key)
        buffer = io.BytesIO()
        soundfile.write(buffer, clip.samples, clip.sample_rate, format="FLAC")
        atomic_write_bytes(audio, buffer.getvalue())
        words = [{"word": w.word, "start": float(w.start), "end": float(w.end)} for w in clip.words]
        atomic_write_text(meta, json.dumps({"timing_source": clip.timing_source, "words": words}))
        buffer.seek(0)
        stored, rate = soundfile.read(buffer, dtype="float32")
        return Clip(stored, rate, clip.words, clip.timing_source)
