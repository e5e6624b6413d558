"""One role per line of a paper, decided once, in order of certainty.

Roles: front matter (title, byline, abstract, keywords, permission blocks), heading, body
prose, caption, table cell, figure text, footnote, display equation, reference entry, table
of contents, page furniture. Captions find what they label on the side the paper puts its
captions (learnt from the clear cases); footnotes sit under their column's prose and read
as words or a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from paperdive.ingestion.frontmatter import FrontMatter
from paperdive.ingestion.headings import (
    REFERENCE_TITLES,
    Heading,
    is_toc_line,
    simplify,
    starts_block,
)
from paperdive.ingestion.layout import LEFT, RIGHT, WIDE, Layout, TextLine
from paperdive.ingestion.tables import table_rows
from paperdive.ingestion.text import collapse_spaces, join_lines
from paperdive.models import Caption, Footnote, Table

Role = Literal[
    "front", "abstract", "heading", "body", "caption", "table", "figure", "footnote",
    "equation", "reference", "toc", "furniture",
]  # fmt: skip

_CAPTION_START = re.compile(
    r"^(?P<kind>Figure|Fig\.|Table|Tab\.)\s*(?P<id>[A-Z]?\d+(?:\.\d+)?)\s*(?:[:.|]|$)\s*", re.I
)
_FOOTNOTE_START = re.compile(r"^(?P<mark>\d{1,2}|[*∗†‡§¶♯⋆]+)(?:\s+|(?=[A-Z(“\"]))(?=\S)")
_PAGE_FURNITURE = re.compile(
    r"\b(?:proceedings of|copyright|©|\(c\)|licen[cs]e[ds]?|permission to make|"
    r"preprint\.?\s+under review|work in progress|arxiv:\s*\d{4}\.\d{4,5})",
    re.I,
)
_METADATA = re.compile(
    r"(?:key\s*words|index\s+terms|ccs\s+concepts|acm\s+reference\s+format|general\s+terms|"
    r"additional\s+key\s+words|categories\s+and\s+subject|permission\s+to\s+make|"
    r"publication\s+rights|©|copyright)\b",
    re.I,
)
_PLACEHOLDER = re.compile(r'is available in "\w+"\s+format from:?')
EQUATION_LABEL = re.compile(r"^\(\s*(?P<label>[A-Z]?\d{1,3}(?:\.\d{1,3})?[a-z]?)\s*\)$")
TRAILING_LABEL = re.compile(r"\s\(\s*(?P<label>[A-Z]?\d{1,3}(?:\.\d{1,3})?[a-z]?)\s*\)$")
_FOOTNOTE_ZONE = 0.55  # footnotes sit below this fraction of the page height
_MAX_CELL_WORDS = 6


class Roles:
    """One role per layout line, decided once, in order of certainty."""

    def __init__(self, layout: Layout, headings: list[Heading], front: FrontMatter) -> None:
        self.layout = layout
        lines = layout.lines
        self.role: list[Role] = ["body"] * len(lines)
        self.captions: list[Caption] = []
        self.tables: list[Table] = []
        self.footnotes: list[Footnote] = []
        self.front_lines = front.lines
        for index in range(front.end):
            self.role[index] = "front"
        for index in front.abstract_lines:
            self.role[index] = "abstract"
        for heading in headings:
            for offset in range(heading.span):
                self.role[heading.line + offset] = "heading"
        self._placeholders()
        self._references(headings)
        self._table_of_contents(headings, front)
        self._metadata(headings, front)
        self._footnotes()
        self._captions_and_tables()
        self._equations()
        self._small_print()

    def indices(self, role: Role) -> list[int]:
        return [i for i, r in enumerate(self.role) if r == role]

    def _placeholders(self) -> None:
        """arXiv's 'This figure "x.png" is available in "png" format from: URL' pages."""
        lines = self.layout.lines
        for index, line in enumerate(lines):
            if _PLACEHOLDER.search(line.text):
                self.role[index] = "furniture"
                following = index + 1
                if following < len(lines) and lines[following].text.startswith("http"):
                    self.role[following] = "furniture"

    def _references(self, headings: list[Heading]) -> None:
        for position, heading in enumerate(headings):
            if simplify(heading.title) not in REFERENCE_TITLES:
                continue
            end = headings[position + 1].line if position + 1 < len(headings) else len(self.role)
            for index in range(heading.line + heading.span, end):
                if self.role[index] == "body":
                    self.role[index] = "reference"

    def _table_of_contents(self, headings: list[Heading], front: FrontMatter) -> None:
        first = headings[0].line if headings else len(self.role)
        lines = self.layout.lines
        for index in range(front.end, first):
            text = simplify(lines[index].plain)
            if is_toc_line(lines[index]) or text in {"contents", "tableofcontents"}:
                self.role[index] = "toc"

    def _metadata(self, headings: list[Heading], front: FrontMatter) -> None:
        """What a first page prints between the abstract and the first heading that is not
        prose: keywords, CCS concepts, the ACM reference format, copyright and permission
        blocks (in their own small type)."""
        lines = self.layout.lines
        first = headings[0].line if headings else len(lines)
        body = self.layout.body_size
        open_block: int | None = None
        for index in range(front.end, first):
            line = lines[index]
            if line.page > 2 or self.role[index] != "body":
                continue
            if _METADATA.match(line.plain.strip()):
                open_block = line.block
                alone = index + 1 < len(lines) and lines[index + 1].block != line.block
                if alone and len(line.plain.split()) <= 4:
                    open_block = line.block + 1  # 'KEYWORDS' set apart: its list follows
                self.role[index] = "front"
            elif line.block == open_block or line.size < body - 0.5:
                self.role[index] = "front"

    def _footnotes(self) -> None:
        """Small type at the foot of a column, below all its prose, opening with a mark:
        '¹ Code is at ...'; its following lines carry on until the page ends."""
        lines = self.layout.lines
        body = self.layout.body_size
        lowest = self._lowest_prose()
        current: Footnote | None = None
        for index, line in enumerate(lines):
            if self.role[index] not in ("body", "front") or index in self.front_lines:
                current = None
                continue
            small = line.size < body - 0.5
            low = line.bbox[1] > self.layout.page_height(line.page) * _FOOTNOTE_ZONE
            if not (small and low):
                current = None
                continue
            text = line.text.strip()
            if _PAGE_FURNITURE.search(text) and (current is None or current.page != line.page):
                self.role[index] = "furniture"
                current = None
                continue
            match = _FOOTNOTE_START.match(text)
            under_prose = line.bbox[1] > lowest.get((line.page, line.column), 0.0)
            if (line.lead_mark or match) and under_prose and _footnote_like(text):
                mark = line.lead_mark or (match["mark"] if match else None)
                body_text = text if line.lead_mark else text[match.end() :] if match else text
                current = Footnote(mark=mark, text=body_text, page=line.page)
                self.footnotes.append(current)
                self.role[index] = "footnote"
            elif current is not None and current.page == line.page and under_prose:
                current.text = join_lines([current.text, text])
                self.role[index] = "footnote"
            else:
                current = None

    def _lowest_prose(self) -> dict[tuple[int, int], float]:
        """Per page and column, the top of the lowest line of prose-size type."""
        lowest: dict[tuple[int, int], float] = {}
        floor = self.layout.body_size - 0.5
        for line, role in zip(self.layout.lines, self.role, strict=True):
            if role == "body" and line.size >= floor and is_prose(line):
                key = (line.page, line.column)
                lowest[key] = max(lowest.get(key, 0.0), line.bbox[1])
        for (page, column), top in list(lowest.items()):
            if column == WIDE:  # a full-width line sits over both columns
                for side in (LEFT, RIGHT):
                    lowest[(page, side)] = max(lowest.get((page, side), 0.0), top)
        return lowest

    def _captions_and_tables(self) -> None:
        """Captions, then what each labels: the run of non-prose lines on its side. A paper
        sets all its table (figure) captions on one side, above or below; that side is learnt
        from the captions with cells on one side only, and decides for the others."""
        found = [c for c in self._captions() if len(c.text) >= 3]
        runs = {id(c): (self._run(c.first - 1, -1), self._run(c.last + 1, 1)) for c in found}
        sides = {
            kind: _usual_side(
                [runs[id(c)] for c in found if c.kind == kind], above_by_default=kind == "table"
            )
            for kind in ("table", "figure")
        }
        for caption in sorted(found, key=lambda c: all(runs[id(c)])):  # clear cases first
            before, after = (self._unclaimed(run) for run in runs[id(caption)])
            cells = (after if sides[caption.kind] == "above" else before) or before or after
            for cell in cells:
                self.role[cell] = caption.kind
            self.captions.append(caption.model())
            if caption.kind == "table":
                rows = table_rows([self.layout.lines[c] for c in sorted(cells)])
                self.tables.append(
                    Table(label=caption.label, caption=caption.text, rows=rows, page=caption.page)
                )
        order = {c.label: c.first for c in found}
        self.captions.sort(key=lambda c: order.get(c.label, 0))
        self.tables.sort(key=lambda t: order.get(t.label or "", 0))

    def _captions(self) -> list[_Caption]:
        lines = self.layout.lines
        found: list[_Caption] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            match = _CAPTION_START.match(line.plain.strip())
            if self.role[index] != "body" or not match or not starts_block(lines, index):
                index += 1
                continue
            follow = index + 1
            while (
                follow < len(lines)
                and lines[follow].block == line.block
                and self.role[follow] == "body"
                and abs(lines[follow].size - line.size) < 0.6
            ):
                follow += 1
            for member in range(index, follow):
                self.role[member] = "caption"
            texts = [line.text[match.end() :]] + [lines[m].text for m in range(index + 1, follow)]
            kind: Literal["figure", "table"] = (
                "table" if match["kind"].lower().startswith("tab") else "figure"
            )
            found.append(
                _Caption(
                    kind=kind,
                    label=f"{kind.capitalize()} {match['id']}",
                    text=collapse_spaces(join_lines(texts)),
                    page=line.page,
                    first=index,
                    last=follow - 1,
                )
            )
            index = follow
        return found

    def _run(self, start: int, step: int) -> list[int]:
        """The non-prose lines from `start` on, one way, on the same page."""
        lines = self.layout.lines
        if not 0 <= start < len(lines):
            return []
        page = lines[start].page
        found: list[int] = []
        index = start
        while 0 <= index < len(lines) and lines[index].page == page:
            if self.role[index] not in ("body", "figure") or is_prose(lines[index]):
                break
            found.append(index)
            index += step
        return found

    def _unclaimed(self, run: list[int]) -> list[int]:
        return [i for i in run if self.role[i] in ("body", "figure")] if run else []

    def _equations(self) -> None:
        lines = self.layout.lines
        for index, line in enumerate(lines):
            if self.role[index] != "body":
                continue
            text = line.text.strip()
            dense = line.math_chars >= 0.5 * max(len(text.replace(" ", "").replace("$", "")), 1)
            label_only = bool(EQUATION_LABEL.match(text)) and _near_math(lines, index)
            labelled = bool(TRAILING_LABEL.search(text)) and not is_prose(line)
            formula = labelled and (line.math_chars > 0 or line.wide_gaps > 0 or "=" in text)
            if (dense and line.math_chars > 0) or label_only or formula:
                self.role[index] = "equation"

    def _small_print(self) -> None:
        """Text smaller than the prose that is no sentence: chart labels, legends, cells."""
        lines = self.layout.lines
        body = self.layout.body_size
        for index, line in enumerate(lines):
            if self.role[index] == "body" and line.size < body - 0.9 and not is_prose(line):
                self.role[index] = "figure"


