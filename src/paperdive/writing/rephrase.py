"""extractive+local: a small local model may reword one line, but never add to it.

A rewording is kept only when every number and every content word it uses already appears
in the paper's sentence; anything else falls back to the sentence as the paper wrote it.
"""

from __future__ import annotations

import re

from paperdive.errors import LLMError
from paperdive.llm import LLM, Usage
from paperdive.writing.model_stages import render
from paperdive.writing.sentences import numbers_in

# Words a rewording may add: grammar, not facts.
_FUNCTION_WORDS_TEXT = (
    "a an the and or but so of to in on at by for with from as is are was were be been it "
    "its this that these those they them their there here which who what how when than "
    "then also very more most less can could may might will would do does did has have "
    "had not no into about over under such each both all any some one uses use using used "
    "show shows shown"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
MAX_LENGTH_RATIO = 1.3


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z\-]+", text.lower()) if w not in FUNCTION_WORDS}


def adds_nothing(original: str, candidate: str) -> bool:
    """True when the candidate keeps the original's numbers and brings in no new word."""
    if not candidate or len(candidate) > MAX_LENGTH_RATIO * len(original):
        return False
    if sorted(numbers_in(candidate)) != sorted(numbers_in(original)):
        return False
    names = set(re.findall(r"\b[A-Z][\w\-]*[A-Z0-9][\w\-]*\b", candidate))
    if not names <= set(re.findall(r"\b[A-Z][\w\-]*[A-Z0-9][\w\-]*\b", original)):
        return False
    return _content_words(candidate) <= _content_words(original)


class LocalRephraser:
    """Rewords lines with a local model; counts how many rewordings were kept."""

    def __init__(self, llm: LLM, usage: Usage):
        self.llm = llm
        self.usage = usage
        self.kept = 0
        self.rejected = 0

    def __call__(self, sentence: str) -> str:
        try:
            completion = self.llm.complete(
                "You reword sentences for speech.",
                render("rephrase", sentence=sentence),
                max_tokens=96,
            )
        except LLMError:
            self.rejected += 1
            return sentence
        self.usage.add(completion.usage)
        candidate = " ".join(completion.text.strip().strip('"').split())
        if completion.truncated or not adds_nothing(sentence, candidate):
            self.rejected += 1
            return sentence
        self.kept += 1
        return candidate
