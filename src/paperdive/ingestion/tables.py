"""A table's cells from the lines the PDF sets around its caption.

PyMuPDF's `find_tables()` costs one to two seconds per page on real papers (measured on
the MoBA report: 1.5-2.0 s a page with strategy="text", and its cells come out garbled,
"0.5144" as "05144\\n."), far over the ingest budget, so cells are read from the text layer
instead: the lines of the table's region are grouped into rows by height; the columns are
the bands of the page's width that the rows' cells cover, parted by the gutters no cell
crosses (a cell spanning columns, a group header, is too rare to close a gutter); and a
line of words under a cell of words, with the first column empty, carries that cell on
(text wrapped inside its column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperdive.ingestion.layout import TextLine
from paperdive.ingestion.text import join_lines

_ROW_TOLERANCE = 0.5  # of the line height: cells whose middles are this close share a row
_SPANNING_SHARE = 0.15  # a gutter may be crossed by cells of this share of the rows
_MIN_GUTTER = 2.0  # points
_FEW_ROWS = 3  # from this many rows on, one cell (a group header) may cross a gutter
_WRAP_LEADING = 1.6  # of the type size: a cell's wrapped line sits this close under it
_WORDY = re.compile(r"[A-Za-z]{2}")
_NUMBERY = re.compile(r"\d")
_ENDED = (".", "!", "?", ":")


@dataclass
class _Cell:
    x0: float
    x1: float
    text: str


@dataclass
class _Row:
    top: float
    bottom: float
    middle: float
    size: float
    cells: list[_Cell]


def table_rows(lines: list[TextLine]) -> list[list[str]]:
    """Rows of cells, top to bottom, one string per column (empty where a row has none)."""
    rows = _rows(lines)
    if not rows:
        return []
    bands = _bands(rows)
    grid = [_place(row, bands) for row in rows]
    grid, rows = _wrapped_labels(grid, rows)
    grid = _unwrap(grid, rows)
    used = [c for c in range(len(bands)) if any(row[c] for row in grid)]
    return [[row[c] for c in used] for row in grid if any(row)]


def _rows(lines: list[TextLine]) -> list[_Row]:
    rows: list[_Row] = []
    for line in sorted(lines, key=lambda line: (line.bbox[1], line.bbox[0])):
        top, bottom = line.bbox[1], line.bbox[3]
        middle = (top + bottom) / 2
        height = max(bottom - top, 1.0)
        cells = _cells(line)
        if rows and abs(rows[-1].middle - middle) < height * _ROW_TOLERANCE:
            row = rows[-1]
            row.cells.extend(cells)
            row.top, row.bottom = min(row.top, top), max(row.bottom, bottom)
        else:
            rows.append(_Row(top, bottom, middle, line.size, cells))
    for row in rows:
        row.cells.sort(key=lambda cell: cell.x0)
    return rows


def _cells(line: TextLine) -> list[_Cell]:
    """A line's cells: its segments (the PDF sets each cell apart)."""
    segments = [s for s in line.segments if s.text.strip()]
    if len(segments) < 2 or any(s.x1 <= s.x0 for s in segments):
        return [_Cell(line.bbox[0], line.bbox[2], line.text.strip())]
    return [_Cell(s.x0, s.x1, s.text.strip()) for s in segments]


def _bands(rows: list[_Row]) -> list[tuple[float, float]]:
    """The columns: stretches of x covered by cells of more than a few rows."""
    events: list[tuple[float, int]] = []
    for row in rows:
        for cell in row.cells:
            events += [(cell.x0, 1), (cell.x1, -1)]
    events.sort()
    allowed = max(int(len(rows) * _SPANNING_SHARE), 1 if len(rows) >= _FEW_ROWS else 0)
    bands: list[tuple[float, float]] = []
    depth = 0
    start: float | None = None
    for x, change in events:
        before = depth
        depth += change
        if before <= allowed < depth and start is None:
            start = x
        elif depth <= allowed < before and start is not None:
            bands.append((start, x))
            start = None
    merged: list[tuple[float, float]] = []
    for band in bands:
        if merged and band[0] - merged[-1][1] < _MIN_GUTTER:
            merged[-1] = (merged[-1][0], band[1])
        else:
            merged.append(band)
    return merged or [(min(e[0] for e in events), max(e[0] for e in events))]


def _place(row: _Row, bands: list[tuple[float, float]]) -> list[str]:
    out: list[list[str]] = [[] for _ in bands]
    for cell in row.cells:
        out[_band_of(cell, bands)].append(cell.text)
    return [" ".join(texts) for texts in out]