@dataclass
class _Caption:
    kind: Literal["figure", "table"]
    label: str
    text: str
    page: int
    first: int  # its lines in Layout.lines
    last: int

    def model(self) -> Caption:
        return Caption(kind=self.kind, label=self.label, text=self.text, page=self.page)


def _footnote_like(text: str) -> bool:
    """A footnote reads as words or a link, not as a chart's numbers."""
    tokens = text.split()
    if any(t.startswith(("http", "www.")) for t in tokens[:3]):
        return True
    words = sum(1 for t in tokens if t.strip(".,;:()“”\"'").isalpha())
    return words >= 2 and words >= 0.5 * len(tokens)


def _usual_side(runs: list[tuple[list[int], list[int]]], *, above_by_default: bool) -> str:
    """'above' when captions sit above what they label (their cells come after them)."""
    above = sum(1 for before, after in runs if after and not before)
    below = sum(1 for before, after in runs if before and not after)
    if above == below:
        return "above" if above_by_default else "below"
    return "above" if above > below else "below"


def _near_math(lines: list[TextLine], index: int) -> bool:
    neighbours = lines[max(0, index - 3) : index + 2]
    return any(line.math_chars for line in neighbours)


def is_prose(line: TextLine) -> bool:
    """A line of running text: several words, mostly letters (not a row of numbers)."""
    words = line.plain.split()
    if len(words) <= _MAX_CELL_WORDS or line.wide_gaps >= 2:
        return False
    wordy = sum(1 for word in words if word.strip(".,;:()[]“”\"'").isalpha())
    return wordy >= 0.6 * len(words)
