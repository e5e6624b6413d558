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
from typing import Any, NamedTuple

import pymupdf

from paperdive.ingestion.spans import FontFacts, LineText, font_name, read_line
from paperdive.ingestion.text import fuse_scripts

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
_CM_BODY = re.compile(r"^(?:cmr|sfrm|lmroman|cmu|lmr)", re.I)
WIDE, LEFT, RIGHT = 0, 1, 2


class Segment(NamedTuple):
    """A piece of a row that the PDF set apart (one name of an author grid)."""

    text: str
    size: float
    bold: bool
    x0: float = 0.0
    breaks: tuple[int, ...] = ()  # where marks were dropped: after this many non-space chars
    x1: float = 0.0


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

    def page_height(self, page: int) -> float:
        return self.page_sizes[page - 1][1] if self.page_sizes else 792.0

    def page_width(self, page: int) -> float:
        return self.page_sizes[page - 1][0] if self.page_sizes else 612.0


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
        if _is_rotated(line)
    ]
    page_rows = [
        [(column, _rows(block, fonts)) for column, block in _reading_order(page)] for page in pages
    ]
    running = _running_heads(pages, page_rows)
    lines: list[TextLine] = []
    furniture: list[TextLine] = []
    block_index = 0
    for page_number, (page, blocks) in enumerate(zip(pages, page_rows, strict=True), start=1):
        for column, rows in blocks:
            for row in rows:
                line = row.line(page_number, block_index, column)
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
            and _same_row(line.bbox, following.bbox)
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


def _is_rotated(line: dict[str, Any]) -> bool:
    dx, dy = line["dir"]
    return bool(abs(dy) > 0.5 or dx < 0)


@dataclass
class _Row:
    text: LineText
    bbox: BBox
    segments: list[Segment]
    marks: list[str]
    wide_gaps: int = 0

    def line(self, page: int, block: int, column: int) -> TextLine:
        facts = self.text
        return TextLine(
            text=facts.text,
            page=page,
            block=block,
            bbox=self.bbox,
            size=facts.size,
            bold=facts.bold,
            italic=facts.italic,
            font=facts.font,
            column=column,
            segments=tuple(self.segments),
            marks=tuple(self.marks),
            lead_mark=facts.lead_mark,
            math_chars=facts.math_chars,
            wide_gaps=self.wide_gaps,
        )


def _rows(block: dict[str, Any], fonts: FontFacts) -> list[_Row]:
    """Merge the lines of a block that sit on one row ('1' and 'Introduction' are two lines;
    so is each name of an author grid, kept apart as segments)."""
    rows: list[_Row] = []
    for line in block["lines"]:
        if _is_rotated(line):
            continue
        facts = read_line(line, fonts)
        if facts is None:
            continue
        x0, y0, x1, y1 = line["bbox"]
        bbox: BBox = (float(x0), float(y0), float(x1), float(y1))
        previous = rows[-1] if rows else None
        if previous is None or not _same_row(previous.bbox, bbox):
            rows.append(_Row(facts, bbox, [_segment(facts, bbox)], list(facts.marks)))
            continue
        if _is_mark_piece(previous, facts, bbox):
            previous.marks.append(facts.text)
            continue
        if bbox[0] - previous.bbox[2] > 1.0 * previous.text.size:
            previous.wide_gaps += 1
        touching = bbox[0] - previous.bbox[2] < 0.15 * previous.text.size
        script = _script(previous.bbox, bbox, previous.text, facts) if touching else None
        merged = _merge(previous.text, facts, touching=touching, script=script)
        previous.text = merged
        previous.bbox = (
            min(previous.bbox[0], bbox[0]),
            min(previous.bbox[1], bbox[1]),
            max(previous.bbox[2], bbox[2]),
            max(previous.bbox[3], bbox[3]),
        )
        previous.segments.append(_segment(facts, bbox))
        previous.marks.extend(facts.marks)
    return rows


def _segment(facts: LineText, bbox: BBox) -> Segment:
    return Segment(facts.text, facts.size, facts.bold, bbox[0], facts.breaks, bbox[2])


def _same_row(row: BBox, piece: BBox) -> bool:
    overlap = min(row[3], piece[3]) - max(row[1], piece[1])
    shorter = min(row[3] - row[1], piece[3] - piece[1])
    return shorter > 0 and overlap >= 0.5 * shorter and piece[0] >= row[2] - 1.0


def _is_mark_piece(row: _Row, piece: LineText, bbox: BBox) -> bool:
    """A footnote mark that the PDF set as a line of its own, raised beside the row."""
    raised = bbox[3] < row.bbox[3] - 0.12 * row.text.size
    return (
        raised
        and piece.size < row.text.size * 0.85
        and len(piece.text) <= 4
        and not piece.text.isalpha()
    )


def _script(row: BBox, piece: BBox, left: LineText, right: LineText) -> str | None:
    """'_' or '^' when a piece set apart is a subscript or superscript of what it touches."""
    if right.size >= left.size * 0.85:
        return None
    offset = (piece[1] + piece[3]) / 2 - (row[1] + row[3]) / 2
    if abs(offset) < 0.15 * left.size:
        return None
    return "_" if offset > 0 else "^"


def _merge(
    left: LineText, right: LineText, *, touching: bool = False, script: str | None = None
) -> LineText:
    """Two pieces of one row as one line: a space between them unless they touch; a sub- or
    superscript set as a piece of its own joins the formula it belongs to ('$z^′$' '+1')."""
    longer = left if len(left.text) >= len(right.text) else right
    shift = sum(not ch.isspace() for ch in left.text)
    added = right.text
    if script and not added.startswith(("$_", "$^")):
        added = f"${script}{{{added.strip('$')}}}$"
    text = fuse_scripts(f"{left.text}{added}" if touching else f"{left.text} {added}")
    if touching:
        text = text.replace("$$", "")  # two touching formulas are one
    return LineText(
        text=text,
        marks=left.marks + right.marks,
        breaks=left.breaks + tuple(shift + b for b in right.breaks),
        lead_mark=left.lead_mark,
        math_chars=left.math_chars + right.math_chars,
        size=longer.size,
        font=longer.font,
        bold=left.bold and right.bold,
        italic=left.italic and right.italic,
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


def _running_heads(pages: list[Page], page_rows: list[list[tuple[int, list[_Row]]]]) -> set[str]:
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
