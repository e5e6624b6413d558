"""Give every line of a paper one role, then cut the body into sections of paragraphs.

Roles: front matter (title, byline, abstract), heading, body prose, caption, table cell,
figure text, footnote, display equation, reference entry, table of contents. Nothing is
dropped unaccounted: captions, tables, footnotes and equations are kept apart from the prose,
and the body characters that end up in a section are counted against all the prose-like
text on the pages (`Structure.coverage`), so a paper read wrong says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from paperdive.ingestion.frontmatter import FrontMatter
from paperdive.ingestion.headings import (
    APPENDIX_TITLES,
    REFERENCE_TITLES,
    Heading,
    is_toc_line,
    simplify,
    starts_block,
)
from paperdive.ingestion.layout import LEFT, RIGHT, WIDE, Layout, TextLine
from paperdive.ingestion.prose import paragraph
from paperdive.ingestion.tables import table_rows
from paperdive.ingestion.text import Vocabulary, collapse_spaces, join_lines
from paperdive.models import Caption, Equation, Footnote, Paragraph, Reference, Section, Table

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
_EQUATION_LABEL = re.compile(r"^\(\s*(?P<label>[A-Z]?\d{1,3}(?:\.\d{1,3})?[a-z]?)\s*\)$")
_TRAILING_LABEL = re.compile(r"\s\(\s*(?P<label>[A-Z]?\d{1,3}(?:\.\d{1,3})?[a-z]?)\s*\)$")
UNSECTIONED_TITLE = "Full text"
_FOOTNOTE_ZONE = 0.55  # footnotes sit below this fraction of the page height
_MAX_CELL_WORDS = 6
_LOW_COVERAGE = 0.9


@dataclass
class Structure:
    abstract: str = ""
    sections: list[Section] = field(default_factory=list)
    reference_lines: list[TextLine] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    equations: list[Equation] = field(default_factory=list)
    front_matter: list[TextLine] = field(default_factory=list)
    coverage: float | None = None  # placed / (placed + lost), set by settle_coverage
    placed: int = 0  # prose-like characters in the abstract and sections
    lost: int = 0  # prose-like characters that reached no section
    warnings: list[str] = field(default_factory=list)


def build_structure(
    layout: Layout,
    headings: list[Heading],
    front: FrontMatter,
    vocabulary: Vocabulary | None = None,
) -> Structure:
    lines = layout.lines
    words = vocabulary or Vocabulary(line.text for line in lines)
    roles = _Roles(layout, headings, front)
    structure = Structure(
        abstract=front.abstract,
        front_matter=lines[: front.end],
        captions=roles.captions,
        tables=roles.tables,
        footnotes=roles.footnotes,
        reference_lines=[lines[i] for i in roles.indices("reference")],
    )
    structure.sections, structure.equations = _sections(lines, headings, roles, words, front)
    structure.placed, structure.lost = _coverage(lines, roles, structure)
    return structure


def settle_coverage(structure: Structure, references: list[Reference]) -> None:
    """The coverage figure, once the bibliography is read: prose that ran into the reference
    zone without becoming an entry (an appendix under an unseen heading) counts as lost."""
    zone = sum(len(line.text) for line in structure.reference_lines if _is_prose(line))
    lost = structure.lost + max(0, zone - sum(len(r.raw) for r in references))
    total = structure.placed + lost
    structure.coverage = round(structure.placed / total, 4) if total else None
    if structure.coverage is not None and structure.coverage < _LOW_COVERAGE:
        structure.warnings.append(
            f"only {structure.coverage:.0%} of the body text could be placed in sections; "
            "the paper's layout may have been misread"
        )


class _Roles:
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
            if role == "body" and line.size >= floor and _is_prose(line):
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
            if self.role[index] not in ("body", "figure") or _is_prose(lines[index]):
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
            label_only = bool(_EQUATION_LABEL.match(text)) and _near_math(lines, index)
            labelled = bool(_TRAILING_LABEL.search(text)) and not _is_prose(line)
            formula = labelled and (line.math_chars > 0 or line.wide_gaps > 0 or "=" in text)
            if (dense and line.math_chars > 0) or label_only or formula:
                self.role[index] = "equation"

    def _small_print(self) -> None:
        """Text smaller than the prose that is no sentence: chart labels, legends, cells."""
        lines = self.layout.lines
        body = self.layout.body_size
        for index, line in enumerate(lines):
            if self.role[index] == "body" and line.size < body - 0.9 and not _is_prose(line):
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


def _is_prose(line: TextLine) -> bool:
    """A line of running text: several words, mostly letters (not a row of numbers)."""
    words = line.plain.split()
    if len(words) <= _MAX_CELL_WORDS or line.wide_gaps >= 2:
        return False
    wordy = sum(1 for word in words if word.strip(".,;:()[]“”\"'").isalpha())
    return wordy >= 0.6 * len(words)


@dataclass
class _Columns:
    """Where each column's lines usually start and end, to see indents and short lines."""

    left: dict[tuple[int, int], float]
    right: dict[tuple[int, int], float]

    @classmethod
    def of(cls, lines: list[TextLine]) -> _Columns:
        lefts: dict[tuple[int, int], Counter[int]] = {}
        rights: dict[tuple[int, int], Counter[int]] = {}
        for line in lines:
            key = (line.page, line.column)
            lefts.setdefault(key, Counter())[round(line.bbox[0])] += 1
            rights.setdefault(key, Counter())[round(line.bbox[2])] += 1
        return cls(
            left={k: float(c.most_common(1)[0][0]) for k, c in lefts.items()},
            right={k: float(max(c.most_common(3))[0]) for k, c in rights.items()},
        )

    def indented(self, line: TextLine) -> bool:
        left = self.left.get((line.page, line.column), line.x0)
        return line.x0 - left > 0.6 * line.size

    def ends_short(self, line: TextLine) -> bool:
        right = self.right.get((line.page, line.column), line.bbox[2])
        return right - line.bbox[2] > 1.5 * line.size


