"""Ingestion of real papers, checked against independent sources of truth: the PDF's own
outline, the arXiv LaTeX source and GROBID's TEI output."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pymupdf
import pytest

from paperdive.errors import IngestError
from paperdive.ingestion import ingest
from paperdive.ingestion.headings import simplify
from paperdive.ingestion.latex import read_eprint
from paperdive.models import Paper

TEI = "{http://www.tei-c.org/ns/1.0}"


NOT_A_PAPER = "papermage_test-uu.pdf"  # a page torn out of a paper (see LABELS.json)


@pytest.fixture(scope="module")
def papers(shared_papers: dict[str, dict]) -> dict[str, Paper]:
    return {
        name: ingest(entry["path"], arxiv_lookup=False)
        for name, entry in shared_papers.items()
        if name.endswith(".pdf") and name != NOT_A_PAPER
    }


def test_a_page_torn_out_of_a_paper_is_refused_in_one_line(shared_papers: dict) -> None:
    with pytest.raises(IngestError, match="does not look like a paper") as caught:
        ingest(shared_papers[NOT_A_PAPER]["path"])
    assert "\n" not in str(caught.value)


def _titles(paper: Paper) -> list[str]:
    return [simplify(s.title) for s in paper.sections]


@pytest.mark.parametrize("name", ["Kimi_k1.5.pdf", "papermage_2302.07302v1.pdf"])
def test_sections_follow_the_pdf_outline(name: str, papers: dict, shared_papers: dict) -> None:
    with pymupdf.open(shared_papers[name]["path"]) as doc:
        outline = [re.sub(r"^[\d.]+\s+", "", title) for _, title, *_ in doc.get_toc()]
    expected = [simplify(t) for t in outline if simplify(t) not in {"abstract", "references"}]
    ours = _titles(papers[name])
    assert [t for t in ours if t in set(expected)] == expected
    # besides: a printed 'Appendix' heading (it opens the appendix) and run-in numbered
    # headings under an outlined one ('6.1.1 ...'), both of which outlines leave out
    extra = [s for s in papers[name].sections if simplify(s.title) not in set(expected)]
    assert all(s.title == "Appendix" or (s.number or "").count(".") == 2 for s in extra)


def test_kimi_section_numbers_come_from_the_printed_headings(papers: dict) -> None:
    numbers = {s.title: s.number for s in papers["Kimi_k1.5.pdf"].sections}
    assert numbers["Policy Optimization"] == "2.3.2"
    assert numbers["Contributions"] == "A"


def test_s2orc_sections_match_its_latex_source(papers: dict, shared_dir: Path) -> None:
    latex = read_eprint((shared_dir / "papers/latex/1911.02782.gz").read_bytes())
    assert latex is not None
    from_latex = [(s.number, simplify(s.title)) for s in latex.sections if s.number and s.text]
    from_pdf = [
        (s.number, simplify(s.title)) for s in papers["papermage_2020.acl-main.447.pdf"].sections
    ]
    numbered_in_body = [item for item in from_latex if item[0][0].isdigit()]
    assert numbered_in_body == [item for item in from_pdf if item[0] and item[0][0].isdigit()]
    assert latex.abstract.startswith("We introduce S2ORC, a large corpus of 81.1M")


def test_latex_source_gives_clean_section_text(shared_dir: Path) -> None:
    latex = read_eprint((shared_dir / "papers/latex/1911.02782.gz").read_bytes())
    assert latex is not None
    dataset = next(s for s in latex.sections if s.title == "The S2ORC dataset")
    assert dataset.number == "3"
    assert "The resulting corpus consists of 81.1M papers." in dataset.text
    assert "\\" not in dataset.text and "<cit.>" not in dataset.text


def test_sections_match_grobid_headings(papers: dict, shared_papers: dict) -> None:
    tei = ET.parse(shared_papers["s2orc-doc2json_N18-3011.tei.xml"]["path"])
    expected = [(h.get("n"), simplify(h.text or "")) for h in tei.iter(f"{TEI}head") if h.get("n")]
    paper = papers["s2orc-doc2json_N18-3011.pdf"]
    assert [(s.number, simplify(s.title)) for s in paper.sections] == expected


@pytest.mark.parametrize(
    ("name", "section", "passage"),
    [
        # each passage runs from the foot of the left column to the top of the right one
        (
            "s2orc-doc2json_N18-3011.pdf",
            "Introduction",
            "academic search (e.g., Xiong et al., 2017). We describe methods used in a scalable "
            "deployed production system",
        ),
        (
            "pmlr_v37_ioffe15.pdf",
            "Introduction",
            "Using mini-batches of examples, as opposed to one example at a time, is helpful in "
            "several ways.",
        ),
    ],
)
def test_two_column_text_does_not_interleave(
    name: str, section: str, passage: str, papers: dict
) -> None:
    text = next(s.text for s in papers[name].sections if s.title == section)
    assert passage in text


def test_footnotes_and_running_heads_stay_out_of_the_text(papers: dict) -> None:
    intro = papers["pmlr_v37_ioffe15.pdf"].sections[0].text
    assert "International Conference on Machine Learning, Lille" not in intro


@pytest.mark.parametrize(("name", "minimum"), [("Kimi_k1.5.pdf", 30), ("MoBA_Tech_Report.pdf", 30)])
def test_references_with_arxiv_ids_are_found(name: str, minimum: int, papers: dict) -> None:
    with_ids = [r for r in papers[name].references if r.arxiv_id]
    assert len(with_ids) >= minimum
    assert all(re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", r.arxiv_id or "") for r in with_ids)


def test_reference_fields_are_parsed(papers: dict) -> None:
    references = papers["papermage_2020.acl-main.447.pdf"].references
    assert len(references) == 55
    first = references[0]
    assert first.year == 2018
    assert first.title == "Cad: an algorithm for citation-anchors detection in research papers"
    assert first.doi == "10.1007/s11192-018-2920-6"  # from the PDF's link annotation


def test_arxiv_stamp_gives_id_and_date(papers: dict) -> None:
    citesee = papers["papermage_2302.07302v1.pdf"]
    assert citesee.arxiv_id == "2302.07302v1"
    assert citesee.url == "https://arxiv.org/abs/2302.07302v1"  # the source link, offline too
    assert str(citesee.published) == "2023-02-14"


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("Kimi_k1.5.pdf", 2025),  # arXiv 2501.12599
        ("MoBA_Tech_Report.pdf", 2025),  # arXiv 2502.13189
        ("papermage_2020.acl-main.447.pdf", 2020),  # ACL 2020
        ("s2orc-doc2json_N18-3011.pdf", 2018),  # NAACL 2018
        ("pmlr_v37_ioffe15.pdf", 2015),  # ICML 2015
    ],
)
def test_papers_without_arxiv_stamp_get_their_year_and_never_a_future_date(
    name: str, year: int, papers: dict
) -> None:
    published = papers[name].published
    assert published is None or (published.year == year and published <= date.today())


def test_every_paper_reads_as_english_with_numbers(papers: dict) -> None:
    for paper in papers.values():
        assert paper.language == "en"
        assert len(paper.numbers) > 50
        assert all(n.sentence and str(n.value) for n in paper.numbers)


def test_authors_are_clean_names_from_the_byline(papers: dict) -> None:
    assert papers["Kimi_k1.5.pdf"].authors == ["Kimi Team"]
    assert papers["DeepSeek-V2_tech_report.pdf"].authors == ["DeepSeek-AI"]  # a team byline
    coder = papers["DeepSeek-Coder-V2.pdf"].authors  # 'Zhu*' marks, then a team line
    assert coder[:2] == ["Qihao Zhu", "Daya Guo"] and len(coder) == 39
    assert "DeepSeek-AI" not in coder
    moba = papers["MoBA_Tech_Report.pdf"].authors  # superscript affiliation marks, 5 rows
    assert moba[:3] == ["Enzhe Lu", "Zhejun Jiang", "Jingyuan Liu"] and len(moba) == 25
    assert papers["papermage_2020.acl-main.447.pdf"].authors == [
        "Kyle Lo",  # printed "Kyle Lo†∗"
        "Lucy Lu Wang",
        "Mark Neumann",
        "Rodney Kinney",
        "Daniel S. Weld",
    ]
    assert papers["papermage_2302.07302v1.pdf"].authors == [  # an ACM grid of blocks
        "Joseph Chee Chang",
        "Amy X. Zhang",
        "Jonathan Bragg",
        "Andrew Head",
        "Kyle Lo",
        "Doug Downey",
        "Daniel S. Weld",
    ]
    # the PDF metadata names only the first author; the page names five
    assert len(papers["pmlr_v37_schulman15.pdf"].authors) == 5
    assert papers["papermage_2201.13352v1.pdf"].authors[2] == "Nicolas André"


def test_two_column_abstracts_are_found_without_their_footnote_marks(papers: dict) -> None:
    acl = papers["papermage_2020.acl-main.447.pdf"].abstract
    assert acl.startswith("We introduce S2ORC, a large corpus of 81.1M English-language")
    assert acl.endswith("for text mining over academic text.")
    assert "automatically-detected" in acl  # the paper's own hyphen, kept across the break


def test_no_body_text_is_lost_and_nothing_is_misread(papers: dict) -> None:
    for name, paper in papers.items():
        assert paper.coverage is not None and paper.coverage >= 0.95, name
        assert not [w for w in paper.warnings if "could be placed" in w], name
        assert all(s.paragraphs for s in paper.sections if s.text), name


def test_section_text_keeps_citations_and_sentences_drop_those_that_can_go(papers: dict) -> None:
    intro = papers["s2orc-doc2json_N18-3011.pdf"].sections[0]
    assert "academic search (e.g., Xiong et al., 2017)." in intro.text  # as printed
    spoken = [s.text for p in intro.paragraphs for s in p.sentences]
    assert any(s.endswith("ranking of results in academic search.") for s in spoken)


def test_line_break_hyphens_and_marks_leave_no_trace_in_the_prose(papers: dict) -> None:
    s2orc = " ".join(s.text for s in papers["papermage_2020.acl-main.447.pdf"].sections)
    assert "many interesting characteristics" in s2orc  # 'interest-' / 'ing' at a line end
    assert "S2ORC,1" not in s2orc and "S2ORC1" not in s2orc


def test_run_in_subsubsections_join_the_heading_tree(papers: dict) -> None:
    citesee = papers["papermage_2302.07302v1.pdf"].sections
    deepest = [(s.number, s.level) for s in citesee if (s.number or "").startswith("6.1.")]
    assert deepest == [(f"6.1.{n}", 3) for n in range(1, 7)]
    usage = next(s for s in citesee if s.number == "6.1.6")
    assert usage.title == "Volunteered Continued Usage in the Wild"
    assert usage.text.startswith("Finally, we also found that 4 out of the 6 participants")


def test_appendix_and_the_references_are_kept_apart_from_the_body(papers: dict) -> None:
    kimi = papers["Kimi_k1.5.pdf"]
    appendix = [s.title for s in kimi.sections if s.appendix and s.level == 1]
    assert appendix == ["Appendix", "Contributions", "Pretraining", "Evaluation Details"]
    assert not any(s.appendix for s in kimi.sections if s.title == "Conclusions")
    # arXiv's placeholder page ('This figure is available in png format') is no reference
    aaai = papers["papermage_2202.00535v1.pdf"].references
    assert len(aaai) == 57 and not any("arxiv.org/ps/" in r.raw for r in aaai)


def test_references_carry_complete_identifiers(papers: dict) -> None:
    citesee = papers["papermage_2302.07302v1.pdf"].references
    assert {r.arxiv_id for r in citesee} >= {"2004.07180", "1909.07755"}  # 'ArXiv abs/...'
    for name, paper in papers.items():
        for reference in paper.references:
            assert reference.doi is None or re.fullmatch(r"10\.\d{4,9}/\S{3,}", reference.doi)
            assert reference.url is None or not reference.url.endswith(("-", "=", "?")), name
    elsevier = {r.doi for r in papers["papermage_2201.13352v1.pdf"].references}
    assert "10.1016/j.measurement.2013.03.018" in elsevier  # broken after 'j.'


def test_tables_and_equations_are_kept_apart_and_reach_the_markdown(papers: dict) -> None:
    acl = papers["papermage_2020.acl-main.447.pdf"]
    assert any(t.label == "Table 1" and len(t.rows) > 3 for t in acl.tables)
    markdown = acl.markdown()
    assert "## 1 Introduction" in markdown and "| S2ORC (PDF-parse) |" in markdown
    assert markdown.rstrip().endswith(f"[55] {acl.references[-1].raw}")  # cite by number
    assert "Open Academic Graph (Tang et al., 2008)" in markdown  # as printed, citations kept
    kimi = {t.label: t for t in papers["Kimi_k1.5.pdf"].tables}  # captions under the tables
    assert kimi["Table 2"].rows[-1][-1] == "38.6" and kimi["Table 3"].rows[-1][-1] == "31.0"
    long_cot = next(s for s in papers["Kimi_k1.5.pdf"].sections if s.title == "Main Results")
    assert "96.2" not in long_cot.text  # table cells are not prose
    labels = [e.label for e in papers["pmlr_v37_schulman15.pdf"].equations if e.label]
    assert labels[:5] == ["1", "2", "3", "4", "5"]  # the numbers printed beside them


def test_titles_come_from_the_largest_type_with_small_caps_read_as_printed(papers: dict) -> None:
    # the text layer is all capitals in two sizes; the smaller capitals are lower case
    assert papers["Kimi_k1.5.pdf"].title == "Kimi k1.5: Scaling Reinforcement Learning with LLMs"
    assert papers["pmlr_v37_ioffe15.pdf"].title.startswith("Batch Normalization: Accelerating")


def _sentences(paper: Paper) -> list[str]:
    return [s.text for sec in paper.sections for p in sec.paragraphs for s in p.sentences]


def test_borderless_tables_keep_their_rows_under_their_captions(papers: dict) -> None:
    moba = papers["MoBA_Tech_Report.pdf"]  # captions under the rows, no rules
    tables = {t.label: t for t in moba.tables}
    assert tables["Table 1"].caption == "Configuration of Scaling Law Experiments"
    assert ["545M", "14", "14", "1792", "10.8B", "512", "3"] in tables["Table 1"].rows
    assert ["RULER @128K [0-shot]", "0.7818", "0.7849"] in tables["Table 2"].rows
    assert len(tables["Table 2"].rows) == 17  # header and 16 benchmarks
    prose = " ".join(s.text for s in moba.sections)
    assert "0.5144" not in prose and "545M" not in prose
    markdown = moba.markdown()
    assert markdown.index("**Table 2.**") < markdown.index("| AGIEval [0-shot] | 0.5144 |")


def test_figure_captions_reach_the_markdown(papers: dict) -> None:
    markdown = papers["MoBA_Tech_Report.pdf"].markdown()
    figure = markdown.index("**Figure 2.** Efficiency of MoBA vs. full attention")
    assert markdown.index("Figure 2 demonstrates the high efficiency of MoBA") < figure
    for paper in papers.values():  # every caption, once
        text = paper.markdown()
        for caption in paper.captions:
            assert text.count(f"**{caption.label}.** {caption.text}") >= 1, caption.label


def test_a_table_set_as_a_figure_and_captionless_subtables_are_tables(papers: dict) -> None:
    batch_norm = {t.label: t for t in papers["pmlr_v37_ioffe15.pdf"].tables}
    assert ["Inception", "31.0 · $10^6$", "72.2%"] in batch_norm["Figure 3"].rows
    assert ["BN-x30", "2.7 · $10^6$", "74.8%"] in batch_norm["Figure 3"].rows
    kimi = [t for t in papers["Kimi_k1.5.pdf"].tables if t.caption.startswith("(a)")]
    assert kimi and kimi[0].rows == [
        ["Method", "Time (s)"],
        ["Docker", "0.12"],
        ["Sandbox", "0.04"],
    ]


def test_figure_labels_in_body_type_stay_out_of_the_prose(papers: dict) -> None:
    deepseek = papers["DeepSeek-V2_tech_report.pdf"]
    prose = " ".join(p.printed for s in deepseek.sections for p in s.paragraphs)
    assert "Multi-Query Attention (MQA) Multi-Head Latent Attention" not in prose
    assert "Cached During Inference" not in prose


def test_inline_formulas_come_whole(papers: dict) -> None:
    moba = _sentences(papers["MoBA_Tech_Report.pdf"])
    assert any("$1 − \\frac{512×3}{8192} = 81.25%$" in s for s in moba)
    assert any("$1 − \\frac{4096×12}{128K} = 62.5%$" in s for s in moba)  # RULER's sparsity
    gregor = _sentences(papers["pmlr_v37_gregor15.pdf"])
    assert any("$h_{t}^{enc}$" in s for s in gregor)  # 't' stacked under 'enc'
    split = [
        (name, s)
        for name, paper in papers.items()
        for s in _sentences(paper)
        if re.search(r"\$[^$\s][^$]*\$\s*\$[^$]", s)  # two formulas with only a space between
    ]
    assert not split


def test_display_equations_are_read_as_formulas(papers: dict) -> None:
    displays = [e.text for e in papers["pmlr_v37_ioffe15.pdf"].equations]
    assert "\\hat x^{(k)} = \\frac{x^{(k)} − E[x^{(k)}]}{√Var[x^{(k)}]}" in displays
    assert any("\\frac{1}{m} ∑_{i=1}^{m} x_i" in text for text in displays)  # Algorithm 1
    moba = {e.label: e.markdown() for e in papers["MoBA_Tech_Report.pdf"].equations}
    assert moba["1"] == "$$\nAttn(q, K, V ) = Softmax(qK^⊤)V , \\tag{1}\n$$"
