"""The small text tools ingestion is built from: sources, numbers, sentences, references."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperdive.errors import IngestError
from paperdive.ingestion.authors import clean_name, is_person, names_in, team_name
from paperdive.ingestion.frontmatter import _title_text
from paperdive.ingestion.headings import detect_headings
from paperdive.ingestion.layout import TextLine
from paperdive.ingestion.numbers import numbers_in
from paperdive.ingestion.prose import sentence, strip_citations
from paperdive.ingestion.references import join_entry, parse_reference, parse_references
from paperdive.ingestion.roles import caption_continued
from paperdive.ingestion.sources import classify
from paperdive.ingestion.spans import after_run_in
from paperdive.ingestion.structure import Structure, settle_coverage
from paperdive.ingestion.text import (
    Vocabulary,
    fuse_scripts,
    join_lines,
    normalize,
    rejoin,
    sentences,
)


@pytest.mark.parametrize(
    ("source", "kind", "value"),
    [
        ("2401.06066", "arxiv", "2401.06066"),
        ("2401.06066v2", "arxiv", "2401.06066v2"),
        ("arXiv:2401.06066", "arxiv", "2401.06066"),
        ("hep-th/9901001", "arxiv", "hep-th/9901001"),
        ("math.GT/0309136", "arxiv", "math.GT/0309136"),
        ("1412.6980", "arxiv", "1412.6980"),
        ("https://arxiv.org/abs/2401.06066v2", "arxiv", "2401.06066v2"),
        ("https://arxiv.org/pdf/2401.06066.pdf", "arxiv", "2401.06066"),
        ("https://arxiv.org/abs/hep-th/9901001", "arxiv", "hep-th/9901001"),
        ("https://example.org/papers/x.pdf", "pdf_url", "https://example.org/papers/x.pdf"),
        ("paper.pdf", "local_pdf", "paper.pdf"),
    ],
)
def test_sources_are_classified(source: str, kind: str, value: str) -> None:
    found = classify(source)
    assert (found.kind, found.value) == (kind, value)


@pytest.mark.parametrize(
    ("lead", "rest", "read"),
    [
        ("Prompts", "Considerable effort was spent", "Prompts. Considerable effort was spent"),
        ("Long2short RL", "After the RL stage", "Long2short RL. After the RL stage"),
        ("Nicolas Roisin", "received the M.S. degree", None),  # a name in a biography
        ("87.4", "%", None),  # a best score set in bold
        ("87.4", "Accuracy", None),  # ... before a table cell
        ("Prompts", "A small set was kept", "Prompts. A small set was kept"),
        ("Reward  Modeling", "We  train", "Reward Modeling. We train"),
        ("Evaluation Benchmarks.", "We evaluate", None),  # stopped already
        ("Doug Downey,", "Jason Dunkelberger", None),  # a list of names
        ("q", "𝑡 = 𝑊h", None),  # a formula's bold letter
        ("One Two Three Four Five Six Seven", "Then", None),  # a bold sentence, not a heading
    ],
)
def test_a_bold_lead_in_is_a_heading_only_before_a_sentence(
    lead: str, rest: str, read: str | None
) -> None:
    assert after_run_in(lead, rest) == read


def test_arxiv_url_without_an_id_is_refused() -> None:
    with pytest.raises(IngestError, match="cannot find an arXiv id"):
        classify("https://arxiv.org/list/cs.CL/recent")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Accuracy rose to 85% on 1,024 examples.", [("85%", 85, "%"), ("1,024", 1024, None)]),
        ("It is 3.3x faster and 1.23× smaller.", [("3.3x", 3.3, "x"), ("1.23×", 1.23, "x")]),
        ("Latency fell by −4.5 ms over 12 GB.", [("−4.5 ms", -4.5, "ms"), ("12 GB", 12, "GB")]),
        ("A 7B model beats GPT-4 and EAGLE-3 in v2.", [("7B", 7, "B")]),
        ("Runs of 3–5 epochs.", [("3", 3, None), ("5", 5, None)]),
        ("Table 2 and Fig. 3 (Section 4.1) give 85% [4, 7-9].", [("85%", 85, "%")]),
    ],
)
def test_numbers_are_indexed_as_written(sentence: str, expected: list[tuple]) -> None:
    found = [(n.text, n.value, n.unit) for n in numbers_in(sentence, "Results")]
    assert found == [(text, pytest.approx(value), unit) for text, value, unit in expected]
    assert all(n.sentence == sentence for n in numbers_in(sentence, "Results"))


@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False))
def test_any_decimal_in_prose_is_indexed_with_its_value(number: object) -> None:
    text = f"{number:f}"
    found = numbers_in(f"The score was {text} points.", None)
    assert [n.value for n in found] == [pytest.approx(float(text))]


def test_ligatures_and_hyphenated_line_breaks_are_undone() -> None:
    lines = [normalize("We ﬁnd that the ef-"), "fect is large. The state-", "of-the-art holds."]
    assert join_lines(lines) == "We find that the effect is large. The state-of-the-art holds."


def test_sentences_keep_abbreviations_together() -> None:
    text = "We use e.g. Adam (Kingma et al. 2015). See Fig. 2 for details. It works!"
    assert sentences(text) == [
        "We use e.g. Adam (Kingma et al. 2015).",
        "See Fig. 2 for details.",
        "It works!",
    ]


@pytest.mark.parametrize(
    ("raw", "title", "year", "arxiv_id", "doi"),
    [
        (
            "Kyle Lo, Lucy Lu Wang, and Daniel S. Weld. 2020. S2ORC: The Semantic Scholar Open "
            "Research Corpus. In Proceedings of ACL. arXiv:1911.02782.",
            "S2ORC: The Semantic Scholar Open Research Corpus",
            2020,
            "1911.02782",
            None,
        ),
        (
            "A. Vaswani, N. Shazeer, and N. Parmar. Attention is all you need. In NeurIPS, 2017.",
            "Attention is all you need",
            2017,
            None,
            None,
        ),
        (
            "He, K., Zhang, X., Ren, S., and Sun, J. Delving deep into rectifiers. ArXiv "
            "e-prints, February 2015.",
            "Delving deep into rectifiers",
            2015,
            None,
            None,
        ),
        (
            "Jiang, Jing. A literature survey on domain adaptation, 2008.",
            "A literature survey on domain adaptation",
            2008,
            None,
            None,
        ),
        (
            "Zoph, Barret et al. \u201cSt-moe: Designing stable and transferable sparse expert "
            "models\u201d. In: arXiv preprint arXiv:2202.08906 (2022).",
            "St-moe: Designing stable and transferable sparse expert models",
            2022,
            "2202.08906",
            None,
        ),
        (
            "Yinhan Liu and Myle Ott. 2019. RoBERTa. CoRR, abs/1907.11692. "
            "https://doi.org/10.1000/xyz123.",
            "RoBERTa",
            2019,
            "1907.11692",
            "10.1000/xyz123",
        ),
    ],
)
def test_reference_styles_are_parsed(
    raw: str, title: str, year: int, arxiv_id: str | None, doi: str | None
) -> None:
    reference = parse_reference(1, raw)
    assert (reference.title, reference.year, reference.arxiv_id, reference.doi) == (
        title,
        year,
        arxiv_id,
        doi,
    )


def test_link_annotations_fill_in_identifiers() -> None:
    reference = parse_reference(
        3, "Some Author. 2021. A paper.", ["https://arxiv.org/abs/2106.06103"]
    )
    assert reference.arxiv_id == "2106.06103"
    assert reference.link() == "https://arxiv.org/abs/2106.06103"


@given(st.text(max_size=300))
def test_any_source_text_is_classified_or_refused_with_an_ingest_error(text: str) -> None:
    try:
        found = classify(text)
    except IngestError as error:
        assert "\n" not in str(error).replace(repr(text), "")
    else:
        assert found.kind in ("arxiv", "pdf_url", "local_pdf")


@pytest.mark.parametrize(
    ("raw", "arxiv_id"),
    [
        ("A. 2019. SciBERT. ArXiv, abs/1903.10676.", "1903.10676"),
        ("A. 2020. SPECTER. ArXiv abs/2004.07180 (2020).", "2004.07180"),
        ("A. 2019. RoBERTa. CoRR, abs/1907.11692.", "1907.11692"),
        ("A. Title. arXiv preprint arXiv:2202.08906, 2022.", "2202.08906"),
        ("A. Title. arXiv e-prints, arXiv:1412.6980v9, 2014.", "1412.6980v9"),
        ("A. Title. https://arxiv.org/pdf/2401.06066v2.pdf", "2401.06066v2"),
        ("A. Title. doi: 10.48550/arXiv.2311.18743.", "2311.18743"),
        ("A. 1999. Strings. hep-th/9901001.", "hep-th/9901001"),
        ("A. Knots. arXiv:math.GT/0309136.", "math.GT/0309136"),
        ("A. Title. ArXiv e-prints, February 2015.", None),
    ],
)
def test_arxiv_ids_are_found_in_every_common_form(raw: str, arxiv_id: str | None) -> None:
    assert parse_reference(1, raw).arxiv_id == arxiv_id


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Proc. of ACL. doi: 10.18653/v", "1/N19-1423."], "10.18653/v1/N19-1423"),
        (["Measurement 46. doi:https://doi.org/10.1016/j.", "measurement.2013.03.018."],
         "10.1016/j.measurement.2013.03.018"),
        (["CoRR, 2023. doi: 10.48550/A", "RXIV.2311.18743."], "10.48550/ARXIV.2311.18743"),
    ],
)  # fmt: skip
def test_dois_broken_across_lines_are_rejoined(lines: list[str], expected: str) -> None:
    assert parse_reference(1, join_entry(lines)).doi == expected


def test_urls_broken_across_lines_are_rejoined_and_cut_ones_are_not_links() -> None:
    entry = join_entry(
        ["Sciencedirect, 2013. URL https://www.sciencedirect.com/science/", "article/pii/S0263"]
    )
    whole = "https://www.sciencedirect.com/science/article/pii/S0263"
    assert parse_reference(1, entry).url == whole
    assert join_entry(["Chatbot arena. URL https://lmsys.org/", "2023."]).endswith(
        "lmsys.org/ 2023."
    )
    cut = parse_reference(1, "A. Data. Available at https://example.org/datasets-")
    assert cut.url is None and cut.link() is None
    annotated = parse_reference(
        1, "A. Data. https://example.org/d", ["https://example.org/data/v2"]
    )
    assert annotated.url == "https://example.org/data/v2"  # the link annotation is whole


@pytest.mark.parametrize(
    ("left", "right", "seen", "expected"),
    [
        ("SciB", "ERT", "SciBERT is a model.", "SciBERT"),  # the paper writes it joined
        ("DeepSeek", "MoE", "The DeepSeekMoE layer.", "DeepSeekMoE"),
        ("Mixture-of", "Experts", "A Mixture-of-Experts model.", "Mixture-of-Experts"),
        ("pre", "trained", "Both pre-trained models.", "pre-trained"),
        ("ef", "fect", "", "effect"),  # a syllable break
        ("GRO", "BID", "", "GROBID"),
        ("GPT", "4", "", "GPT-4"),
        ("state", "of-the-art", "", "state-of-the-art"),
        ("DeepSeek", "Coder", "", "DeepSeek-Coder"),
        ("automatically", "detected", "was detected", "automatically-detected"),
        # A word, then a word of its own the paper never writes alone: a compound.
        ("realistic", "looking", "realistic images", "realistic-looking"),
        ("model", "based", "the model", "model-based"),
        ("comput", "ing", "", "computing"),  # a stem is no word of the paper's
        ("learn", "ing", "we learn", "learning"),  # "-ing" alone is a suffix
        ("over", "looked", "over the years", "overlooked"),  # a prefix makes one word
        # Two words the paper uses apart, but one connective: never "Further-more".
        ("Further", "more", "Further tests, more data. Further, more.", "Furthermore"),
        # "Down-" at a line's end, "and up-sampling" on the next: a suspended hyphen
        ("Down", "and", "down the line", "Down- and"),
    ],
)
def test_line_break_hyphens_are_decided_by_the_documents_own_words(
    left: str, right: str, seen: str, expected: str
) -> None:
    assert rejoin(left, right, Vocabulary([seen])) == expected


def test_the_halves_of_a_broken_word_are_not_words_of_the_document() -> None:
    vocabulary = Vocabulary(["many interest-", "ing results and more interest-", "ing ones"])
    assert vocabulary.count("ing") == 0
    assert join_lines(["many interest-", "ing results"], vocabulary) == "many interesting results"


KEPT = None  # the sentence reads the same as printed


@pytest.mark.parametrize(
    ("raw", "text", "gap"),
    [
        (
            "Earlier methods [3, 4] rely on fixed ones.",
            "Earlier methods rely on fixed ones.",
            False,
        ),
        ("In [12], stochastic inverses are learned.", KEPT, True),
        ("BERT (Devlin et al., 2019; Liu 2019a) is strong.", "BERT is strong.", False),
        ("We follow (Smith and Jones, 2020) here.", KEPT, True),
        # a bracketed subject stays for the writer to name ("one study by Devlin and …")
        ("(Devlin et al., 2019) showed this.", KEPT, False),
        ("For images, (Luo et al., 2017) uses cosine.", KEPT, False),
        ("Smith et al. (2019) show this.", KEPT, False),
        # a numbered subject stays for the writer to name ("Recently, one study collected")
        ("Recently, [5] collected 10 descriptions per image.", KEPT, False),
        ("[12] shows that attention is costly.", KEPT, False),
        ("Recently, [3, 4] showed it.", KEPT, False),
        # "We present a graphical user interface modeled after." was read out, cut
        ("We present an interface modeled after [14].", KEPT, True),
        ("Our loss builds upon [7].", KEPT, True),
    ],
)
def test_citations_go_only_where_the_sentence_stays_whole(
    raw: str, text: str | None, gap: bool
) -> None:
    assert strip_citations(raw) == (text or raw, gap)


@pytest.mark.parametrize(
    ("raw", "cites"),
    [
        ("MQA [31] and GQA [2] are proposed to shrink the cache.", True),
        ("In [12], stochastic inverses are learned.", True),
        ("We propose a router that picks blocks.", False),
    ],
)
def test_a_sentence_that_cited_other_work_says_so(raw: str, cites: bool) -> None:
    """Its markers gone, "MQA and GQA are proposed" would read as the paper's own proposal."""
    assert ("cites" in sentence(raw).marks) is cites


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("JOSEPH CHEE CHANG", "Joseph Chee Chang"),
        ("Qihao Zhu*", "Qihao Zhu"),
        ("Xinyu Zhou1,‡", "Xinyu Zhou"),
        ("Ana Lima [0000-0002-1825-0097]", "Ana Lima"),
        ("DANIEL S. WELD", "Daniel S. Weld"),
    ],
)
def test_names_lose_their_marks_and_capitals(printed: str, name: str) -> None:
    assert clean_name(printed) == name and is_person(name)


