"""Floats and formulas as a model reads them (Paper.markdown()): a borderless table whose
caption sits under its last row, a figure with a label line in body type, inline math
with a fraction and a stacked sub/superscript set as separate pieces (tests/ingest/
layouts.py `floats()`), and how citations of tables and figures are matched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from layouts import (
    FLOAT_CITING,
    FLOAT_FIGURE_CAPTION,
    FLOAT_FIGURE_LABEL,
    FLOAT_ROWS,
    FLOAT_TABLE_CAPTION,
    FRACTION_READ,
    RUN_IN_PARAGRAPHS,
    STACKED_READ,
    floats,
)

from paperdive.ingestion import ingest
from paperdive.models import Caption, Paper, Paragraph, Section, Sentence, Table, cited_labels


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Paper:
    data, _ = floats()
    path: Path = tmp_path_factory.mktemp("floats") / "floats.pdf"
    path.write_bytes(data)
    return ingest(path, arxiv_lookup=False)


def _prose(paper: Paper) -> str:
    return " ".join(p.printed for s in paper.sections for p in s.paragraphs)


def test_a_borderless_table_captioned_under_its_rows_keeps_its_cells(paper: Paper) -> None:
    [table] = paper.tables
    assert table.label == "Table 1" and table.caption == FLOAT_TABLE_CAPTION
    assert table.rows == FLOAT_ROWS
    assert "545M" not in _prose(paper) and "0.7818" not in _prose(paper)  # cells, not prose
    assert not paper.warnings  # nothing of the body is lost


def test_tables_and_figure_captions_follow_the_paragraph_citing_them(paper: Paper) -> None:
    markdown = paper.markdown()
    citing = markdown.index(FLOAT_CITING)  # cites 'table 1' and 'Fig. 1'
    table = markdown.index(f"**Table 1.** {FLOAT_TABLE_CAPTION}")
    figure = markdown.index(f"**Figure 1.** {FLOAT_FIGURE_CAPTION}")
    assert citing < table < figure < markdown.index("The router adds little cost")
    assert "| Large | 1.5B | 20 | 27.4B | 0.7818 |" in markdown
    assert markdown.count("**Figure 1.**") == 1 and markdown.count("**Table 1.**") == 1


def test_a_bold_lead_in_with_no_stop_is_not_read_into_the_sentence_after_it(
    paper: Paper,
) -> None:
    sentences = [s.text for sec in paper.sections for p in sec.paragraphs for s in p.sentences]
    for lead, rest, _ in RUN_IN_PARAGRAPHS:  # one line to PyMuPDF, and two pieces of a row
        assert f"{lead} {rest}" not in _prose(paper)
        assert rest in sentences  # the sentence starts afresh after its heading


def test_a_figure_label_in_body_type_is_not_prose(paper: Paper) -> None:
    assert FLOAT_FIGURE_LABEL not in _prose(paper)
    assert "Tokens/s" not in _prose(paper)


def test_a_fraction_and_stacked_scripts_set_apart_are_one_formula(paper: Paper) -> None:
    sentences = [s for sec in paper.sections for p in sec.paragraphs for s in p.sentences]
    fraction = next(s for s in sentences if "sparsity" in s.text)
    assert FRACTION_READ in fraction.text and "math" in fraction.marks
    stacked = next(s for s in sentences if "encoder state" in s.text)
    assert STACKED_READ in stacked.text and "math" in stacked.marks
    for sentence in sentences:  # never two formulas with only a space between, no lone script
        assert not re.search(r"\$\s+\$|\$\$", sentence.text), sentence.text
        assert not re.search(r"(?:^|\s)\$[_^]", sentence.text), sentence.text


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("as table 3 shows", ["Table 3"]),
        ("see Tab. 3 and Fig. 2", ["Table 3", "Figure 2"]),
        ("Tables 2–4 list them", ["Table 2", "Table 3", "Table 4"]),
        ("Figs. 1 and 2, and Figure 5b", ["Figure 1", "Figure 2", "Figure 5"]),
        ("in Table A1 and tables 10 to 12", ["Table A1", "Table 10", "Table 11", "Table 12"]),
        ("a table of results", []),
    ],
)
def test_citations_of_tables_and_figures_in_any_form(text: str, labels: list[str]) -> None:
    assert cited_labels(text) == labels


def test_markdown_places_floats_cited_in_lower_case_and_uncited_where_printed() -> None:
    def paragraph(text: str) -> Paragraph:
        return Paragraph(sentences=[Sentence(text=text)], printed=text)

    section = Section(
        title="Results",
        paragraphs=[
            paragraph("First we set up."),
            paragraph("Scores are in tab. 2."),
            paragraph("Last words."),
        ],  # fmt: skip
    )
    paper = Paper(
        source="x.pdf",
        source_kind="local_pdf",
        title="T",
        sections=[section],
        tables=[Table(label="Table 2", caption="Scores", rows=[["a", "b"], ["1", "2"]])],
        captions=[
            Caption(kind="table", label="Table 2", text="Scores"),
            Caption(
                kind="figure",
                label="Figure 1",
                text="A drawing",
                section="Results",
                after_paragraph=0,
            ),  # fmt: skip
        ],
    )
    markdown = paper.markdown()
    expected = [
        "First we set up.",
        "**Figure 1.** A drawing",  # cited nowhere: where it is printed
        "Scores are in tab. 2.",
        "**Table 2.** Scores",  # after the paragraph citing it
        "| 1 | 2 |",
        "Last words.",
    ]
    order = [markdown.index(s) for s in expected]
    assert order == sorted(order)
    assert markdown.count("**Table 2.**") == 1  # the table, not its caption again
