"""Papers in four layouts the tests build (tests/ingest/layouts.py): what the page says is
what ingest reads, whatever the layout; and the hard cases of issue 8 come out speakable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from layouts import (
    BROKEN_WORDS_READ,
    CLEAN_SENTENCE,
    GAP_SENTENCE,
    LAYOUTS,
    MARKED_WORDS_READ,
    RUN_IN_TEXT,
    Truth,
)

from paperdive.ingestion import ingest
from paperdive.models import Paper, Sentence

Built = tuple[Paper, Truth]


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    build: Callable[[], tuple[bytes, Truth]] = LAYOUTS[request.param]
    data, truth = build()
    path = tmp_path_factory.mktemp(request.param) / f"{request.param}.pdf"
    path.write_bytes(data)
    return ingest(path), truth


def _sentences(paper: Paper) -> list[Sentence]:
    return [s for section in paper.sections for p in section.paragraphs for s in p.sentences]


def _sentence(paper: Paper, start: str) -> Sentence:
    return next(s for s in _sentences(paper) if s.text.startswith(start))


def test_title_authors_and_abstract_come_from_the_page(built: Built) -> None:
    paper, truth = built
    assert paper.title == truth.title  # the PDF metadata says "template.dvi"
    assert paper.authors == truth.authors  # no marks, emails, affiliations; usual case
    assert paper.abstract.startswith(truth.abstract_start)
    assert paper.abstract.endswith(truth.abstract_end)


def test_headings_form_a_tree_and_references_are_counted(built: Built) -> None:
    paper, truth = built
    assert [s.title for s in paper.sections if s.level == 1] == truth.headings
    levels = [s.level for s in paper.sections]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert len(paper.references) == truth.references


def test_run_in_numbered_subsections_are_headings_and_keep_their_text(built: Built) -> None:
    paper, _ = built
    run_in = [s for s in paper.sections if s.title == "Data Mixture"]
    if any(s.number == "A" for s in paper.sections) or not any(s.number for s in paper.sections):
        assert run_in == []  # lettered (IEEE) or unnumbered (LNCS) papers have none
        return
    [section] = run_in
    assert (section.number, section.level) == ("3.1.1", 3)
    assert section.text.startswith(RUN_IN_TEXT)


def test_all_body_text_is_placed_once_and_nothing_is_lost(built: Built) -> None:
    paper, _ = built
    assert paper.coverage is not None and paper.coverage >= 0.95
    assert paper.warnings == []
    texts = [s.text for s in _sentences(paper)]
    broken = next(t for t in texts if t.startswith("In our tests"))
    assert texts.count(broken) == 1  # in exactly one section, once
    body = " ".join(s.text for s in paper.sections)
    assert "Preprint. Under review." not in body  # page furniture
    assert "Code and data are available" not in body  # the footnote is kept apart ...
    assert [f.text for f in paper.footnotes] == ["Code and data are available from the authors."]


def test_line_break_hyphens_are_rejoined_by_what_the_paper_writes(built: Built) -> None:
    paper, _ = built
    assert _sentence(paper, "In our tests").text == BROKEN_WORDS_READ


def test_footnote_marks_are_not_read_as_part_of_words(built: Built) -> None:
    paper, _ = built
    assert _sentence(paper, "We compare against").text == MARKED_WORDS_READ


def test_citations_go_where_the_sentence_stays_whole_and_are_marked_where_not(
    built: Built,
) -> None:
    paper, _ = built
    kept = _sentence(paper, "In [12]")
    assert kept.text == GAP_SENTENCE and "citation_gap" in kept.marks
    cleaned = _sentence(paper, "Earlier methods")
    assert cleaned.text == CLEAN_SENTENCE and cleaned.marks == ["cites"]  # whose, is kept


def test_inline_math_is_marked_and_a_display_equation_kept_apart(built: Built) -> None:
    paper, _ = built
    sums = _sentence(paper, "The loss sums")
    assert "$x_i$" in sums.text and {"math", "table"} <= set(sums.marks)
    assert [(e.label, e.text) for e in paper.equations] == [("1", "s(x) = 1 / (1 + exp(-x))")]
    where = _sentence(paper, "where x is the input")
    assert {"equation", "fragment"} <= set(where.marks)
    assert "exp(-x)" not in " ".join(s.text for s in paper.sections)


def test_tables_are_read_into_cells_and_markdown(built: Built) -> None:
    paper, truth = built
    [table] = paper.tables
    assert table.label == truth.table_label and table.caption == "Accuracy on two domains."
    assert table.rows == [
        ["Dataset", "Baseline", "Ours"],
        ["Web", "71.2", "74.9"],
        ["Science", "64.0", "69.3"],
    ]
    markdown = paper.markdown()
    assert "| Web | 71.2 | 74.9 |" in markdown
    assert markdown.startswith(f"# {paper.title}\n")
    assert "## Abstract" in markdown
    for section in paper.sections:
        number = f"{section.number} " if section.number else ""
        assert f"{'#' * (section.level + 1)} {number}{section.title}\n" in markdown


def test_an_ieee_papers_subsections_are_lettered_from_a_under_each_section(
    tmp_path: Path,
) -> None:
    """A held-out IEEE paper lost "A Node similarity model" and "C pWSBM …" as subsections:
    the letters had to go on from the section before, and a title may open on a name."""
    data, _ = LAYOUTS["ieee"]()
    path = tmp_path / "ieee.pdf"
    path.write_bytes(data)
    subsections = [(s.number, s.title) for s in ingest(path).sections if s.level == 2]
    assert subsections == [
        ("A", "Node models"),
        ("B", "pWSBM block models"),
        ("A", "Training Setup"),
    ]


def test_the_layouts_stay_fast(tmp_path: Path) -> None:
    import time

    data, _ = LAYOUTS["acl"]()
    path = tmp_path / "acl.pdf"
    path.write_bytes(data)
    start = time.perf_counter()
    paper = ingest(path)
    assert (time.perf_counter() - start) / paper.page_count < 0.25  # generous: shared CPUs
