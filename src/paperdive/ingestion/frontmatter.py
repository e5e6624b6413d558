"""Title, byline and abstract, read from the first page's layout (never blindly from the PDF's
metadata, which often holds a file name or a template's placeholder).

The title is the run of lines in the largest type near the top of the first page; the
byline is what lies between the title and the abstract; the abstract starts at an
'Abstract' heading (or a run-in 'Abstract—' / 'Abstract.' lead) and runs while the type, the
column and the spacing stay those of its first line, up to the first heading or keyword line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperdive.ingestion.authors import byline_authors
from paperdive.ingestion.headings import KNOWN_TITLES, emphasised, simplify, split_number
from paperdive.ingestion.layout import WIDE, Layout, TextLine
from paperdive.ingestion.text import Vocabulary, join_lines

_TITLE_ZONE = 0.5  # the title sits in the upper half of the first page
_MAX_TITLE_LINES = 5
_TITLE_OVER_BODY = 1.15
_TITLE_LINE_SIZE = 0.85  # every line of a title is set in (nearly) the title's size
_MAX_BYLINE_LINES = 16
_NOT_TITLE = re.compile(
    r"^(?:technical\s+report|preprint|arxiv|working\s+paper|under\s+review|published\s+as|"
    r"proceedings|journal\s+of|draft|accepted|to\s+appear|research\s+article)\b",
    re.I,
)
_RUN_IN = re.compile(r"^(?:(?i:abstract)\s*[.:—–\-]+\s*|(?:Abstract|ABSTRACT)\s+(?=[A-Z]))")
_ENDS_ABSTRACT = re.compile(
    r"^(?:key\s*words|index\s+terms|ccs\s+concepts|acm\s+reference|general\s+terms|"
    r"categories\s+and\s+subject|subjects?:|msc|jel|figure\s+\d|fig\.\s*\d|table\s+\d)",
    re.I,
)
_ABSTRACT_PAGES = 2
_MIN_FALLBACK_LINES = 3


@dataclass
class FrontMatter:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    abstract: str = ""
    abstract_marked: bool = False  # printed as such ('Abstract' heading or lead), not guessed
    end: int = 0  # index of the first line after title, byline and abstract
    title_lines: list[int] = field(default_factory=list)
    byline: list[int] = field(default_factory=list)
    abstract_lines: list[int] = field(default_factory=list)  # with its heading

    @property
    def lines(self) -> set[int]:
        return {*self.title_lines, *self.byline, *self.abstract_lines}


def read_front_matter(layout: Layout, vocabulary: Vocabulary | None = None) -> FrontMatter:
    lines = layout.lines
    front = FrontMatter()
    front.title_lines = _title_lines(layout)
    title_end = front.title_lines[-1] + 1 if front.title_lines else 0
    front.title = _title_text([lines[i] for i in front.title_lines])
    heading, body, run_in = _abstract(lines, title_end, layout.body_size)
    front.abstract_marked = heading is not None
    if heading is None:
        body = _first_paragraph(lines, title_end, layout.body_size)
    if heading is not None or body:
        abstract_start = heading if heading is not None else body[0]
        front.byline = [i for i in range(title_end, abstract_start) if lines[i].page == 1]
    elif front.title_lines:
        front.byline = _byline_without_abstract(lines, title_end, layout.body_size)
    front.authors = byline_authors([lines[i] for i in front.byline])
    front.abstract_lines = sorted({*([] if heading is None else [heading]), *body})
    front.abstract = _abstract_text(lines, body, run_in=run_in, vocabulary=vocabulary)
    front.end = max([title_end, *(i + 1 for i in front.byline), *(i + 1 for i in body)])
    if heading is not None:
        front.end = max(front.end, heading + 1)
    return front


def _title_lines(layout: Layout) -> list[int]:
    lines = layout.lines
    top = layout.page_height(1) * _TITLE_ZONE
    candidates = [
        i
        for i, line in enumerate(lines)
        if line.page == 1
        and line.bbox[1] < top
        and sum(ch.isalpha() for ch in line.plain) >= 4
        and not _NOT_TITLE.match(line.plain.strip())
    ]
    if not candidates:
        return []
    largest = max(lines[i].size for i in candidates)
    if largest < layout.body_size * _TITLE_OVER_BODY:
        return []  # no type on the first page stands out: there is no printed title
    start = next(i for i in candidates if lines[i].size >= largest - 0.3)
    run = [start]
    while (
        run[0] > 0
        and len(run) < _MAX_TITLE_LINES
        and _title_goes_on(lines, run[0] - 1, run[0], largest)
    ):
        run.insert(0, run[0] - 1)  # a first line set a little smaller ('DeepSeek-R1:')
    while run[-1] + 1 < len(lines) and len(run) < _MAX_TITLE_LINES:
        if not _title_goes_on(lines, run[-1] + 1, run[-1], largest):
            break
        run.append(run[-1] + 1)
    return run


def _title_goes_on(lines: list[TextLine], index: int, neighbour: int, largest: float) -> bool:
    """Is lines[index], just above or below a title line, part of the title?"""
    line, other = lines[index], lines[neighbour]
    upper, lower = (line, other) if index < neighbour else (other, line)
    gap = lower.bbox[1] - upper.bbox[3]
    return (
        line.page == 1
        and line.size >= largest * _TITLE_LINE_SIZE
        and line.bold == other.bold
        # tight leading sets a line's box a little into the one above (a 17pt title's
        # second line 2.5pt into its first)
        and -0.3 * max(line.size, other.size) < gap < max(line.size, other.size) * 1.2
        and sum(ch.isalpha() for ch in line.plain) >= 2
        and not _NOT_TITLE.match(line.plain.strip())
    )


def _title_text(lines: list[TextLine]) -> str:
    text = join_lines([line.plain for line in lines])
    return text.strip(" *∗†‡§¶☆★⋆✩").strip()  # a title's footnote mark ("…Disorder☆")


def _abstract(
    lines: list[TextLine], start: int, body_size: float
) -> tuple[int | None, list[int], bool]:
    """Where the abstract starts (its heading, or its run-in line), the lines of its text,
    and whether the first of those opens with a run-in 'Abstract—'."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.page > _ABSTRACT_PAGES:
            break
        text = line.plain.strip()
        if simplify(text) == "abstract" and len(text) <= 12:
            return index, _abstract_body(lines, index + 1, body_size), False
        if _RUN_IN.match(text) and len(text) > 20:
            return index, [index, *_abstract_body(lines, index + 1, body_size, first=line)], True
    return None, [], False


