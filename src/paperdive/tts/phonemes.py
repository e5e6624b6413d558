"""Word times from phoneme times, for engines that report when each phoneme is spoken."""

from __future__ import annotations

from collections.abc import Iterable

from paperdive.tts.base import SpokenWord

NOT_SPOKEN = set(" ,.;:!?—…\"'()^$_")  # punctuation, and Piper's start/end/pad symbols


def words_from_phoneme_times(
    text: str, phonemes: Iterable[tuple[str, float, float]]
) -> list[SpokenWord] | None:
    """Pair the text's words with the phoneme runs between spaces; None if they do not pair up.

    espeak keeps one phoneme word per written word for normalised text, so a count that
    disagrees means this text cannot be trusted word by word (the caller falls back).
    """
    spans: list[tuple[float, float]] = []
    start: float | None = None
    end = 0.0
    for phoneme, phoneme_start, phoneme_end in phonemes:
        if phoneme == " ":
            if start is not None:
                spans.append((start, end))
            start = None
        elif phoneme not in NOT_SPOKEN:
            start = phoneme_start if start is None else start
            end = phoneme_end
    if start is not None:
        spans.append((start, end))
    words = text.split()
    if len(words) != len(spans):
        return None
    return [SpokenWord(w, float(s), float(e)) for w, (s, e) in zip(words, spans, strict=True)]
