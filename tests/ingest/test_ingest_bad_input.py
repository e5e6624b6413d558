"""Every kind of bad input ends in one IngestError line that names the problem."""

from __future__ import annotations

import functools
from pathlib import Path

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperdive.errors import IngestError
from paperdive.ingestion import ingest


def _text_pdf(
    pages: int = 1,
    text: str = "A page of ordinary English text about models.",
    title: str | None = None,
) -> bytes:
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page()
        if title and number == 0:
            page.insert_text((72, 60), title, fontsize=18)
        page.insert_textbox(pymupdf.Rect(72, 90, 520, 760), f"{text} Page {number + 1}.")
    return doc.tobytes()


def _single_line_error(source: object, match: str, **kwargs: object) -> str:
    with pytest.raises(IngestError, match=match) as caught:
        ingest(source, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_nonexistent_path(tmp_path: Path) -> None:
    _single_line_error(tmp_path / "missing.pdf", "does not exist")


def test_directory_is_not_a_paper(tmp_path: Path) -> None:
    _single_line_error(tmp_path, "not a file")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    _single_line_error(path, "empty, not a PDF")


def test_html_saved_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    path.write_text("<!DOCTYPE html><html><body>Just a moment...</body></html>")
    _single_line_error(path, "is an HTML page, not a PDF")


def test_image_saved_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "figure.pdf"
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 8, 8), False)
    path.write_bytes(pixmap.tobytes("png"))
    _single_line_error(path, "is an image, not a PDF")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _text_pdf(pages=3)
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    _single_line_error(path, "truncated")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    _single_line_error(path, "damaged PDF")


def test_encrypted_pdf(tmp_path: Path) -> None:
    doc = pymupdf.open(stream=_text_pdf(), filetype="pdf")
    path = tmp_path / "locked.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    message = _single_line_error(path, "password-protected")
    assert "secret" not in message


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    doc = pymupdf.open()
    pixmap = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 200, 200), False)
    pixmap.clear_with(200)
    for _ in range(2):
        doc.new_page().insert_image(pymupdf.Rect(72, 72, 400, 400), pixmap=pixmap)
    path = tmp_path / "scan.pdf"
    doc.save(path)
    _single_line_error(path, "no text layer")


def test_page_limit(tmp_path: Path) -> None:
    path = tmp_path / "book.pdf"
    path.write_bytes(_text_pdf(pages=500))
    message = _single_line_error(path, "500 pages, over the 300-page limit")
    assert "max_pages" in message


def test_size_limit_for_local_files(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(_text_pdf(pages=2))
    _single_line_error(path, "over the 1,000-byte limit", max_bytes=1_000)


@pytest.mark.parametrize("source", ["2413.06066", "2401.0606", "1501.0001", "hep-th/99"])
def test_malformed_arxiv_ids(source: str) -> None:
    _single_line_error(source, "malformed arXiv id|not an existing file")


def test_unsupported_url_scheme() -> None:
    _single_line_error("ftp://example.org/paper.pdf", "only http\\(s\\) URLs")


def test_a_titled_pdf_without_headings_becomes_one_section_with_a_warning(
    tmp_path: Path,
) -> None:
    path = tmp_path / "note.pdf"
    text = "Transformers use attention to mix tokens. " * 3
    path.write_bytes(_text_pdf(pages=2, text=text, title="A Note on Attention"))
    paper = ingest(path)
    assert paper.page_count == 2 and paper.source_kind == "local_pdf"
    assert paper.title == "A Note on Attention"
    assert [s.title for s in paper.sections] == ["Full text"]
    assert "Transformers use attention to mix tokens." in paper.sections[0].text
    assert any("does not look like a paper" in w for w in paper.warnings)


def test_a_pdf_with_nothing_of_a_paper_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "note.pdf"
    path.write_bytes(_text_pdf(pages=2, text="Transformers use attention to mix tokens. " * 3))
    _single_line_error(path, "does not look like a paper: 2 pages with no title, abstract")


def test_a_paper_not_in_english_says_so(tmp_path: Path) -> None:
    german = (
        "Wir untersuchen, wie gut kleine Sprachmodelle wissenschaftliche Artikel "
        "zusammenfassen, und vergleichen die Ergebnisse mit menschlichen Zusammenfassungen. "
    )
    path = tmp_path / "artikel.pdf"
    path.write_bytes(_text_pdf(pages=2, text=german * 3, title="Kleine Sprachmodelle"))
    assert ingest(path).language == "de"


@functools.cache
def _undamaged_pdf() -> bytes:
    """Built once: PyMuPDF stamps a creation time, and hypothesis needs a fixed input."""
    return _text_pdf(pages=2, text="Attention is all you need. " * 4)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_pdfs_fail_with_an_ingest_error_or_still_read(
    tmp_path: Path, data: st.DataObject
) -> None:
    original = bytearray(_undamaged_pdf())
    for _ in range(data.draw(st.integers(1, 8), label="damaged spots")):
        start = data.draw(st.integers(0, len(original) - 1), label="where")
        original[start : start + 16] = data.draw(st.binary(min_size=1, max_size=16), label="bytes")
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(original))
    try:
        paper = ingest(path)
    except IngestError as error:
        assert "\n" not in str(error)
    else:
        assert paper.page_count >= 1


# Issue 12 item 4: a damaged file never gives a silent episode.


def _damaged(data: bytes, how: str) -> bytes:
    middle = len(data) // 2
    if how == "truncated, %%EOF appended":
        return data[:middle] + b"\n%%EOF\n"
    return data[:middle] + bytes(range(256)) * 8 + data[middle + 2048 :]  # 2 KB of garbage


def test_a_truncated_download_with_eof_appended_is_refused(
    tmp_path: Path, sample_paper_pdf: Path
) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(_damaged(sample_paper_pdf.read_bytes(), "truncated, %%EOF appended"))
    message = _single_line_error(path, "damaged")
    assert "could not be read" in message and "download it again" in message


def test_garbage_in_the_middle_warns_naming_the_pages_lost(
    tmp_path: Path, sample_paper_pdf: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "garbled.pdf"
    path.write_bytes(_damaged(sample_paper_pdf.read_bytes(), "garbage in the middle"))
    paper = ingest(path)
    damage = [w for w in paper.warnings if "damaged" in w]
    assert damage and "came out empty" in damage[0] and "page 3" in damage[0]
    assert any("damaged" in record.getMessage() for record in caplog.records)


def test_an_undamaged_pdf_reads_without_damage_warnings(sample_paper_pdf: Path) -> None:
    assert not [w for w in ingest(sample_paper_pdf).warnings if "damaged" in w]


def test_a_page_of_table_torn_out_of_a_paper_is_refused(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    for row in range(12):  # a results table, then the end of a section's prose
        cells = ["BC5CDR", "NER", f"{80 + row}.{row}5", f"{70 + row}.2", f"{90 - row}.1"]
        for column, cell in enumerate(cells):
            page.insert_text((72 + 90 * column, 80 + 16 * row), cell, fontsize=9)
    prose = "the model outperforms the baseline on every task we tried and by a wide margin. " * 6
    page.insert_textbox(pymupdf.Rect(72, 300, 520, 700), prose, fontsize=10)
    path = tmp_path / "torn.pdf"
    path.write_bytes(doc.tobytes())
    message = _single_line_error(path, "does not look like a paper")
    assert "a single page with no title, abstract" in message
