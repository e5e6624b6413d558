"""The conversation as the extractive writer builds it: the hosts' templated lines
(lines.toml), drawn without tiring repetition, and the turns said so far."""

from __future__ import annotations

import random
import tomllib
from collections import defaultdict, deque
from functools import cache
from importlib.resources import files

from paperdive.models import HostRole, SourceRef, Turn
from paperdive.writing.roles import Role, sentence_role
from paperdive.writing.sentences import MAX_REPEATABLE_WORDS, Sentence, word_runs, words_of

# First words a lead-in like "They write that" may lower-case: never a name or an acronym.
_SENTENCE_STARTERS_TEXT = (
    "the a an this these that those it its in on for each every all both such when while "
    "to given as by with although since because if there here most many some one two "
    "using after before during however instead unlike their"
)
SENTENCE_STARTERS = frozenset(_SENTENCE_STARTERS_TEXT.split())
CONTRASTS = ("However", "But ", "Yet ", "Still,", "Nevertheless", "Nonetheless")


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

    def pick(self, kind: str, **extra: str) -> str | None:
        options = [line.format(**self._fields, **extra) for line in host_lines()[kind]]
        repeatable = [o for o in options if len(words_of(o)) <= MAX_REPEATABLE_WORDS]
        recent = self._recent.setdefault(kind, deque(maxlen=max(1, len(repeatable) // 2)))
        fresh = [o for o in options if o not in self._used and o not in recent]
        if not fresh:
            return None
        line = self._rng.choice(fresh)
        recent.append(line)
        if line not in repeatable:
            self._used.add(line)
        return line

    def chance(self, probability: float) -> bool:
        return self._rng.random() < probability


class Conversation:
    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.last_was_beat = False  # whether the last thing said was one of the paper's lines
        self.last_role: Role | None = None  # the role of the last paper line said
        self.beats: dict[int, list[Sentence]] = defaultdict(list)  # paper lines, by chapter
        self._runs: set[tuple[str, ...]] = set()

    def is_fresh(self, sentence: str) -> bool:
        """False when the sentence shares an 8-word run with one already spoken."""
        runs = word_runs(sentence)
        if runs & self._runs:
            return False
        self._runs |= runs
        return True

    def say(
        self, host: HostRole, text: str | None, chapter: int, source: Sentence | None = None
    ) -> None:
        if not text:
            return
        self.last_was_beat = source is not None
        refs = [SourceRef(section=source.section, quote=source.original)] if source else []
        if source is not None:
            self.beats[chapter].append(source)
            self.last_role = sentence_role(source)
        if self.turns and self.turns[-1].host == host and self.turns[-1].chapter == chapter:
            last = self.turns[-1]
            last.text = f"{last.text} {text}"
            last.source_refs += refs
        else:
            self.turns.append(Turn(host=host, text=text, chapter=chapter, source_refs=refs))

    def words(self, chapter: int) -> int:
        return sum(len(t.text.split()) for t in self.turns if t.chapter == chapter)

    def share(self, host: HostRole) -> float:
        """The host's share of the words said so far."""
        said = {"explainer": 0, "skeptic": 0}
        for turn in self.turns:
            said[turn.host] += len(turn.text.split())
        return said[host] / max(sum(said.values()), 1)

    @property
    def previous(self) -> Turn | None:
        return self.turns[-1] if self.turns else None


def join(lead: str, sentence: str) -> str:
    """Attach a lead-in; one that runs into the sentence ("They write that …") needs a first
    word that is safe to lower-case, else the sentence is said without it."""
    if not lead:
        return sentence
    if sentence.startswith(CONTRASTS):
        return sentence  # "For context: However, …" answers nothing
    if lead.endswith(":") or lead.endswith("."):
        return f"{lead} {sentence}"
    first, _, rest = sentence.partition(" ")
    if first.lower() not in SENTENCE_STARTERS:
        return sentence
    return f"{lead} {first.lower()} {rest}"
