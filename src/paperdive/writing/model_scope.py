"""Which papers of a digest a line is about, so that each paper's fact-check reads the lines
about that paper (and only judges those), and a chapter's passages follow its beats paper by
paper.

A line is about a paper when it names the paper (its short name or the head of its title, also
cut short: "batch norm"), or uses a name or states a figure that only that paper has (a name or
figure two papers have counts for each of them by half; one more papers have counts for none).
A line with no such evidence ("Does it hold up?") is about the paper the conversation is on,
within its chapter; a chapter's opening line without any, about what the next line is about.
A line that moves from one paper to the next is about both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from paperdive.models import Paper, Turn
from paperdive.writing.check import PaperIndex, name_forms, names_in
from paperdive.writing.digest_names import short_name
from paperdive.writing.quantities import Quantity, quantities, supports
from paperdive.writing.titles import readable_title

TITLE_WEIGHT = 3.0  # the line names the paper
NAME_WEIGHT = 1.0  # a name only this paper has (shared names count in part)
FIGURE_WEIGHT = 1.0  # a figure only this paper states (shared figures count in part)
DISTINCT = 2  # a name or figure more papers have than this tells nothing
ENOUGH = 1.0  # evidence enough that a line is about a paper: one figure or name only it has
PREFIX = 4  # a spoken title word may be cut to its first letters: "batch norm"
PROPER = 0.9  # a title's first word is a name when the paper capitalises it this often
CONTEXT_BEFORE = 2  # turns shown before a turn a paper's fact-check judges
CONTEXT_AFTER = 1


@dataclass
class ScriptLine:
    """One line of a fact-check request's script: a turn, or a gap of turns left out."""

    number: int  # 1-based turn number (the first turn of a gap)
    speaker: str = ""
    text: str = ""
    check: bool = True  # judged by this request; else shown for context only
    gap: int = 0  # how many turns were left out here (a gap line has no text)


class PaperScope:
    """The papers of an episode, each with its own index, for telling which a line is about."""

    def __init__(self, papers: Sequence[Paper], indexes: Sequence[PaperIndex] | None = None):
        self.papers = list(papers)
        self.indexes = list(indexes) if indexes is not None else [PaperIndex([p]) for p in papers]
        self._titles = _title_forms(self.papers)
        self._names: dict[str, frozenset[int]] = {}
        self._figures: dict[Quantity, frozenset[int]] = {}

    def evidence(self, text: str) -> dict[int, float]:
        """How strongly `text` points at each paper (papers it does not point at are left out)."""
        scores: dict[int, float] = {}
        for paper, forms in enumerate(self._titles):
            named = False
            for form in forms:
                named = named or bool(form.search(text))
                text = form.sub(lambda m: " " * len(m.group(0)), text)  # its words name it
            if named:
                scores[paper] = scores.get(paper, 0.0) + TITLE_WEIGHT
        for name in dict.fromkeys(n.rstrip(".-,;:") for n in names_in(text)):
            self._add(scores, self.holders_of_name(name), NAME_WEIGHT)
        for said in quantities(text):
            if not said.minor and not said.illustrative:
                self._add(scores, self.holders_of_figure(said), FIGURE_WEIGHT)
        return scores

    def _add(self, scores: dict[int, float], holders: frozenset[int], weight: float) -> None:
        """Evidence for the papers holding a name or figure, when it tells them apart."""
        if 0 < len(holders) <= DISTINCT and len(holders) < len(self.papers):
            for paper in holders:
                scores[paper] = scores.get(paper, 0.0) + weight / len(holders)

    def about(self, text: str, among: Sequence[int] | None = None) -> set[int]:
        """The papers `text` is about (of `among`, when given): those it points at with
        evidence enough."""
        scores = self.evidence(text)
        return {p for p, s in scores.items() if s >= ENOUGH and (among is None or p in among)}

    def holders_of_name(self, name: str) -> frozenset[int]:
        if name not in self._names:
            held = frozenset(
                p
                for p, index in enumerate(self.indexes)
                if name_forms(name) and index.find_name(name) is not None
            )
            self._names[name] = held
        return self._names[name]

    def holders_of_figure(self, said: Quantity) -> frozenset[int]:
        key = replace(said, text="", start=0, end=0)
        if key not in self._figures:
            self._figures[key] = frozenset(
                p for p, index in enumerate(self.indexes) if _states(index, said)
            )
        return self._figures[key]

    def turn_papers(self, turns: Sequence[Turn]) -> list[set[int]]:
        """For each turn, the papers it is about: those its own evidence points at, and the
        paper the conversation was on before it (within its chapter), so a line that moves on
        ("The third paper, MoBA, …") or mentions another paper in passing ("the authors point
        to long outputs like Kimi k1.5's") is judged by both; a turn without evidence is about
        what the conversation was on, a chapter's opening turn without any, about what the
        turn after it is about; a chapter with no evidence at all is about every paper."""
        own = [self.about(turn.text) for turn in turns]
        found: list[set[int]] = []
        topic: set[int] = set()
        for n, turn in enumerate(turns):
            if n and turns[n - 1].chapter != turn.chapter:
                topic = set()
            found.append(own[n] | topic)
            topic = set(own[n]) or topic
        for n in range(len(turns) - 2, -1, -1):
            if not found[n] and turns[n + 1].chapter == turns[n].chapter:
                found[n] = set(found[n + 1])
        everyone = set(range(len(self.papers)))
        return [f or set(everyone) for f in found]