@pytest.mark.parametrize(
    "piece",
    [
        "Google DeepMind",
        "Allen Institute for AI",
        "Seattle, WA, USA",
        "UC Berkeley",
        "Mountain View, CA, USA",  # two capitalised words, but an address
        "Palo Alto, California, USA",
        "Address Address",  # an anonymous review copy's placeholders ("by Address Address")
        "Anonymous Authors",
        "Department of Computing and Information Systems",  # "by Information Systems"
        # a held-out episode was "by Shanghai Jiao Tong": the line broke before "University"
        "School of Electronic Information and Electrical Engineering, Shanghai Jiao Tong",
    ],
)
def test_institutions_and_places_are_not_people(piece: str) -> None:
    assert names_in(piece)[0] == []


def test_a_name_before_its_affiliation_is_still_a_person() -> None:
    assert names_in("Joseph Redmon, University of Washington, pj@cs.washington.edu")[0] == [
        "Joseph Redmon"
    ]


def test_a_team_byline_is_recognised_as_a_team() -> None:
    assert team_name("DeepSeek-AI") == "DeepSeek-AI"
    assert team_name("research@deepseek.com") is None


def test_a_script_set_apart_rejoins_its_formula() -> None:
    assert fuse_scripts("the value $h^′$ $_t$ grows, and $x$ $y$ too") == (
        "the value $h^′_t$ grows, and $x y$ too"  # nothing but a space between: one formula
    )
    assert fuse_scripts("so $I_{D,2} =$ $I_{D,4}$ and $V^{−1}$$s^{−1}$") == (
        "so $I_{D,2} = I_{D,4}$ and $V^{−1}s^{−1}$"
    )
    assert fuse_scripts("means $μ_t$, $σ_t$ of it") == "means $μ_t$, $σ_t$ of it"  # a list


