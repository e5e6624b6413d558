"""Stage 4, check: every number and named result in a script, matched against the paper.

A check item records the passage the claim was matched against, so a reader of review.json
can see why a line was trusted. Repeated sentences and 8-word runs are flagged here too.
"""

from __future__ import annotations

import re

from paperdive.models import CheckItem, Paper, Review, Script
from paperdive.writing.sentences import (
    MAX_REPEATABLE_WORDS,
    NUMBER,
    clean_for_speech,
    split_sentences,
    vocabulary,
    word_runs,
    words_of,
)

# Model, benchmark and method names: capitalised words with digits or inner capitals.
NAMED = re.compile(r"\b(?:[A-Z][A-Za-z]*-?\d[\w.\-]*|[A-Z][a-z]*[A-Z][\w\-]*|[A-Z]{2,}[\w\-]*)")
RUN_LENGTH = 8


def normalise_number(text: str) -> str:
    return text.replace(",", "").replace(" ", "").replace("×", "x").rstrip(".")


class PaperIndex:
    """What the papers say, for looking up a number or a name and the sentence around it."""

    def __init__(self, papers: list[Paper]):
        self.sentences: list[tuple[str, str | None]] = []
        # Names are also looked up in the sentences as the hosts say them (ligatures resolved,
        # line-break hyphens undone), so a line taken from the paper finds itself.
        self._spoken: list[str] = []
        for paper in papers:
            found = [(s, "Abstract") for s in split_sentences(paper.abstract)]
            for section in paper.sections:
                found += [(s, section.title) for s in split_sentences(section.text)]
            found += [(c.text, c.label) for c in paper.captions]
            found += [(n.sentence, n.section) for n in paper.numbers]
            known = vocabulary(paper)
            self._spoken += [clean_for_speech(s, known) for s, _ in found]
            self.sentences += found
        self._numbers: dict[str, tuple[str, str | None]] = {}
        for sentence, section in self.sentences:
            for match in NUMBER.finditer(sentence):
                self._numbers.setdefault(normalise_number(match.group(0)), (sentence, section))
        self._text = "\n".join([s for s, _ in self.sentences] + self._spoken + [papers[0].title])

    def find_number(self, number: str) -> tuple[str, str | None] | None:
        return self._numbers.get(normalise_number(number))

    def find_name(self, name: str) -> tuple[str, str | None] | None:
        if name not in self._text:
            return None
        return next(
            (
                (s, sec)
                for (s, sec), spoken in zip(self.sentences, self._spoken, strict=True)
                if name in s or name in spoken
            ),
            (name, None),
        )


def check_script(script: Script, papers: list[Paper]) -> Review:
    """Ground numbers and names; ungrounded ones are flagged for the revise stage."""
    index = PaperIndex(papers)
    items: list[CheckItem] = []
    for position, turn in enumerate(script.turns):
        for number in dict.fromkeys(m.group(0).strip() for m in NUMBER.finditer(turn.text)):
            items.append(_item("number", position, number, index.find_number(number)))
        for name in dict.fromkeys(NAMED.findall(turn.text)):
            if name not in script.hosts.values():
                items.append(_item("named_result", position, name, index.find_name(name)))
    items += repetitions(script)
    return Review(items=items)


def _item(kind: str, turn: int, text: str, found: tuple[str, str | None] | None) -> CheckItem:
    if found is None:
        return CheckItem(
            kind=kind, turn=turn, text=text, status="flagged", note="not found in the paper"
        )
    passage, section = found
    return CheckItem(
        kind=kind, turn=turn, text=text, status="grounded", evidence=passage, section=section
    )


def repetitions(script: Script) -> list[CheckItem]:
    """Sentences, and runs of eight words, that already appeared earlier in the script."""
    seen_sentences: set[str] = set()
    seen_runs: set[tuple[str, ...]] = set()
    items = []
    for position, turn in enumerate(script.turns):
        for sentence in split_sentences(turn.text):
            words = words_of(sentence)
            key = " ".join(words)
            runs = word_runs(sentence, RUN_LENGTH)
            repeated_sentence = key in seen_sentences and len(words) > MAX_REPEATABLE_WORDS
            if repeated_sentence or runs & seen_runs:
                items.append(
                    CheckItem(
                        kind="repetition",
                        turn=position,
                        text=sentence,
                        status="flagged",
                        note="repeats an earlier sentence"
                        if repeated_sentence
                        else f"repeats an earlier run of {RUN_LENGTH} words",
                    )
                )
                continue
            seen_sentences.add(key)
            seen_runs |= runs
    return items
