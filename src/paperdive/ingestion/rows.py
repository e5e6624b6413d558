"""Printed rows from the PDF's lines: the pieces of a row PyMuPDF set apart, joined again.

PyMuPDF cuts a printed row into several "lines" wherever the type jumps: a name of an
author grid, a table's cell, and, above all, math: a subscript stacked under a superscript
('h' with 'enc' over 't'), the denominator of a fraction ('512×3' over '8192'), or the rest
of the row after a radical. Those pieces may even land in other blocks. Inside a block,
pieces side by side on one row are joined as before; then, on the whole page, a piece
that carries a formula's row on (the same baseline, right after it) and a small piece that
stands over or under a row (a script, a numerator, a denominator, an operator's limit)
join that row, which is then read again from all its spans in the order they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from paperdive.ingestion.spans import (
    FontFacts,
    LineText,
    Span,
    after_run_in,
    baseline,
    is_extension,
    read_line,
)
from paperdive.ingestion.text import fuse_scripts

BBox = tuple[float, float, float, float]

_SMALL = 0.85  # a piece in type this much smaller than its row's is a script of it
_NEAR_ROWS = 8  # a piece and its row are this close in reading order
_CARRY_GAP = 1.2  # of the type size: the widest gap a formula's row is carried over
_BASELINE = 0.25  # of the type size: baselines this close are one baseline
_SATELLITE_CHARS = 24
_ABOVE = 1.15  # of the type size: how far over the baseline a numerator or limit stands
_BELOW = 0.6  # ... and how far under it a denominator or subscript reaches
_OPERATOR_TOP = 0.8  # of the type size: the top of a big operator over the baseline
_OVERLAP = 0.3  # of a piece's width: it stands over or under the row it shares this with


class Segment(NamedTuple):
    """A piece of a row that the PDF set apart (one name of an author grid)."""

    text: str
    size: float
    bold: bool
    x0: float = 0.0
    breaks: tuple[int, ...] = ()  # where marks were dropped: after this many non-space chars
    x1: float = 0.0


@dataclass
class Row:
    text: LineText
    bbox: BBox
    segments: list[Segment]
    marks: list[str]
    wide_gaps: int = 0
    spans: list[Span] = field(default_factory=list)
    laid_out: bool = False  # took pieces of other lines: read again from its spans
    _baseline: float | None = None

    @property
    def baseline(self) -> float:
        if self._baseline is None:
            self._baseline = baseline(self.spans) if self.spans else self.bbox[3]
        return self._baseline

    def take(self, other: Row, *, beside: bool) -> None:
        """Join another piece of this row: `beside` it (the row carried on), or over or
        under it (a script, a fraction's part, a limit). A piece beside the row that does
        not reach back under it is only appended; anything else has the row read again."""
        gap = other.bbox[0] - self.bbox[2]
        if beside:
            if gap > self.text.size:
                self.wide_gaps += 1
            self.wide_gaps += other.wide_gaps
            self.segments += other.segments
        if beside and gap >= 0 and not self.laid_out and not other.laid_out:
            touching = gap < 0.15 * self.text.size
            self.text = _merge(self.text, other.text, touching=touching)
        else:
            self.laid_out = True
        self.marks += other.marks
        self.spans += other.spans
        self.bbox = _union(self.bbox, other.bbox)
        self._baseline = None


def block_rows(block: dict[str, Any], fonts: FontFacts) -> list[Row]:
    """Merge the lines of a block that sit on one row ('1' and 'Introduction' are two lines;
    so is each name of an author grid, kept apart as segments)."""
    rows: list[Row] = []
    for line in block["lines"]:
        dx, dy = line["dir"]
        if dy > 0.5 or dy < -0.5 or dx < 0:  # rotated: the arXiv stamp, a sideways label
            continue
        facts = read_line(line, fonts)
        if facts is None:
            continue
        x0, y0, x1, y1 = line["bbox"]
        bbox: BBox = (float(x0), float(y0), float(x1), float(y1))
        spans = [s for s in line["spans"] if s["text"]]
        previous = rows[-1] if rows else None
        if (
            previous is None
            or not same_row(previous.bbox, bbox)
            or previous.text.size < facts.size * _SMALL  # a script piece opens no row
        ):
            rows.append(Row(facts, bbox, [_segment(facts, bbox)], list(facts.marks), 0, spans))
            continue
        if _is_mark_piece(previous, facts, bbox):
            previous.marks.append(facts.text)
            previous.spans += spans
            continue
        if bbox[0] - previous.bbox[2] > 1.0 * previous.text.size:
            previous.wide_gaps += 1
        touching = bbox[0] - previous.bbox[2] < 0.15 * previous.text.size
        script = _script(previous.bbox, bbox, previous.text, facts) if touching else None
        previous.text = _merge(previous.text, facts, touching=touching, script=script)
        previous.bbox = _union(previous.bbox, bbox)
        previous.segments.append(_segment(facts, bbox))
        previous.marks.extend(facts.marks)
        previous.spans += spans
    return rows


def knit(blocks: list[tuple[int, list[Row]]], fonts: FontFacts) -> list[tuple[int, list[Row]]]:
    """A page's rows (per block, in reading order) with the pieces of formulas joined to the
    rows they belong to, wherever PyMuPDF put them."""
    flat = [(column, row) for column, rows in blocks for row in rows]
    if not any(_mathy(row) for _, row in flat):
        return blocks  # most pages of prose: nothing set apart
    starts = _row_starts(blocks)
    gone: set[int] = set()
    _carry_on(flat, gone, starts)
    _satellites(flat, gone)
    _carry_on(flat, gone, starts)
    out: list[tuple[int, list[Row]]] = []
    for column, rows in blocks:
        kept = [row for row in rows if id(row) not in gone]
        for row in kept:
            if row.laid_out:
                read = read_line({"spans": row.spans}, fonts, laid_out=True)
                if read is not None:
                    row.text = read
        out.append((column, kept))
    return out


def _mathy(row: Row) -> bool:
    return row.text.math_chars > 0 or "$" in row.text.text


def _row_starts(blocks: list[tuple[int, list[Row]]]) -> set[int]:
    """The rows (by position on the page) that may carry another row on: a block's first,
    and one its block left beside the row before (it reached back under it)."""
    starts: set[int] = set()
    position = 0
    for _, rows in blocks:
        for offset, row in enumerate(rows):
            before = rows[offset - 1] if offset else None
            if before is None or (row.bbox[1] < before.bbox[3] and row.bbox[3] > before.bbox[1]):
                starts.add(position + offset)
        position += len(rows)
    return starts


def _carry_on(flat: list[tuple[int, Row]], gone: set[int], starts: set[int]) -> None:
    """A piece on a formula's baseline right after it (in another block, or after a stacked
    script) carries that row on."""
    for index, (column, row) in enumerate(flat):
        if index not in starts or id(row) in gone:
            continue  # inside a block, rows beside each other are joined already
        top, bottom = row.bbox[1], row.bbox[3]
        for back in range(index - 1, max(-1, index - 1 - _NEAR_ROWS // 2), -1):
            other_column, host = flat[back]
            if top >= host.bbox[3] or bottom <= host.bbox[1]:
                continue  # not on one row: most pairs
            if other_column != column or id(host) in gone:
                continue
            if _carries(host, row):
                host.take(row, beside=True)
                gone.add(id(row))
                break


def _carries(host: Row, row: Row) -> bool:
    if row.bbox[1] >= host.bbox[3] or row.bbox[3] <= host.bbox[1]:
        return False  # not on one row: most pairs
    size = host.text.size
    if abs(row.text.size - size) > (1 - _SMALL) * size:
        return False
    gap = row.bbox[0] - host.bbox[2]
    if gap < -size:  # a denominator reaching back under the host: from the row's own type
        gap = _full_start(row) - host.bbox[2]
    if not -size <= gap <= _CARRY_GAP * size:
        return False
    junction = (
        gap < 0
        or host.text.text.rstrip().endswith("$")
        or row.text.text.lstrip().startswith("$")
        or host.laid_out
    )
    return junction and abs(row.baseline - host.baseline) <= _BASELINE * size


def _full_start(row: Row) -> float:
    """Where the row's type of its own size starts (scripts and fractions aside)."""
    floor = row.text.size * _SMALL
    starts = [float(s["bbox"][0]) for s in row.spans if s["size"] >= floor and s["text"].strip()]
    return min(starts) if starts else row.bbox[0]


