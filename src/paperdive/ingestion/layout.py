"""A PDF's text as lines in reading order, with the font facts the rest of ingest needs.

Two-column pages are read band by band: blocks that span both columns (titles, wide
figures and tables) cut the page into bands, and inside a band the left column is read
before the right one, so the columns never interleave. Running heads, page numbers and
the arXiv margin stamp are set aside as page furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import pymupdf

from paperdive.ingestion.rows import Row, Segment, block_rows, is_rotated, knit, same_row
from paperdive.ingestion.spans import FontFacts, Span, font_name

BBox = tuple[float, float, float, float]
Page = dict[str, Any]

_MARGIN_FRACTION = 0.11  # running heads sit in the top or bottom 11% of a page
_GUTTER_TOLERANCE = 12.0
_MIN_COLUMN_SHARE = 0.15
_DIGITS = re.compile(r"\d+")
_FONT_SAMPLE_PAGES = 4
_HEADING_NUMBER = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-H](?:\.\d{1,2}){0,3}|[IVX]{1,4})\.?$"
)
_FORMULA_PIECE = 40  # characters: a line this short may be a piece of a display formula
_CM_BODY = re.compile(r"^(?:cmr|sfrm|lmroman|cmu|lmr)", re.I)
WIDE, LEFT, RIGHT = 0, 1, 2


@dataclass(slots=True, eq=False)
class TextLine:
    text: str  # footnote marks dropped, small caps decoded, math written $...$
    page: int  # 1-based
    block: int  # reading-order index of its block in the whole document
    bbox: BBox
    size: float
    bold: bool
    italic: bool = False
    font: str = ""
    column: int = WIDE  # WIDE (spans the page or a one-column page), LEFT or RIGHT
    segments: tuple[Segment, ...] = ()  # pieces set apart on the row (an author grid's names)
    marks: tuple[str, ...] = ()  # footnote/affiliation marks dropped from the text
    lead_mark: str | None = None  # the raised mark opening a footnote or affiliation line
    math_chars: int = 0
    wide_gaps: int = 0  # gaps between segments wider than a word space: table cells
    prose: bool | None = None  # roles.is_prose's answer, once asked
    spans: tuple[Span, ...] = ()  # kept for lines that may be part of a display formula

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def plain(self) -> str:
        """The text without math delimiters (for titles, names and headings)."""
        return self.text.replace("$", "")


@dataclass(frozen=True)
class Layout:
    lines: list[TextLine]
    body_size: float  # the font size most of the text is set in
    margin_notes: list[str]  # rotated text such as the arXiv stamp in the left margin
    page_sizes: list[tuple[float, float]] = field(default_factory=list)
    furniture: list[TextLine] = field(default_factory=list)  # running heads, page numbers
    text_blocks: list[int] = field(default_factory=list)  # text blocks per page (0: empty)
    fonts: FontFacts = field(default_factory=lambda: FontFacts(cm_is_text=True))

    def page_height(self, page: int) -> float:
        return self.page_sizes[page - 1][1] if self.page_sizes else 792.0


def read_layout(doc: pymupdf.Document) -> Layout:
    pages: list[Page] = [
        page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT) for page in doc.pages()
    ]
    fonts = _font_facts(pages)
    margin_notes = [
        "".join(span["text"] for span in line["spans"]).strip()
        for page in pages
        for block in page["blocks"]
        for line in block.get("lines", [])
        if is_rotated(line)
    ]
    page_rows = [
        knit([(column, block_rows(block, fonts)) for column, block in _reading_order(page)], fonts)
        for page in pages
    ]
    running = _running_heads(pages, page_rows)
    lines: list[TextLine] = []
    furniture: list[TextLine] = []
    block_index = 0
    for page_number, (page, blocks) in enumerate(zip(pages, page_rows, strict=True), start=1):
        for column, rows in blocks:
            for row in rows:
                line = _line(row, page_number, block_index, column)
                (furniture if _is_running(line, page, running) else lines).append(line)
            block_index += 1
    lines = _join_split_numbers(lines)
    return Layout(
        lines=lines,
        body_size=body_size(lines),
        margin_notes=margin_notes,
        page_sizes=[(float(p["width"]), float(p["height"])) for p in pages],
        furniture=furniture,
        text_blocks=[sum(1 for b in p["blocks"] if b.get("lines")) for p in pages],
        fonts=fonts,
    )


def _join_split_numbers(lines: list[TextLine]) -> list[TextLine]:
    """A heading's number that the PDF set as a block of its own ('2' | 'Related Work')
    rejoins the title beside it on the same row."""
    out: list[TextLine] = []
    skip = False
    for index, line in enumerate(lines):
        if skip:
            skip = False
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            following is not None
            and following.block != line.block
            and _HEADING_NUMBER.match(line.text)
            and following.page == line.page
            and same_row(line.bbox, following.bbox)
            and following.bbox[0] - line.bbox[2] < 3 * line.size
        ):
            out.append(
                replace(
                    following,
                    text=f"{line.text} {following.text}",
                    bbox=(line.bbox[0], following.bbox[1], following.bbox[2], following.bbox[3]),
                    segments=line.segments + following.segments,
                )
            )
            skip = True
            continue
        out.append(line)
    return out


def _font_facts(pages: list[Page]) -> FontFacts:
    """Which family the prose is set in, from the first pages (enough to tell)."""
    chars: Counter[str] = Counter()
    for page in pages[:_FONT_SAMPLE_PAGES]:
        for block in page["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    chars[font_name(span)] += len(span["text"])
    body_font = chars.most_common(1)[0][0] if chars else ""
    return FontFacts(cm_is_text=bool(_CM_BODY.match(body_font)))


def _line(row: Row, page: int, block: int, column: int) -> TextLine:
    facts = row.text
    return TextLine(
        text=facts.text,
        page=page,
        block=block,
        bbox=row.bbox,
        size=facts.size,
        bold=facts.bold,
        italic=facts.italic,
        font=facts.font,
        column=column,
        segments=tuple(row.segments),
        marks=tuple(row.marks),
        lead_mark=facts.lead_mark,
        math_chars=facts.math_chars,
        wide_gaps=row.wide_gaps,
        spans=tuple(row.spans) if facts.math_chars or len(facts.text) <= _FORMULA_PIECE else (),
    )


def _reading_order(page: Page) -> list[tuple[int, dict[str, Any]]]:
    blocks = [b for b in page["blocks"] if b.get("lines")]
    middle = page["width"] / 2

    def side(block: dict[str, Any]) -> int:
        x0, _, x1, _ = block["bbox"]
        if x1 <= middle + _GUTTER_TOLERANCE:
            return LEFT
        if x0 >= middle - _GUTTER_TOLERANCE:
            return RIGHT
        return WIDE

    sides = [side(b) for b in blocks]
    chars: Counter[int] = Counter()
    for block, where in zip(blocks, sides, strict=True):
        chars[where] += sum(len(s["text"]) for line in block["lines"] for s in line["spans"])
    total = sum(chars.values()) or 1
    if min(chars[LEFT], chars[RIGHT]) < _MIN_COLUMN_SHARE * total:
        return [(WIDE, b) for b in blocks]  # one column: the content stream order is right

    ordered: list[tuple[int, dict[str, Any]]] = []
    band: list[tuple[int, dict[str, Any]]] = []

    def flush() -> None:
        for column in (LEFT, RIGHT):
            column_blocks = [b for where, b in band if where == column]
            ordered.extend((column, b) for b in sorted(column_blocks, key=lambda b: b["bbox"][1]))
        band.clear()

    for where, block in sorted(zip(sides, blocks, strict=True), key=lambda p: p[1]["bbox"][1]):
        if where == WIDE:
            flush()
            ordered.append((WIDE, block))
        else:
            band.append((where, block))
    flush()
    return ordered


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def _in_margin(bbox: BBox, page: Page) -> bool:
    height = float(page["height"])
    return bbox[3] < height * _MARGIN_FRACTION or bbox[1] > height * (1 - _MARGIN_FRACTION)


def _running_heads(pages: list[Page], page_rows: list[list[tuple[int, list[Row]]]]) -> set[str]:
    """Texts in the top/bottom margin that recur on several pages: headers, footers."""
    seen: Counter[str] = Counter()
    for page, blocks in zip(pages, page_rows, strict=True):
        seen.update(
            {
                _running_key(row.text.text)
                for _, rows in blocks
                for row in rows
                if _in_margin(row.bbox, page)
            }
        )
    threshold = max(2, len(pages) // 3)
    return {key for key, count in seen.items() if count >= threshold}


def _is_running(line: TextLine, page: Page, running: set[str]) -> bool:
    if not _in_margin(line.bbox, page):
        return False
    return line.text.isdigit() or _running_key(line.text) in running


def body_size(lines: list[TextLine]) -> float:
    """The size (to half a point: justified text wobbles) that most characters are set in."""
    weight: Counter[float] = Counter()
    for line in lines:
        weight[round(line.size * 2) / 2] += len(line.text)
    return weight.most_common(1)[0][0] if weight else 10.0