def test_prose_run_past_the_bibliography_is_not_counted_as_references() -> None:
    def line(text: str, x: float, y: float) -> TextLine:
        return TextLine(text=text, page=9, block=0, bbox=(x, y, 300, y + 9), size=9, bold=False)

    prose = (
        "We now give the proof of the second lemma in full, since the main text only sketched "
        "it; the argument follows the same steps as before and uses the bound on the variance "
        "that we derived in the previous part of this appendix."
    )
    lines = [  # hanging indents: entries start at the left edge, go on indented
        line("Ada Smith. 2020. A first paper.", 72, 100),
        line("In Proceedings of ACL.", 84, 110),
        line("Bo Chen. 2021. A second paper.", 72, 120),
        line("arXiv:2101.00001.", 84, 130),
        line(prose, 72, 150),  # an appendix paragraph whose heading was missed
        line(prose, 72, 160),
    ]
    assert [r.title for r in parse_references(lines)] == ["A first paper", "A second paper"]


def test_prose_lost_past_the_bibliography_lowers_coverage_with_a_warning() -> None:
    sentence = "The derivation continues with the second moment of the estimator and its bound."
    zone = [
        TextLine(text=sentence, page=9, block=0, bbox=(72, 100 + 12 * i, 500, 109 + 12 * i),
                 size=10, bold=False)
        for i in range(40)
    ]  # fmt: skip
    structure = Structure(reference_lines=zone, placed=10_000, lost=0)
    settle_coverage(structure, [parse_reference(1, "Ada Smith. 2020. A paper. In ACL.")])
    assert structure.coverage is not None and structure.coverage < 0.8
    assert any("could be placed in sections" in w for w in structure.warnings)
    whole = Structure(reference_lines=[], placed=10_000, lost=0)
    settle_coverage(whole, [])
    assert whole.coverage == 1.0 and whole.warnings == []