def _satellites(flat: list[tuple[int, Row]], gone: set[int]) -> None:
    """Small pieces standing over or under a row (within its width) join it."""
    for index, (column, row) in enumerate(flat):
        if id(row) in gone or not _satellite_like(row):
            continue
        best: Row | None = None
        best_distance = 1e9
        low, high = max(0, index - _NEAR_ROWS), min(len(flat), index + _NEAR_ROWS + 1)
        middle = (row.bbox[1] + row.bbox[3]) / 2
        for other_column, host in flat[low:high]:
            size = host.text.size
            if not host.bbox[1] - size < middle < host.bbox[3] + size:
                continue  # far from the row: most pairs
            if host is row or id(host) in gone or other_column != column:
                continue
            distance = _hosts(host, row)
            if distance is not None and distance < best_distance:
                best, best_distance = host, distance
        if best is not None:
            best.take(row, beside=False)
            gone.add(id(row))


def _satellite_like(row: Row) -> bool:
    text = row.text.text.replace("$", "").strip()
    return 0 < len(text) <= _SATELLITE_CHARS and text.count(" ") <= 2


def _hosts(host: Row, piece: Row) -> float | None:
    """How far `piece` is from where a script of `host` would stand; None when it cannot
    be one (not smaller, outside the row's width, too far over or under it)."""
    size = host.text.size
    middle = (piece.bbox[1] + piece.bbox[3]) / 2
    if not host.bbox[1] - size < middle < host.bbox[3] + size:
        return None  # far from the row: most pairs
    symbols = not any(ch.isalnum() for ch in piece.text.text)
    if not symbols and piece.text.size > size * _SMALL:
        return None
    if host.text.size < piece.text.size or not _satellite_host(host):
        return None
    width = max(piece.bbox[2] - piece.bbox[0], 1.0)
    overlap = min(piece.bbox[2], host.bbox[2]) - max(piece.bbox[0], host.bbox[0])
    opens = symbols and abs(piece.bbox[2] - host.bbox[0]) < _OVERLAP * size  # '∑' | 'a π(a|s)'
    trails = abs(piece.bbox[0] - host.bbox[2]) < _OVERLAP * size  # 'R' | '^{d_h n_h}'
    if overlap < _OVERLAP * width and not (opens or trails):
        return None  # not under or over the row (a word of the next column, a margin note)
    if symbols and all(is_extension(span) for span in piece.spans if span["text"].strip()):
        # a big operator from the extension font: its box is unreliable, its origin is its
        # top, which stands about a line's x-height and a half over the baseline
        top = min(float(span["origin"][1]) for span in piece.spans)
        offset = top - (host.baseline - _OPERATOR_TOP * size)
        return abs(offset) if abs(offset) <= _OPERATOR_TOP * size else None
    offset = middle - host.baseline  # negative: above the baseline
    if not -_ABOVE * size <= offset <= _BELOW * size:
        return None
    return abs(offset + 0.3 * size)


