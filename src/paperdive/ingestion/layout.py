"""A PDF's text as lines in reading order, with the font facts heading detection needs.

Two-column pages are read band by band: blocks that span both columns (titles, wide
figures and tables) cut the page into bands, and inside a band the left column is read
before the right one, so the columns never interleave.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

import pymupdf

from paperdive.ingestion.text import normalize

BBox = tuple[float, float, float, float]

_BOLD_FLAG = 16
_MARGIN_FRACTION = 0.08
_GUTTER_TOLERANCE = 12.0
_SAME_ROW_TOLERANCE = 2.5
_MIN_COLUMN_SHARE = 0.15
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class TextLine:
    text: str
    page: int  # 1-based
    block: int  # reading-order index of its block in the whole document
    bbox: BBox
    size: float
    bold: bool

    @property
    def x0(self) -> float:
        return self.bbox[0]


@dataclass(frozen=True)
class Layout:
    lines: list[TextLine]
    body_size: float  # the font size most of the text is set in
    margin_notes: list[str]  # rotated text such as the arXiv stamp in the left margin


class _Row(NamedTuple):
    text: str
    bbox: BBox
    size: float
    bold: bool


def read_layout(doc: pymupdf.Document) -> Layout:
    pages = [page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT) for page in doc]
    margin_notes = [
        _line_text(line)
        for page in pages
        for block in page["blocks"]
        for line in block.get("lines", [])
        if _is_rotated(line)
    ]
    page_rows = [[_rows(block) for block in _reading_order(page)] for page in pages]
    running = _running_heads(pages, page_rows)
    lines: list[TextLine] = []
    block_index = 0
    for page_number, (page, blocks) in enumerate(zip(pages, page_rows, strict=True), start=1):
        for rows in blocks:
            lines.extend(
                TextLine(row.text, page_number, block_index, row.bbox, row.size, row.bold)
                for row in rows
                if not _is_running(row, page, running)
            )
            block_index += 1
    return Layout(lines=lines, body_size=_body_size(lines), margin_notes=margin_notes)


def _line_text(line: dict) -> str:
    return normalize("".join(span["text"] for span in line["spans"])).strip()


def _is_rotated(line: dict) -> bool:
    dx, dy = line["dir"]
    return abs(dy) > 0.5 or dx < 0


def _rows(block: dict) -> list[_Row]:
    """Merge the lines of a block that sit on one row ('1' and 'Introduction' are two lines)."""
    rows: list[_Row] = []
    for line in block["lines"]:
        text = _line_text(line)
        if not text or _is_rotated(line):
            continue
        main = max((s for s in line["spans"] if s["text"].strip()), key=lambda s: len(s["text"]))
        row = _Row(
            text=text,
            bbox=tuple(line["bbox"]),
            size=round(main["size"], 1),
            bold=bool(main["flags"] & _BOLD_FLAG) or "bold" in main["font"].lower(),
        )
        previous = rows[-1] if rows else None
        if (
            previous
            and abs(previous.bbox[1] - row.bbox[1]) < _SAME_ROW_TOLERANCE
            and row.bbox[0] > previous.bbox[0]
        ):
            rows[-1] = _Row(
                text=f"{previous.text} {row.text}",
                bbox=(
                    previous.bbox[0],
                    min(previous.bbox[1], row.bbox[1]),
                    row.bbox[2],
                    max(previous.bbox[3], row.bbox[3]),
                ),
                size=max(previous.size, row.size),
                bold=previous.bold and row.bold,
            )
        else:
            rows.append(row)
    return rows


def _reading_order(page: dict) -> list[dict]:
    blocks = [b for b in page["blocks"] if b.get("lines")]
    middle = page["width"] / 2

    def side(block: dict) -> str:
        x0, _, x1, _ = block["bbox"]
        if x1 <= middle + _GUTTER_TOLERANCE:
            return "left"
        if x0 >= middle - _GUTTER_TOLERANCE:
            return "right"
        return "wide"

    sides = [side(b) for b in blocks]
    chars: Counter[str] = Counter()
    for block, where in zip(blocks, sides, strict=True):
        chars[where] += sum(len(s["text"]) for line in block["lines"] for s in line["spans"])
    total = sum(chars.values()) or 1
    if min(chars["left"], chars["right"]) < _MIN_COLUMN_SHARE * total:
        return blocks  # one column: the content stream order is the reading order

    ordered: list[dict] = []
    band: list[tuple[str, dict]] = []

    def flush() -> None:
        for column in ("left", "right"):
            column_blocks = [b for where, b in band if where == column]
            ordered.extend(sorted(column_blocks, key=lambda b: b["bbox"][1]))
        band.clear()

    for where, block in sorted(zip(sides, blocks, strict=True), key=lambda p: p[1]["bbox"][1]):
        if where == "wide":
            flush()
            ordered.append(block)
        else:
            band.append((where, block))
    flush()
    return ordered


def _running_key(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def _in_margin(bbox: BBox, page: dict) -> bool:
    height = page["height"]
    return bbox[3] < height * _MARGIN_FRACTION or bbox[1] > height * (1 - _MARGIN_FRACTION)


def _running_heads(pages: list[dict], page_rows: list[list[list[_Row]]]) -> set[str]:
    """Texts in the top/bottom margin that recur on several pages: headers, footers."""
    seen: Counter[str] = Counter()
    for page, blocks in zip(pages, page_rows, strict=True):
        seen.update(
            {
                _running_key(row.text)
                for rows in blocks
                for row in rows
                if _in_margin(row.bbox, page)
            }
        )
    threshold = max(2, len(pages) // 3)
    return {key for key, count in seen.items() if count >= threshold}


def _is_running(row: _Row, page: dict, running: set[str]) -> bool:
    if not _in_margin(row.bbox, page):
        return False
    return row.text.isdigit() or _running_key(row.text) in running


def _body_size(lines: list[TextLine]) -> float:
    weight: Counter[float] = Counter()
    for line in lines:
        weight[line.size] += len(line.text)
    return weight.most_common(1)[0][0] if weight else 10.0
