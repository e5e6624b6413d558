"""A PDF without arXiv metadata still gets its date: printed under the title, else metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pymupdf
import pytest

from paperdive.ingestion import ingest
from paperdive.ingestion.dates import metadata_date

BODY = (
    "We study how small offline models read research papers aloud for listeners.",
    "The method measures speed and accuracy on two processor cores without a GPU.",
    "Results show that the clearest voices are also the slowest ones we measured.",
)


def _paper_pdf(
    path: Path, *, printed: str | None = None, created: str = "", body_date: str | None = None
) -> Path:
    """A one-page paper: title, authors, an optional date line, abstract and one section."""
    doc = pymupdf.open()
    page = doc.new_page()
    y = 90.0

    def line(text: str, size: float, font: str = "Times-Roman", gap: float = 1.6) -> None:
        nonlocal y
        page.insert_text((72, y), text, fontsize=size, fontname=font)
        y += size * gap

    line("Reading Papers Aloud with Offline Voices", 18, "Times-Bold", gap=1.8)
    line("Ada Example and Grace Sample", 11)
    if printed is not None:
        line(printed, 11)
    line("Abstract", 12, "Times-Bold")
    for text in BODY:
        line(text, 10)
    line("1 Introduction", 12, "Times-Bold")
    for text in (*BODY, *([f"The data were collected on {body_date}."] if body_date else [])):
        line(text, 10)
    doc.set_metadata({"title": "", "creationDate": created, "modDate": created})
    doc.save(path)
    return path


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("November 3, 2025", date(2025, 11, 3)),
        ("Nov. 3rd, 2025", date(2025, 11, 3)),
        ("3 November 2025", date(2025, 11, 3)),
        ("2025-11-03", date(2025, 11, 3)),
        ("Technical report, November 2025", date(2025, 11, 1)),
    ],
)
def test_a_date_printed_under_the_authors_wins_over_metadata(
    tmp_path: Path, printed: str, expected: date
) -> None:
    pdf = _paper_pdf(tmp_path / "paper.pdf", printed=printed, created="D:20190101120000Z")
    assert ingest(pdf).published == expected


def test_metadata_creation_date_is_used_when_nothing_is_printed(tmp_path: Path) -> None:
    pdf = _paper_pdf(tmp_path / "paper.pdf", created="D:20240510093000+02'00'")
    assert ingest(pdf).published == date(2024, 5, 10)


def test_a_date_in_the_body_text_is_not_the_paper_date(tmp_path: Path) -> None:
    pdf = _paper_pdf(tmp_path / "paper.pdf", body_date="March 4, 2021")
    assert ingest(pdf).published is None


def test_future_dates_are_never_the_paper_date(tmp_path: Path) -> None:
    pdf = _paper_pdf(
        tmp_path / "paper.pdf", printed="To appear, December 2099", created="D:20990101000000Z"
    )
    assert ingest(pdf).published is None


@pytest.mark.parametrize(
    ("creation_date", "expected"),
    [
        ("D:20240510093000Z", date(2024, 5, 10)),
        ("20240510", date(2024, 5, 10)),
        ("D:20261123000000Z", None),  # after "today"
        ("D:19851231000000Z", None),  # a clock that was never set
        ("D:20241399000000Z", None),
        ("", None),
        (None, None),
    ],
)
def test_metadata_dates_must_be_plausible(creation_date: str | None, expected: date | None) -> None:
    assert metadata_date(creation_date, today=date(2026, 11, 22)) == expected
