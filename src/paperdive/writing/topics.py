"""Whether two lines of a paper are about the same thing, by the longer words they share."""

from __future__ import annotations

import re

from paperdive.writing.sentences import Sentence


def same_subject(beat: Sentence, before: Sentence) -> bool:
    """Whether a line goes on about what the line before it was about: the next line of
    the paper, or a longer word of the subject in common (not the method's name alone)."""
    return beat.order == before.order + 1 or shares_topic(beat, before)


def shares_topic(beat: Sentence, before: Sentence) -> bool:
    """Whether two lines have a longer word of their subject in common."""
    return bool(topic_words(beat.text) & topic_words(before.text) - GENERIC_TOPIC)


GENERIC_TOPIC = frozenset(
    ["which", "their", "these", "there", "other", "using", "based", "model", "models",
     "method", "methods", "results", "training", "approach", "paper", "authors", "while"]
)  # fmt: skip


def topic_words(text: str) -> set[str]:
    """Longer words of a line: what two lines must share to be about the same thing."""
    return set(re.findall(r"[a-z][a-z\-]{4,}", text.lower()))