def test_a_caption_cut_mid_sentence_takes_back_its_line_from_the_table() -> None:
    """An unseen paper's table began with the row "that anisotropic filters are an
    unnecessary price to pay.": the end of its caption, so the header was lost."""
    caption, rows = caption_continued(
        "Results on SHREC'17. DeepSphere achieves similar performance, suggesting",
        [["that anisotropic filters are an unnecessary price to pay.", "", ""], ["Method", "F1"]],
    )
    assert caption.endswith("suggesting that anisotropic filters are an unnecessary price to pay.")
    assert rows == [["Method", "F1"]]
    whole = "Results on SHREC'17."
    assert caption_continued(whole, [["Baselines", "", ""]]) == (whole, [["Baselines", "", ""]])


def test_a_captions_last_line_set_under_a_middle_column_is_the_captions() -> None:
    """Another table began with the row ["", "achieved lower validation scores than
    REBAR.", "", ""]: the caption's short last line, placed under the second column."""
    caption, rows = caption_continued(
        'Epochs needed to reach the best score. "-" indicates that the nonlinear model',
        [["", "achieved lower validation scores than REBAR.", "", ""], ["Dataset", "Model"]],
    )
    assert caption.endswith("the nonlinear model achieved lower validation scores than REBAR.")
    assert rows == [["Dataset", "Model"]]
    header = [["", "REBAR", "RELAX"], ["MNIST", "857", "531"]]
    assert caption_continued("Epochs needed, by model", header) == (
        "Epochs needed, by model",
        header,
    )


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Provides a correct answer to the question, even if not complete.", False),
        ("Requires the annotator to read every synopsis twice.", False),
        ("Does the method scale to longer documents?", True),
        ("Thus the model answers every question it can.", True),
        ("Results on the test split are in the appendix.", True),
        ("Transformers only attend to the tokens of the selected blocks.", True),
    ],
)
def test_a_list_item_whose_subject_was_its_label_is_a_fragment(text: str, whole: bool) -> None:
    """ "Provides a correct, non-hallucinated answer …" was read aloud to open a chapter: the
    item of a list of criteria, its subject the label before it ("Correct:")."""
    assert ("fragment" not in sentence(text).marks) is whole


