"""A set the paper names in full only where it brings it in ("playing Atari games"), and
afterwards as "the games": said in full ("some of the Atari games"), so that a listener who
never heard the line that brought it in knows which games (TRPO's listener: "the games?")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

# Nouns for a set of things a paper tests on, each named by what they are ("Atari games",
# "MuJoCo tasks").
_SET = r"games|tasks|datasets|benchmarks|environments|domains|problems|languages|corpora"
_MENTION = re.compile(rf"(?<![\w-])([\w-]+) ({_SET})\b")
_DEFINITE = frozenset(["the", "these", "those"])
# Words before the noun that refer to the set without saying what it is ("the same seven
# games", "slight variation between games").
_REFERRING = (
    "a all any both each every few many most several some other same such more two three four "
    "five six seven eight nine ten of on in across for from with to over among between our "
    "their its this that multiple various different new additional"
)
_NEUTRAL = _DEFINITE | frozenset(_REFERRING.split())
_QUALIFIER = re.compile(r"[A-Z][A-Za-z0-9-]*$")  # "Atari", "MuJoCo", "MNIST"
_SENTENCE_END = re.compile(r"[.!?]\s+$")
MIN_QUALIFIED = 2  # mentions with the qualifier: one could be a passing name


@dataclass(frozen=True)
class Qualifiers:
    """Each set noun every mention of which, but "the …", carries one and the same name."""

    named: dict[str, str] = field(default_factory=dict)  # "games" → "Atari"

    @classmethod
    def of(cls, text: str) -> Qualifiers:
        before: dict[str, Counter[str]] = {}
        for found in _MENTION.finditer(text):
            word, noun = found.groups()
            start = found.start()
            if start == 0 or _SENTENCE_END.search(text[max(0, start - 3) : start]):
                continue  # "Multiple datasets …": a capital by position, not a name
            if word.lower() not in _NEUTRAL and not word.isdigit():
                before.setdefault(noun, Counter())[word] += 1
        named = {}
        for noun, words in before.items():
            (word, count), *others = words.most_common()
            if not others and count >= MIN_QUALIFIED and _QUALIFIER.match(word):
                named[noun] = word
        return cls(named)

    def apply(self, text: str) -> str:
        """ "the games" said as "the Atari games"."""
        if self._definite is None:
            return text
        return self._definite.sub(lambda m: f"{m[1]} {self.named[m[2]]} {m[2]}", text)

    @cached_property
    def _definite(self) -> re.Pattern[str] | None:
        """ "the games", not "the games of prior work" (said what they are already)."""
        if not self.named:
            return None
        nouns = "|".join(map(re.escape, self.named))
        determiners = "|".join(f"[{d[0].upper()}{d[0]}]{d[1:]}" for d in sorted(_DEFINITE))
        return re.compile(rf"\b({determiners}) ({nouns})\b(?! (?:of|from|in|used)\b)")