def _sections(
    lines: list[TextLine],
    headings: list[Heading],
    roles: _Roles,
    words: Vocabulary,
    front: FrontMatter,
) -> tuple[list[Section], list[Equation]]:
    body_lines = [line for line, role in zip(lines, roles.role, strict=True) if role == "body"]
    columns = _Columns.of(body_lines)
    if not headings:
        headings = [Heading(line=front.end, span=0, title=UNSECTIONED_TITLE, number=None, level=1)]
    sections: list[Section] = []
    equations: list[Equation] = []
    appendix = False
    bounds = [h.line for h in headings[1:]] + [len(lines)]
    for position, (heading, end) in enumerate(zip(headings, bounds, strict=True)):
        key = simplify(heading.title)
        if key in REFERENCE_TITLES:
            continue
        appendix = appendix or _opens_appendix(heading, headings[:position])
        start = heading.line + heading.span
        if position == 0:
            start = front.end  # text between the abstract and the first heading opens it
        section = Section(
            title=heading.title,
            level=heading.level,
            number=heading.number,
            page=lines[heading.line].page if heading.span else None,
            appendix=appendix,
        )
        members = [i for i in range(start, end) if roles.role[i] in ("body", "equation")]
        section.paragraphs, found, printed = _paragraphs(lines, members, roles, columns, words)
        for equation in found:
            equation.section = section.title
        equations.extend(found)
        section.text = " ".join(printed)  # as printed, citations included (old readers use them)
        sections.append(section)
    return sections, equations


def _opens_appendix(heading: Heading, before: list[Heading]) -> bool:
    if simplify(heading.title) in APPENDIX_TITLES:
        return True
    number = heading.number or ""
    after_references = any(simplify(h.title) in REFERENCE_TITLES for h in before)
    return bool(re.fullmatch(r"[A-H]", number)) and (
        after_references or any(h.number and h.number[0].isdigit() for h in before)
    )


def _paragraphs(
    lines: list[TextLine],
    members: list[int],
    roles: _Roles,
    columns: _Columns,
    words: Vocabulary,
) -> tuple[list[Paragraph], list[Equation], list[str]]:
    """The paragraphs as sentences, the display equations between them, and the paragraphs'
    text as printed (citation markers kept)."""
    paragraphs: list[Paragraph] = []
    printed: list[str] = []
    equations: list[Equation] = []
    current: list[TextLine] = []
    after_display = False
    pending: list[TextLine] = []  # lines of the display equation being read

    def flush() -> None:
        nonlocal current, after_display
        if current:
            text = join_lines([line.text for line in current], words)
            read = paragraph(text, after_display=after_display)
            if read.sentences:
                paragraphs.append(read)
                printed.append(text)
        current, after_display = [], False

    def close_equation() -> None:
        nonlocal pending, after_display
        if pending:
            equations.append(_equation(pending, len(paragraphs) - 1))
            pending = []

    previous: TextLine | None = None
    for index in members:
        line = lines[index]
        if roles.role[index] == "equation":
            if current and not pending:
                flush()
            pending.append(line)
            continue
        if pending:
            close_equation()
            after_display = line.plain.lstrip()[:1].islower()
            previous = None
        elif previous is not None and _new_paragraph(previous, line, columns):
            flush()
        current.append(line)
        previous = line
    flush()
    close_equation()
    return paragraphs, equations, printed


def _new_paragraph(previous: TextLine, line: TextLine, columns: _Columns) -> bool:
    if line.text.startswith(("$_", "$^")):
        return False  # a sub/superscript set as a line of its own goes on the formula before
    ended = previous.plain.rstrip().endswith((".", "!", "?", ":", ".)", ".”"))
    if columns.indented(line) and line.plain[:1].isupper():
        return True
    same_place = previous.page == line.page and previous.column == line.column
    if same_place and line.bbox[1] - previous.bbox[3] > 0.9 * line.size:
        return True
    return same_place and ended and columns.ends_short(previous) and line.plain[:1].isupper()


def _equation(pending: list[TextLine], after: int) -> Equation:
    label = None
    parts: list[str] = []
    for line in pending:
        text = line.text.strip()
        only = _EQUATION_LABEL.match(text)
        trailing = _TRAILING_LABEL.search(text)
        if only:
            label = only["label"]
            continue
        if trailing:
            label = trailing["label"]
            text = text[: trailing.start()]
        parts.append(text)
    return Equation(
        label=label,
        text=collapse_spaces(" ".join(parts)).replace("$", ""),
        page=pending[0].page,
        after_paragraph=max(after, 0),
    )


def _coverage(lines: list[TextLine], roles: _Roles, structure: Structure) -> tuple[int, int]:
    """Prose-like characters placed in the abstract or a section, and those lost to no
    section (outside front matter, captions, footnotes, references and contents)."""
    placed = lost = 0
    for line, role in zip(lines, roles.role, strict=True):
        if not _is_prose(line):
            continue
        if role in ("body", "abstract"):
            placed += len(line.text)
        elif role in ("figure", "table", "equation"):
            lost += len(line.text)
    if not structure.sections:
        lost += placed
        placed = 0
    return placed, lost