def _satellite_host(row: Row) -> bool:
    """A row a script can hang from: it has letters or digits in its own type."""
    return any(ch.isalnum() for ch in row.text.text)


def _union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def is_rotated(line: dict[str, Any]) -> bool:
    dx, dy = line["dir"]
    return bool(abs(dy) > 0.5 or dx < 0)


def _segment(facts: LineText, bbox: BBox) -> Segment:
    return Segment(facts.text, facts.size, facts.bold, bbox[0], facts.breaks, bbox[2])


def same_row(row: BBox, piece: BBox) -> bool:
    overlap = min(row[3], piece[3]) - max(row[1], piece[1])
    shorter = min(row[3] - row[1], piece[3] - piece[1])
    return shorter > 0 and overlap >= 0.5 * shorter and piece[0] >= row[2] - 1.0


def _is_mark_piece(row: Row, piece: LineText, bbox: BBox) -> bool:
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
    run_in = (
        None
        if touching or script or not left.bold or right.bold
        else after_run_in(left.text, added)
    )  # "Prompts" set apart from "Considerable effort was spent …" on its row
    text = fuse_scripts(run_in or (f"{left.text}{added}" if touching else f"{left.text} {added}"))
    if touching:
        text = text.replace("$$", "")  # two touching formulas are one
    return LineText(
        text=text,
        marks=left.marks + right.marks,
        breaks=left.breaks + tuple(shift + bool(run_in) + b for b in right.breaks),
        lead_mark=left.lead_mark,
        math_chars=left.math_chars + right.math_chars,
        size=longer.size,
        font=longer.font,
        bold=left.bold and right.bold,
        italic=left.italic and right.italic,
    )
