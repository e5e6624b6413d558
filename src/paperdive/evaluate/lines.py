"""Where a script's sentences come from: each is found in the paper by the runs of words it
shares with a section, the hosts' change of person ("we" → "the authors") aside.

The content checks (filler, question fit, provenance, boilerplate) all ask the same thing
of a sentence: does it say something from the paper, and from which section?
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from paperdive.models import Paper, Script
from paperdive.writing.sections import ABSTRACT, SectionRole, section_roles
from paperdive.writing.sentences import split_sentences

RUN = 5  # words in a row a sentence must share with a section to come from it
# Words that change when a host reports the paper ("we" → "the authors"): not compared.
_PERSON = frozenset(
    [
        "we",
        "our",
        "us",
        "ours",
        "ourselves",
        "i",
        "my",
        "me",
        "they",
        "their",
        "them",
        "theirs",
        "themselves",
        "the",
        "authors",
        "author",
        "here",
        "paper",
        "work",
        "this",
        "that",
        "a",
        "an",
    ]
)
_WORD = re.compile(r"[a-z0-9]+(?:['’.][a-z0-9]+)*")


def content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _PERSON]


def runs_of(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    words = content_words(text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@dataclass
class PaperLines:
    """The papers' sections by their runs of words, to find where a line comes from."""

    papers: list[Paper]
    _where: dict[tuple[str, ...], set[tuple[str, SectionRole]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A host naming the paper is not quoting it.
        titles = {run for paper in self.papers for run in runs_of(paper.title)}
        for paper in self.papers:
            blocks = [(ABSTRACT, "abstract", paper.abstract)]
            roles = section_roles(paper)
            blocks += [(s.title, r, s.text) for s, r in zip(paper.sections, roles, strict=True)]
            for title, role, text in blocks:
                for run in runs_of(text) - titles:
                    self._where.setdefault(run, set()).add((title, role))  # type: ignore[arg-type]

    def sources(self, sentence: str) -> list[tuple[str, SectionRole]]:
        """The sections a sentence of the script was taken from (a paper may say the same
        thing in its introduction and its conclusion), most likely first; none if it says
        nothing from the paper."""
        found = Counter(where for r in runs_of(sentence) for where in self._where.get(r, ()))
        if not found:
            return []
        best = max(found.values())
        return [where for where, n in found.most_common() if n >= best / 2]

    def paper_runs(self, sentence: str) -> set[tuple[str, ...]]:
        """The runs of words a sentence of the script shares with the papers."""
        return {r for r in runs_of(sentence) if r in self._where}

    def source(self, sentence: str) -> tuple[str, SectionRole] | None:
        """The section a sentence of the script was most likely taken from, if any."""
        found = self.sources(sentence)
        return found[0] if found else None

    def from_paper(self, text: str) -> bool:
        return any(self.source(s) is not None for s in split_sentences(text))


def turn_sentences(script: Script) -> list[list[str]]:
    """Each turn's sentences, as the checks read them."""
    return [split_sentences(turn.text) for turn in script.turns]
