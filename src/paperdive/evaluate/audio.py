"""Checks on the mastered MP3, re-measured from the decoded file: duration, length,
loudness, true peak, word timings and chapters."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pyloudnorm
import soundfile
from pydantic import BaseModel

from paperdive.audio.master import PEAK_CEILING_DBTP, true_peak_dbtp
from paperdive.evaluate.report import Check, EvaluationError, length_check, load
from paperdive.models import EpisodeAudio, Outline, Script, WordTiming
from paperdive.store import EpisodeDir

LOUDNESS_TARGET = {1: -19.0, 2: -16.0}  # LUFS integrated, by channel count
LOUDNESS_TOLERANCE_LU = 1.0
TIME_TOLERANCE_S = 0.05  # rounding of stored timings


class Words(BaseModel):
    words: list[WordTiming]


class Recording(NamedTuple):
    samples: np.ndarray  # (frames, channels), float32
    rate: int


def decode(episode: EpisodeDir, audio: EpisodeAudio) -> Recording:
    path = episode.file(audio.mp3)
    if not path.is_file():
        raise EvaluationError(f"audio.json names {audio.mp3}, which is not in {episode.path}")
    try:
        samples, rate = soundfile.read(path, dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError) as exc:
        raise EvaluationError(f"cannot decode {path}: {exc}") from None
    return Recording(samples, rate)


def audio_checks(
    episode: EpisodeDir,
    audio: EpisodeAudio,
    recording: Recording,
    script: Script,
    outline: Outline | None,
) -> list[Check]:
    samples, rate = recording
    duration = len(samples) / rate
    channels = samples.shape[1]
    signal = samples[:, 0] if channels == 1 else samples
    loudness = float(pyloudnorm.Meter(rate).integrated_loudness(signal))
    target = LOUDNESS_TARGET.get(channels, LOUDNESS_TARGET[2])
    peak = max(true_peak_dbtp(samples[:, channel]) for channel in range(channels))
    layout = "mono" if channels == 1 else f"{channels} channels"
    stated = abs(duration - audio.duration) <= max(0.5, 0.01 * duration)
    return [
        Check(
            area="audio",
            name="duration",
            result=f"{duration:.1f} s decoded, {audio.duration:.1f} s in audio.json",
            target="audio.json agrees",
            passed=stated,
        ),
        length_check("audio", "spoken length", duration / 60, outline),
        Check(
            area="audio",
            name=f"loudness ({layout})",
            result=f"{loudness:.2f} LUFS",
            target=f"{target:g} ±{LOUDNESS_TOLERANCE_LU:g} LU",
            passed=abs(loudness - target) <= LOUDNESS_TOLERANCE_LU,
        ),
        Check(
            area="audio",
            name="true peak (4x oversampled)",
            result=f"{peak:.2f} dBTP",
            target=f"≤ {PEAK_CEILING_DBTP:g} dBTP",
            passed=peak <= PEAK_CEILING_DBTP,
        ),
        _word_timing_check(episode, duration, script),
        _chapter_check(audio, duration),
    ]


def _word_timing_check(episode: EpisodeDir, duration: float, script: Script) -> Check:
    name = "word timings"
    if not episode.has("words"):
        return Check(area="audio", name=name, result="no words.json", target="", passed=False)
    words = load(episode, "words", Words).words
    expected = script.word_count()
    problems = (
        [] if len(words) == expected else [f"{len(words)} timed words for {expected} script words"]
    )
    previous = 0.0
    for n, word in enumerate(words, 1):
        if word.start < previous - TIME_TOLERANCE_S or word.end < word.start:
            problems.append(f"word {n} {word.word!r} at {word.start:.2f} s goes back in time")
        if word.end > duration + TIME_TOLERANCE_S:
            problems.append(f"word {n} {word.word!r} ends at {word.end:.2f} s, after the audio")
        previous = word.start
    return Check(
        area="audio",
        name=name,
        result=f"{len(words)} words",
        target="one per script word, in order, inside the audio",
        passed=not problems,
        problems=problems,
    )


def _chapter_check(audio: EpisodeAudio, duration: float) -> Check:
    starts = [c.start for c in audio.chapters]
    problems = [
        f"{later.title!r} starts at {later.start:.2f} s, not after {earlier.title!r}"
        for earlier, later in zip(audio.chapters, audio.chapters[1:], strict=False)
        if later.start <= earlier.start
    ]
    problems += [
        f"{c.title!r} starts at {c.start:.2f} s, outside the audio"
        for c in audio.chapters
        if not 0 <= c.start < duration
    ]
    if not audio.chapters:
        problems.append("no chapters")
    return Check(
        area="audio",
        name="chapters",
        result=", ".join(f"{s:.0f}" for s in starts) + " s",
        target="strictly increasing, inside the audio",
        passed=not problems,
        problems=problems,
    )