def _abstract_body(
    lines: list[TextLine], start: int, body_size: float, first: TextLine | None = None
) -> list[int]:
    out: list[int] = []
    for index in range(start, len(lines)):
        line = lines[index]
        anchor = lines[out[0]] if out else first
        previous = lines[out[-1]] if out else first
        if _ends_abstract(line, body_size):
            break
        if anchor is not None and previous is not None:
            gap = line.bbox[1] - previous.bbox[3]
            same_column = line.column == anchor.column or WIDE in (line.column, anchor.column)
            continues = not previous.plain.rstrip().endswith((".", "!", "?", ":"))
            if (
                line.page != anchor.page
                or (abs(line.size - anchor.size) > 0.8 and not continues)
                or not same_column
                or not -line.size < gap < 2.2 * line.size
            ):
                break
        out.append(index)
    return out


def _ends_abstract(line: TextLine, body_size: float) -> bool:
    text = line.plain.strip()
    if _ENDS_ABSTRACT.match(text) or line.lead_mark is not None:
        return True
    if not emphasised(line, body_size) or len(text.split()) > 12:
        return False
    number, title = split_number(text)
    return number is not None or simplify(title) in KNOWN_TITLES


def _first_paragraph(lines: list[TextLine], start: int, body_size: float) -> list[int]:
    """No 'Abstract' anywhere: the first block of running prose on the first page."""
    index = start
    while index < len(lines) and lines[index].page == 1:
        block = [i for i in range(index, len(lines)) if lines[i].block == lines[index].block]
        prose = [i for i in block if _is_prose(lines[i].plain)]
        if _ends_abstract(lines[index], body_size) and index > start:
            return []
        if len(prose) >= _MIN_FALLBACK_LINES and len(prose) >= len(block) * 0.8:
            return block
        index = block[-1] + 1
    return []


def _byline_without_abstract(lines: list[TextLine], start: int, body_size: float) -> list[int]:
    """No abstract to stop at: the byline ends at the first heading or line of prose."""
    out: list[int] = []
    for index in range(start, min(start + _MAX_BYLINE_LINES, len(lines))):
        line = lines[index]
        if line.page != 1 or _ends_abstract(line, body_size) or _is_prose(line.plain):
            break
        out.append(index)
    return out


def _is_prose(text: str) -> bool:
    """A line of running text: mostly words, not the numbers of a table row."""
    words = text.split()
    wordy = sum(1 for w in words if w.strip(".,;:()").isalpha())
    return len(words) >= 6 and wordy >= 0.7 * len(words)


def _abstract_text(
    lines: list[TextLine], body: list[int], *, run_in: bool, vocabulary: Vocabulary | None
) -> str:
    texts = [lines[i].text for i in body]
    if run_in and texts:
        texts[0] = _RUN_IN.sub("", texts[0].strip(), count=1)
    return join_lines(texts, vocabulary or Vocabulary())
