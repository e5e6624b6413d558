"""The conversation as the extractive writer builds it: the hosts' templated lines
(lines.toml), drawn without tiring repetition, and the turns said so far."""

from __future__ import annotations

import random
import re
import tomllib
from collections import defaultdict, deque
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from paperdive.models import HostRole, SourceRef, Turn
from paperdive.writing.sentences import (
    MAX_REPEATABLE_WORDS,
    Sentence,
    third_person,
    word_runs,
    words_of,
)

# First words a lead-in like "And" may lower-case: never a name or an acronym.
_SENTENCE_STARTERS_TEXT = (
    "the a an this these that those it its in on for each every all both such when while "
    "to given as by with although since because if there here most many some one two "
    "using after before during instead unlike their they"
)
SENTENCE_STARTERS = frozenset(_SENTENCE_STARTERS_TEXT.split())
CONTRASTS = ("However", "But ", "Yet ", "Still,", "Nevertheless", "Nonetheless", "Although")
_AUTHORS_AGAIN = re.compile(r"(?<=[.!?] )The authors\b")


@cache
def host_lines() -> dict[str, list[str]]:
    return tomllib.loads(files("paperdive.writing").joinpath("lines.toml").read_text("utf-8"))


class LinePicker:
    """Draws template lines at random: a line longer than MAX_REPEATABLE_WORDS words is used
    once per episode; a shorter one not again until half of its siblings have had a turn."""

    def __init__(self, seed: str, fields: dict[str, str]):
        self._rng = random.Random(seed)
        self._fields = fields
        self._used: set[str] = set()
        self._recent: dict[str, deque[str]] = {}

    def has(self, kind: str) -> bool:
        return kind in host_lines()

    def pick(self, kind: str, **extra: str) -> str | None:
        """A line of `kind`; "What about the {topic}?" counts as used whatever its topic, so
        three questions in a row do not share one template."""
        templates = host_lines().get(kind, [])
        options = {t: t.format(**self._fields, **extra) for t in templates}
        repeatable = [t for t, o in options.items() if len(words_of(o)) <= MAX_REPEATABLE_WORDS]
        recent = self._recent.setdefault(kind, deque(maxlen=max(1, len(repeatable) // 2)))
        fresh = [t for t, o in options.items() if o not in self._used and t not in recent]
        if not fresh:
            return None
        template = self._rng.choice(fresh)
        recent.append(template)
        if template not in repeatable:
            self._used.add(options[template])
        return options[template]

    def chance(self, probability: float) -> bool:
        return self._rng.random() < probability


class Conversation:
    """The turns so far; a host's consecutive lines in one chapter make one turn."""

    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.beats: dict[int, list[Sentence]] = defaultdict(list)  # paper lines, by chapter
        self.last_beat: Sentence | None = None
        self._runs: set[tuple[str, ...]] = set()

    @property
    def runs(self) -> set[tuple[str, ...]]:
        """The 8-word runs of the paper's lines said so far."""
        return self._runs

    def is_fresh(self, sentence: Sentence) -> bool:
        """False when the sentence shares an 8-word run with one already spoken."""
        return not word_runs(third_person(sentence.text)) & self._runs

    def say(
        self,
        host: HostRole,
        text: str | None,
        chapter: int,
        source: Sentence | None = None,
        new_turn: bool = False,
        cites: Sequence[SourceRef] = (),
    ) -> None:
        """The host says `text` (the paper's `source`, when it is one, or the passages it
        `cites`: a table's caption), in the turn being spoken when it is theirs, unless
        `new_turn` (a new paragraph of the same host)."""
        if not text:
            return
        refs = [SourceRef(section=source.section, quote=source.original)] if source else []
        refs += cites
        if source is not None:
            self.beats[chapter].append(source)
            self.last_beat = source
            self._runs |= word_runs(third_person(source.text))
        if self.speaker(chapter) == host and not new_turn:
            last = self.turns[-1]
            last.text = _AUTHORS_AGAIN.sub("They", f"{last.text} {text}")
            last.source_refs += refs
        else:
            self.turns.append(Turn(host=host, text=text, chapter=chapter, source_refs=refs))

    def speaker(self, chapter: int) -> HostRole | None:
        """Who is talking now, if anyone has spoken in this chapter."""
        if self.turns and self.turns[-1].chapter == chapter:
            return self.turns[-1].host
        return None

    def turn_words(self, chapter: int) -> int:
        """Words in the turn now being spoken in this chapter."""
        return len(self.turns[-1].text.split()) if self.speaker(chapter) else 0

    def asked(self, chapter: int) -> bool:
        """Whether the turn now being spoken ends in a question."""
        return self.speaker(chapter) is not None and self.turns[-1].text.endswith("?")

    def words(self, chapter: int) -> int:
        return sum(len(t.text.split()) for t in self.turns if t.chapter == chapter)

    def spoken(self) -> str:
        """Everything said so far, as one text."""
        return " ".join(turn.text for turn in self.turns)

    def share(self, host: HostRole) -> float:
        """The host's share of the words said so far."""
        said = {"explainer": 0, "skeptic": 0}
        for turn in self.turns:
            said[turn.host] += len(turn.text.split())
        return said[host] / max(sum(said.values()), 1)


def listing(items: list[str]) -> str:
    """Items as said: "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def join(lead: str | None, sentence: str) -> str:
    """Attach a lead-in; one that runs into the sentence ("And …") needs a first word that is
    safe to lower-case, else the sentence is said without it."""
    if not lead:
        return sentence
    if lead.endswith((":", ".", "?", "!")):
        return f"{lead} {sentence}"
    if sentence.startswith(CONTRASTS):
        return sentence  # "And however, …" says nothing
    first, _, rest = sentence.partition(" ")
    if first.lower() not in SENTENCE_STARTERS:
        return sentence
    return f"{lead} {first.lower()} {rest}"
