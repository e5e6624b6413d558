"""Cut a paper's body, its lines given their roles (roles.py), into sections of paragraphs.

Nothing is dropped unaccounted: captions, tables, footnotes and equations are kept apart
from the prose, and the body characters that end up in a section are counted against all
the prose-like text on the pages (`Structure.coverage`), so a paper read wrong says so.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from paperdive.ingestion.formula import read_display
from paperdive.ingestion.frontmatter import FrontMatter
from paperdive.ingestion.headings import (
    APPENDIX_TITLES,
    REFERENCE_TITLES,
    Heading,
    simplify,
)
from paperdive.ingestion.layout import Layout, TextLine
from paperdive.ingestion.prose import paragraph
from paperdive.ingestion.roles import EQUATION_LABEL, TRAILING_LABEL, Roles, is_prose
from paperdive.ingestion.spans import FontFacts
from paperdive.ingestion.text import Vocabulary, collapse_spaces, join_lines
from paperdive.models import Caption, Equation, Footnote, Paragraph, Reference, Section, Table

UNSECTIONED_TITLE = "Full text"
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
    roles = Roles(layout, headings, front)
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
    zone = sum(len(line.text) for line in structure.reference_lines if is_prose(line))
    lost = structure.lost + max(0, zone - sum(len(r.raw) for r in references))
    total = structure.placed + lost
    structure.coverage = round(structure.placed / total, 4) if total else None
    if structure.coverage is not None and structure.coverage < _LOW_COVERAGE:
        structure.warnings.append(
            f"only {structure.coverage:.0%} of the body text could be placed in sections; "
            "the paper's layout may have been misread"
        )


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
    roles: Roles,
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
        members = [
            (i, lines[i], roles.role[i] == "equation")
            for i in range(start, end)
            if roles.role[i] in ("body", "equation")
        ]
        if heading.rest:  # the text a run-in heading's line goes on with
            rest = replace(lines[heading.line], text=heading.rest, prose=None)
            members.insert(0, (heading.line, rest, False))
        section.paragraphs, found, printed, starts = _paragraphs(
            members, columns, words, roles.layout.fonts
        )
        first = 0 if position == 0 else start
        _place_floats(roles, section.title, starts, range(first, end))
        for equation in found:
            equation.section = section.title
        equations.extend(found)
        section.text = " ".join(printed)  # as printed, citations included (old readers use them)
        sections.append(section)
    return sections, equations


def _place_floats(roles: Roles, title: str, starts: list[int], lines: range) -> None:
    """Where each caption and table printed among these lines sits: after the paragraph
    that starts last before it (-1: before the section's first paragraph)."""
    items: list[Caption | Table] = [*roles.captions, *roles.tables]
    for item in items:
        line = roles.float_lines.get(id(item))
        if line is not None and line in lines:
            item.section = title
            item.after_paragraph = bisect.bisect_left(starts, line) - 1


def _opens_appendix(heading: Heading, before: list[Heading]) -> bool:
    if simplify(heading.title) in APPENDIX_TITLES:
        return True
    number = heading.number or ""
    after_references = any(simplify(h.title) in REFERENCE_TITLES for h in before)
    return bool(re.fullmatch(r"[A-H]", number)) and (
        after_references or any(h.number and h.number[0].isdigit() for h in before)
    )


def _paragraphs(
    members: list[tuple[int, TextLine, bool]],  # a section's lines, which are display math
    columns: _Columns,
    words: Vocabulary,
    fonts: FontFacts,
) -> tuple[list[Paragraph], list[Equation], list[str], list[int]]:
    """The paragraphs as sentences, the display equations between them, the paragraphs'
    text as printed (citation markers kept) and the index of each paragraph's first line."""
    paragraphs: list[Paragraph] = []
    printed: list[str] = []
    starts: list[int] = []
    equations: list[Equation] = []
    current: list[TextLine] = []
    first = 0
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
                starts.append(first)
        current, after_display = [], False

    def close_equation() -> None:
        nonlocal pending, after_display
        if pending:
            equations.append(_equation(pending, len(paragraphs) - 1, fonts))
            pending = []

    previous: TextLine | None = None
    for index, line, display in members:
        if display:
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
        if not current:
            first = index
        current.append(line)
        previous = line
    flush()
    close_equation()
    return paragraphs, equations, printed, starts


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


def _equation(pending: list[TextLine], after: int, fonts: FontFacts) -> Equation:
    """A display: its number, and its formula read from where its glyphs stand (formula.py)
    when the lines kept their spans, else its lines' text in reading order."""
    label = None
    parts: list[str] = []
    for line in pending:
        text = line.text.strip()
        only = EQUATION_LABEL.match(text)
        trailing = TRAILING_LABEL.search(text)
        if only:
            label = only["label"]
            continue
        if trailing:
            label = trailing["label"]
            text = text[: trailing.start()]
        parts.append(text)
    spans = [span for line in pending for span in line.spans]
    laid_out = read_display(spans, fonts) if all(line.spans for line in pending) else ""
    return Equation(
        label=label,
        text=laid_out or collapse_spaces(" ".join(parts)).replace("$", ""),
        page=pending[0].page,
        after_paragraph=max(after, 0),
    )


def _alone(lines: list[TextLine], index: int) -> bool:
    """A line that is a block of its own (a figure's label, not a paragraph's line)."""
    block = lines[index].block
    return all(
        not 0 <= other < len(lines) or lines[other].block != block
        for other in (index - 1, index + 1)
    )


def _coverage(lines: list[TextLine], roles: Roles, structure: Structure) -> tuple[int, int]:
    """Prose-like characters placed in the abstract or a section, and those lost to no
    section (outside front matter, captions, footnotes, references and contents). Sentences
    in a float's smaller type (a table of example prompts) are the float's, not lost."""
    placed = lost = 0
    floor = roles.layout.body_size - 0.5
    for index, (line, role) in enumerate(zip(lines, roles.role, strict=True)):
        if not is_prose(line):
            continue
        if role in ("body", "abstract"):
            placed += len(line.text)
        elif role == "equation" or (
            role in ("figure", "table") and line.size >= floor and not _alone(lines, index)
        ):
            lost += len(line.text)
    if not structure.sections:
        lost += placed
        placed = 0
    return placed, lost
