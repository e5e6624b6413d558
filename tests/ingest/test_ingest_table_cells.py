"""Table cells set on two lines, read as one cell (a held-out sentiment paper's results
table came out as three rows a system: its name, its figure set between the name's two
lines, and the citation under it, so no system was ever set against another)."""

from __future__ import annotations

from paperdive.ingestion.layout import TextLine
from paperdive.ingestion.rows import Segment
from paperdive.ingestion.tables import table_rows

SIZE = 9.0
LEADING = 11.0  # the lines of one wrapped cell
ROW_GAP = 18.0  # the rows of the table


def cell_line(top: float, left: str, right: str) -> TextLine:
    """A line of the table: a label at x 50–150 and a figure at x 300–330 (either empty)."""
    segments = []
    if left:
        segments.append(Segment(left, SIZE, False, x0=50.0, x1=150.0))
    if right:
        segments.append(Segment(right, SIZE, False, x0=300.0, x1=330.0))
    x0, x1 = (50.0 if left else 300.0), (330.0 if right else 150.0)
    text = " ".join(t for t in (left, right) if t)
    return TextLine(text, 1, 0, (x0, top, x1, top + SIZE), SIZE, False, segments=tuple(segments))


def test_a_label_on_two_lines_with_its_figure_between_them_is_one_row() -> None:
    lines = [
        cell_line(100.0 - LEADING, "", "IMDB"),  # a header of two lines around its label
        cell_line(100.0 - LEADING / 2, "Model", ""),
        cell_line(100.0, "", "Accuracy"),
        cell_line(100.0 + ROW_GAP, "NB-SVM Bigrams", ""),
        cell_line(100.0 + ROW_GAP + LEADING / 2, "", "91.22"),
        cell_line(100.0 + ROW_GAP + LEADING, "(Wang and Manning, 2012)", ""),
        cell_line(100.0 + 2 * ROW_GAP + LEADING, "NB-weighted-BON +", "93.68"),
        cell_line(100.0 + 2 * ROW_GAP + 2 * LEADING, "Cosine Similarity", ""),
    ]
    assert table_rows(lines) == [
        ["Model", "IMDB Accuracy"],
        ["NB-SVM Bigrams (Wang and Manning, 2012)", "91.22"],
        ["NB-weighted-BON + Cosine Similarity", "93.68"],
    ]


def test_a_group_label_set_between_two_rows_of_figures_stays_apart() -> None:
    """ "English" centred beside NaturalQuestions and ARC-Easy groups two benchmarks: joined,
    their figures would run together ("22.2 67.9")."""
    lines = [
        cell_line(100.0 - ROW_GAP, "Language", "Score"),
        cell_line(100.0, "", "22.2"),
        cell_line(100.0 + LEADING / 2, "English", ""),
        cell_line(100.0 + LEADING, "", "67.9"),
    ]
    rows = [["Language", "Score"], ["", "22.2"], ["English", ""], ["", "67.9"]]
    assert table_rows(lines) == rows


def test_rows_apart_are_not_joined_as_one_label() -> None:
    lines = [
        cell_line(100.0, "LSTM", "0.15"),
        cell_line(100.0 + ROW_GAP, "(b) Factorization models", ""),
        cell_line(100.0 + 2 * ROW_GAP, "Bilinear", "0.10"),
    ]
    assert table_rows(lines) == [
        ["LSTM", "0.15"],
        ["(b) Factorization models", ""],
        ["Bilinear", "0.10"],
    ]


def test_single_spaced_rows_stay_apart_unless_a_label_runs_on() -> None:
    """In a tightly set table every row sits as close as a wrapped line: a group's heading
    or an ablation's "w/o attention" row is no second line of the label above it."""
    lines = [
        cell_line(100.0, "LSTM", "0.15"),
        cell_line(100.0 + LEADING, "(b) Factorization models", ""),
        cell_line(100.0 + 2 * LEADING, "Full model", "91.2"),
        cell_line(100.0 + 3 * LEADING, "w/o attention", ""),
        cell_line(100.0 + 3 * LEADING + LEADING / 2, "", "88.1"),
    ]
    rows = table_rows(lines)
    assert ["LSTM", "0.15"] in rows and ["(b) Factorization models", ""] in rows, rows
    assert ["Full model", "91.2"] in rows, rows
