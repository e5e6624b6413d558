"""A table's cells from the lines the PDF sets around its caption.

PyMuPDF's `find_tables()` costs about a second per page on real papers, far over the
ingest budget, so cells are read from the text layer instead: the lines of the table's
region grouped into rows by height and into cells by the gaps the PDF leaves between them.
"""

from __future__ import annotations

from paperdive.ingestion.layout import TextLine

_ROW_TOLERANCE = 0.5  # of the line height: cells whose middles are this close share a row


def table_rows(lines: list[TextLine]) -> list[list[str]]:
    """Rows of cells, top to bottom, cells left to right."""
    rows: list[list[tuple[float, float, str]]] = []  # (middle y, x0, text) per cell
    for line in sorted(lines, key=lambda line: (line.bbox[1], line.bbox[0])):
        middle = (line.bbox[1] + line.bbox[3]) / 2
        height = max(line.bbox[3] - line.bbox[1], 1.0)
        cells = _cells(line)
        if rows and abs(rows[-1][0][0] - middle) < height * _ROW_TOLERANCE:
            rows[-1].extend((middle, x, text) for x, text in cells)
        else:
            rows.append([(middle, x, text) for x, text in cells])
    return [[text for _, _, text in sorted(row, key=lambda cell: cell[1])] for row in rows]


def _cells(line: TextLine) -> list[tuple[float, str]]:
    """A line's cells: its segments (the PDF sets each cell apart)."""
    if not line.segments:
        return [(line.x0, line.text.strip())]
    return [(s.x0, s.text.strip()) for s in line.segments if s.text.strip()]