def scoped_lines(numbered: Sequence[tuple[str, str]], checked: set[int]) -> list[ScriptLine]:
    """The script as one paper's fact-check reads it: the `checked` turns (0-based) with
    the turns around them for context, and a gap line for each run of turns left out.
    `numbered` is each turn's (speaker, text)."""
    shown = set(checked)
    for turn in checked:
        shown |= set(range(turn - CONTEXT_BEFORE, turn + CONTEXT_AFTER + 1))
    lines: list[ScriptLine] = []
    for turn, (speaker, text) in enumerate(numbered):
        if turn in shown:
            lines.append(ScriptLine(turn + 1, speaker, text, check=turn in checked))
        elif lines and lines[-1].gap:
            lines[-1].gap += 1
        else:
            lines.append(ScriptLine(turn + 1, gap=1))
    return lines


def _title_forms(papers: Sequence[Paper]) -> list[list[re.Pattern[str]]]:
    """How a line names each paper: its short name or the head of its title, whole or with
    its words cut short ("batch norm" for Batch Normalization), and the first word of its
    short name when that is a name no other paper's title has ("Kimi" for Kimi k1.5)."""
    heads = [_heads(p) for p in papers]
    firsts = [_first_word(p, h) for p, h in zip(papers, heads, strict=True)]
    forms: list[list[re.Pattern[str]]] = []
    for n, own in enumerate(heads):
        patterns = [_spoken(head) for head in own]
        others = " ".join(h.lower() for m, hs in enumerate(heads) if m != n for h in hs)
        first = firsts[n]
        if first and not re.search(rf"\b{re.escape(first.lower())}\b", others):
            patterns.append(re.compile(rf"\b{re.escape(first)}\b"))
        forms.append(patterns)
    return forms


def _heads(paper: Paper) -> list[str]:
    title = readable_title(paper)
    head = title.split(":")[0].strip()
    return [h for h in dict.fromkeys((short_name(paper), head)) if len(h) >= 3]


def _spoken(head: str) -> re.Pattern[str]:
    """A title as a host may say it: its words in order, long words possibly cut short,
    any case, spaces or hyphens between them."""
    words = re.findall(r"[^\W_]+", head)
    parts = [
        re.escape(w[:PREFIX]) + r"[^\W_]*" if len(w) > PREFIX and w.isalpha() else re.escape(w)
        for w in words
    ]
    return re.compile(r"(?<![^\W_])" + r"[\s\-.]*".join(parts) + r"(?![^\W_])", re.IGNORECASE)


def _first_word(paper: Paper, heads: list[str]) -> str | None:
    """The first word of the paper's short name, when the paper writes it as a name."""
    words = re.findall(r"[A-Za-z][\w-]*", heads[0]) if heads else []
    if len(words) < 2 or not words[0][0].isupper() or len(words[0]) < 3:
        return None
    word = words[0]
    text = paper.full_text()
    capitalised = len(re.findall(rf"\b{re.escape(word)}\b", text))
    lowered = len(re.findall(rf"\b{re.escape(word.lower())}\b", text))
    total = capitalised + lowered
    return word if total and capitalised / total >= PROPER else None


def _states(index: PaperIndex, said: Quantity) -> bool:
    return any(
        supports(stated, said)
        for passage in index.passages
        if not passage.spoken
        for stated in passage.quantities
    )
