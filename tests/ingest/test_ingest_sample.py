"""The sample paper is the demo's input: it must build reproducibly and ingest exactly."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pymupdf
import pytest

from paperdive.ingestion import ingest
from paperdive.models import Paper
from paperdive.sample import sample_pdf

SOURCE = tomllib.loads(resources.files("paperdive.sample").joinpath("paper.toml").read_text())


@pytest.fixture(scope="module")
def paper(sample_paper_pdf: Path) -> Paper:
    return ingest(sample_paper_pdf)


def test_sample_pdf_is_reproducible_and_cached(tmp_path: Path, sample_paper_pdf: Path) -> None:
    rebuilt = sample_pdf(tmp_path)
    assert rebuilt.read_bytes() == sample_paper_pdf.read_bytes()
    modified = rebuilt.stat().st_mtime_ns
    assert sample_pdf(tmp_path) == rebuilt
    assert rebuilt.stat().st_mtime_ns == modified  # served from the cache, not rewritten


def test_sample_pdf_looks_like_a_short_paper(sample_paper_pdf: Path) -> None:
    with pymupdf.open(sample_paper_pdf) as doc:
        assert 4 <= doc.page_count <= 6
        assert len(doc.get_toc()) == len(SOURCE["sections"]) + 1  # + References


def test_sample_paper_carries_its_date(paper: Paper, sample_paper_pdf: Path) -> None:
    assert paper.published == SOURCE["date"]
    with pymupdf.open(sample_paper_pdf) as doc:
        assert doc.metadata["creationDate"].startswith(f"D:{SOURCE['date']:%Y%m%d}")
        assert (
            f"{SOURCE['date']:%B} {SOURCE['date'].day}, {SOURCE['date'].year}" in doc[0].get_text()
        )


def test_sections_match_the_source_exactly(paper: Paper) -> None:
    expected = [(s["number"], s["title"], s.get("level", 1)) for s in SOURCE["sections"]]
    assert [(s.number, s.title, s.level) for s in paper.sections] == expected
    assert all(s.text for s in paper.sections)
    assert paper.title == SOURCE["title"]
    assert paper.abstract == " ".join(SOURCE["abstract"].split())
    assert paper.language == "en"
    assert paper.page_count >= 4 and len(paper.pdf_sha256 or "") == 64


def test_section_text_is_the_source_prose(paper: Paper) -> None:
    intro = next(s for s in paper.sections if s.title == "Introduction")
    first_paragraph = " ".join(SOURCE["sections"][0]["blocks"][0]["paragraph"].split())
    assert intro.text.startswith(first_paragraph)


def test_references_carry_their_arxiv_ids_and_links(paper: Paper) -> None:
    expected_ids = [r.get("arxiv") for r in SOURCE["references"]]
    assert [r.arxiv_id for r in paper.references] == expected_ids
    whisper = paper.references[0]
    assert whisper.title == "Robust Speech Recognition via Large-Scale Weak Supervision"
    assert whisper.year == 2022
    assert whisper.link() == "https://arxiv.org/abs/2212.04356"
    assert paper.references[-1].link() == "https://www.itu.int/rec/R-REC-BS.1770"


def test_captions_are_found(paper: Paper) -> None:
    labels = {c.label: c for c in paper.captions}
    assert labels["Table 1"].kind == "table"
    assert labels["Table 1"].text == SOURCE["tables"]["voices"]["caption"]
    assert labels["Figure 1"].text == SOURCE["figures"]["speed"]["caption"]


def test_numbers_index_points_to_sentence_and_section(paper: Paper) -> None:
    mention = next(n for n in paper.numbers if n.text == "0.014" and n.section == "Intelligibility")
    assert mention.value == pytest.approx(0.014)
    assert "jf_gongitsune" in mention.sentence
    percent = next(n for n in paper.numbers if n.unit == "%" and n.value == 70)
    assert percent.section == "Speed"
    assert "decoder" in percent.sentence
    assert any(n.text == "18x" and n.unit == "x" for n in paper.numbers)


def test_a_title_set_on_two_tightly_led_lines_is_read_whole(tmp_path: Path) -> None:
    """A paper rendered like the sample, whose title wraps: its second line's box starts
    2.5pt inside the first's, and ingest kept only "…: A Critical" of "The Importance of
    Being Statistically Earnest: A Critical Re-evaluation of GSM-Symbolic"."""
    from paperdive.sample.build import render

    title = "Offline Voices for Research Podcasts: A Measurement Study of Six Engines on Two Cores"
    pdf = tmp_path / "wrapped.pdf"
    pdf.write_bytes(render({**SOURCE, "title": title}))
    with pymupdf.open(pdf) as doc:
        first_page = doc[0].get_text()
    assert title not in first_page and title in first_page.replace("\n", " ")  # it wraps
    assert ingest(pdf).title == title