def _band_of(cell: _Cell, bands: list[tuple[float, float]]) -> int:
    """The column a cell overlaps most (the nearest when it falls in a gutter)."""
    best, best_overlap = 0, -1e9
    for index, (left, right) in enumerate(bands):
        overlap = min(cell.x1, right) - max(cell.x0, left)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def _unwrap(grid: list[list[str]], rows: list[_Row]) -> list[list[str]]:
    """Join a line of words that carries on the cells above it (its first column empty,
    each of its cells under a cell of words that does not end a sentence)."""
    out: list[list[str]] = []
    previous: _Row | None = None
    for cells, row in zip(grid, rows, strict=True):
        if out and previous is not None and _carries_on(out[-1], cells, previous, row):
            out[-1] = [
                join_lines([above, below]) if below else above
                for above, below in zip(out[-1], cells, strict=True)
            ]
        else:
            out.append(cells)
        previous = row
    return out


def _wrapped_labels(grid: list[list[str]], rows: list[_Row]) -> tuple[list[list[str]], list[_Row]]:
    """Join a row label wrapped over two lines into the row of its figures: the figures
    set between its lines ("NB-SVM Bigrams" / "91.22" / "(Wang and Manning, 2012)"), or
    on its first line, the second going on from it ("NB-weighted-BON +" / "DV-ngram");
    and a header of two lines around its row label ("IMDB Dataset" / "Model" /
    "Accuracy (%)")."""
    out_grid: list[list[str]] = []
    out_rows: list[_Row] = []
    i = 0
    while i < len(grid):
        cells = grid[i]
        if i + 2 < len(grid) and _label_only(cells) and _label_only(grid[i + 2]):
            middle = grid[i + 1]
            if not middle[0] and any(middle[1:]) and _tight(rows[i], rows[i + 2]):
                label = f"{cells[0]} {grid[i + 2][0]}"
                out_grid.append([label, *middle[1:]])
                out_rows.append(_spanning(rows[i], rows[i + 2]))
                i += 3
                continue
        if i + 2 < len(grid) and _label_only(grid[i + 1]) and not cells[0] and any(cells):
            below = grid[i + 2]  # a header of two lines with its row label set between them
            words = not any(_numeric(cell) for cell in [*cells, *below])  # no group's figures
            if not below[0] and any(below) and words and _tight(rows[i], rows[i + 2]):
                joined = [" ".join(filter(None, pair)) for pair in zip(cells, below, strict=True)]
                out_grid.append([grid[i + 1][0], *joined[1:]])
                out_rows.append(_spanning(rows[i], rows[i + 2]))
                i += 3
                continue
        if (
            i + 1 < len(grid)
            and cells[0]
            and any(cells[1:])
            and _label_only(grid[i + 1])
            and _goes_on(cells[0], grid[i + 1][0])
            and _tight(rows[i], rows[i + 1])
        ):
            out_grid.append([f"{cells[0]} {grid[i + 1][0]}", *cells[1:]])
            out_rows.append(_spanning(rows[i], rows[i + 1]))
            i += 2
            continue
        out_grid.append(cells)
        out_rows.append(rows[i])
        i += 1
    return out_grid, out_rows


# A label's first line that cannot end it ("NB-weighted-BON +", "Dot Product with"), or a
# second line that is the first's citation ("(Wang and Manning, 2012)").
_OPEN_END = re.compile(r"(?:[+&/,\-]|\b(?:with|using|and|or|of|for|via|in|on|to|by))$")
_CONTINUED = re.compile(r"^\([A-Z][^()]*\d{4}[a-z]?\)$")  # "(Wang and Manning, 2012)"


def _goes_on(first: str, second: str) -> bool:
    return bool(_OPEN_END.search(first) or _CONTINUED.match(second))


def _label_only(cells: list[str]) -> bool:
    return len(cells) >= 2 and bool(cells[0]) and not any(cells[1:])


def _tight(upper: _Row, lower: _Row) -> bool:
    """Whether two lines sit as close as the lines of one wrapped cell."""
    return lower.top - upper.bottom <= _WRAP_LEADING * lower.size - (lower.bottom - lower.top)


def _spanning(upper: _Row, lower: _Row) -> _Row:
    return _Row(upper.top, lower.bottom, (upper.top + lower.bottom) / 2, upper.size, [])


def _carries_on(above: list[str], cells: list[str], previous: _Row, row: _Row) -> bool:
    if cells[0] or not any(cells) or len(cells) < 2:
        return False
    if not _tight(previous, row):
        return False
    for upper, lower in zip(above, cells, strict=True):
        if not lower:
            continue
        if not upper or upper.endswith(_ENDED) or _numeric(upper) or _numeric(lower):
            return False
    return True


def _numeric(text: str) -> bool:
    """A figure rather than words: '1.3m', '74.9', '$1.84%$'."""
    return bool(_NUMBERY.search(text)) and not _WORDY.search(text)