@pytest.mark.parametrize("mark", ["*", "†", "☆", "★"])
def test_a_titles_footnote_mark_is_not_part_of_it(mark: str) -> None:
    """A held-out Elsevier preprint's episode opened on "… in REM Sleep Behaviour
    Disorder☆": the star pointing at the title's footnote, read as part of it."""
    first, second = "Deep learning with EEG spectrograms", "in REM Sleep Behaviour Disorder"
    lines = [
        TextLine(text=first, page=1, block=0, bbox=(72, 72, 500, 90), size=16, bold=True),
        TextLine(text=second + mark, page=1, block=0, bbox=(72, 92, 500, 110), size=16, bold=True),
    ]
    assert _title_text(lines) == f"{first} {second}"


def test_a_numbered_list_set_larger_than_the_prose_is_no_section() -> None:
    """An unseen recommender paper lists its findings "1. In both cold-start …", "2. When
    collaborative data …" in type a little larger than its prose: read as sections 1 to 3,
    they hid "2. LIGHTFM", and the method was told as the introduction's list."""

    def line(text: str, y: float, size: float, bold: bool = False) -> TextLine:
        return TextLine(text=text, page=1, block=int(y), bbox=(72, y, 500, y + size),
                        size=size, bold=bold)  # fmt: skip

    prose = "The model learns embeddings of the features that describe users and items."
    lines = [
        line("1. INTRODUCTION", 100, 12, bold=True),
        line(prose, 120, 9),
        line("1. In both cold-start and low density scenarios, the model performs well", 140, 10),
        line("2. When collaborative data is abundant, the model performs as well as", 160, 10),
        line("3. Embeddings produced by the model encode semantic information about", 180, 10),
        line("2. LIGHTFM", 200, 12, bold=True),
        line(prose, 220, 9),
        line("2.1 Motivation", 240, 10.5, bold=True),
        line(prose, 260, 9),
    ]
    found = detect_headings(lines, body_size=9.0)
    assert [(h.number, h.title) for h in found] == [
        ("1", "INTRODUCTION"),
        ("2", "LIGHTFM"),
        ("2.1", "Motivation"),
    ]
