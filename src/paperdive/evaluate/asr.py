"""Listening: how well Whisper understands the voices, against the script."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from paperdive.audio.align import WHISPER_RATE, whisper_model
from paperdive.audio.master import resample
from paperdive.audio.speech import speech_text
from paperdive.evaluate.audio import Recording, Words
from paperdive.evaluate.report import Check, load
from paperdive.models import Script, WordTiming
from paperdive.store import EpisodeDir

ASR_TURNS = 5
ASR_MIN_WORDS = 4
ASR_MAX_WER = 0.05
MAX_JOINED_WORDS = 6  # letters of a spelled-out acronym
ASR_PAD_S = 0.15  # under half the pause between turns, so no neighbour leaks in
# Papers in British spelling ("summarises"), Whisper in American ("summarizes")
_BRITISH_SUFFIX = re.compile(r"(?<=\w{2})is(e|es|ed|er|ers|ing|ation|ations)$")


def comparable_words(text: str) -> list[str]:
    """Words as said aloud, lower-cased, without punctuation: "3.3x" and "three point three
    times" compare equal, so do "GPUs" and "G P U's"."""
    spoken = speech_text(text, {}).lower().replace("'", "").replace("-", " ")
    return [_BRITISH_SUFFIX.sub(r"iz\1", word) for word in re.findall(r"[a-z0-9]+", spoken)]


def _rejoin(words: list[str], vocabulary: set[str]) -> list[str]:
    """Join neighbours that the other side writes as one word: "speed up" / "speedup",
    "e a g l e" / "eagle"; longest join first."""
    joined: list[str] = []
    i = 0
    while i < len(words):
        for span in range(min(MAX_JOINED_WORDS, len(words) - i), 1, -1):
            candidate = "".join(words[i : i + span])
            if candidate in vocabulary:
                joined.append(candidate)
                i += span
                break
        else:
            joined.append(words[i])
            i += 1
    return joined


def word_errors(reference_text: str, heard_text: str) -> tuple[int, int]:
    """(word errors, reference words) between what the script says and what was heard."""
    reference, heard = comparable_words(reference_text), comparable_words(heard_text)
    reference, heard = _rejoin(reference, set(heard)), _rejoin(heard, set(reference))
    return edit_distance(reference, heard), len(reference)


def edit_distance(reference: list[str], heard: list[str]) -> int:
    """Word-level Levenshtein distance: substitutions + deletions + insertions."""
    row = list(range(len(heard) + 1))
    for i, ref_word in enumerate(reference, 1):
        diagonal, row[0] = row[0], i
        for j, heard_word in enumerate(heard, 1):
            diagonal, row[j] = (
                row[j],
                min(row[j] + 1, row[j - 1] + 1, diagonal + (ref_word != heard_word)),
            )
    return row[-1]


def _sampled_turns(script: Script, words: list[WordTiming]) -> list[int]:
    timed = {w.turn for w in words if w.end > w.start}
    candidates = [
        i
        for i, turn in enumerate(script.turns)
        if i in timed and len(comparable_words(turn.text)) >= ASR_MIN_WORDS
    ]
    if len(candidates) <= ASR_TURNS:
        return candidates
    step = len(candidates) / ASR_TURNS
    return [candidates[int(k * step + step / 2)] for k in range(ASR_TURNS)]


def _turn_audio(samples: np.ndarray, rate: int, words: Iterable[WordTiming]) -> np.ndarray:
    spans = [(w.start, w.end) for w in words]
    start = max(0.0, min(s for s, _ in spans) - ASR_PAD_S)
    end = max(e for _, e in spans) + ASR_PAD_S
    return resample(samples[int(start * rate) : int(end * rate)].mean(axis=1), rate, WHISPER_RATE)


def word_error_rate(episode: EpisodeDir, recording: Recording, script: Script) -> Check:
    """What Whisper tiny.en hears in up to five turns of the MP3, against the script."""
    name = f"Whisper word error ({ASR_TURNS} turns at most)"
    if not episode.has("words"):
        return Check(area="listening", name=name, result="no words.json", target="", passed=None)
    words = load(episode, "words", Words).words
    chosen = _sampled_turns(script, words)
    if not chosen:
        return Check(
            area="listening", name=name, result="no turns to sample", target="", passed=None
        )
    model = whisper_model()
    samples, rate = recording
    errors = reference_total = 0
    problems = []
    for index in chosen:
        clip = _turn_audio(samples, rate, (w for w in words if w.turn == index))
        segments, _ = model.transcribe(
            clip, language="en", beam_size=5, condition_on_previous_text=False
        )
        heard = " ".join(segment.text for segment in segments)
        distance, words_said = word_errors(script.turns[index].text, heard)
        errors += distance
        reference_total += words_said
        if distance:
            problems.append(
                f"turn {index + 1} ({distance / words_said:.0%}): heard {heard.strip()!r}"
            )
    wer = errors / reference_total
    return Check(
        area="listening",
        name=name,
        result=f"{wer:.1%} over {len(chosen)} turns, {reference_total} words",
        target=f"≤ {ASR_MAX_WER:.0%}",
        passed=wer <= ASR_MAX_WER,
        problems=problems,
    )
