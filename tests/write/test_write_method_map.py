"""Before the method's first step, a deep dive names its parts, as the paper's headings do:
listeners said the mechanics came as a string of lines with nothing to hang them on. The
parts are real headings of the method, cleaned for the ear (no subtitle, no "(RBA)", no
"[D1]"), never a heading that names no part ("Implementation", "Example User Scenario");
a method told in one section gets no map, and a critique or debate spends its words on
doubts instead."""

from __future__ import annotations

import re

from write_helpers import SECTIONS, build_paper

from paperdive.evaluate.talk import question_fit
from paperdive.evaluate.terms import PaperTerms
from paperdive.llm import Usage
from paperdive.models import Paper, Script, Section
from paperdive.writing.check import PaperIndex
from paperdive.writing.extractive import ExtractiveWriter
from paperdive.writing.roadmap import method_part_of, method_parts

HOSTS = {"explainer": "Nora", "skeptic": "Theo"}
ROUTING = (
    "A gating network scores every block summary against the current query and keeps the "
    "top scoring blocks. The query then attends to the tokens of the selected blocks. We "
    "call this step query routing (QR), and QR runs once per chunk."
)
SUMMARIES = (
    "Each block is summarised by the mean of its keys, which costs one pass over the "
    "context. The summaries are computed once and reused by every query of the chunk."
)


def paper_of(method: list[Section]) -> Paper:
    """The test paper with its method told in `method`, numbered as printed."""
    before = [
        Section(title="Introduction", text=SECTIONS["Introduction"], number="1", level=1),
        Section(title="Related Work", text=SECTIONS["Related Work"], number="2", level=1),
    ]
    after = [
        Section(title=title, text=SECTIONS[title], number=str(n), level=1)
        for n, title in enumerate(["Experiments", "Limitations", "Conclusion"], start=9)
    ]
    return build_paper(sections=[*before, *method, *after])


def subsections(*titles: str, parent: str = "Method") -> list[Section]:
    texts = [SECTIONS["Method"], SUMMARIES, ROUTING, SUMMARIES]
    return [Section(title=parent, text=texts[0], number="3", level=1)] + [
        Section(title=title, text=texts[1 + i % 3], number=f"3.{i + 1}", level=2)
        for i, title in enumerate(titles)
    ]


def write(paper: Paper, format: str = "deep-dive") -> Script:
    writer, usage = ExtractiveWriter(), Usage()
    notes = writer.notes(paper, usage)
    outline = writer.plan([paper], [notes], format, 25, 150.0, usage)  # type: ignore[arg-type]
    return writer.script([paper], [notes], outline, HOSTS, usage)  # type: ignore[arg-type]


def test_the_parts_are_the_method_subsections_cleaned_for_the_ear() -> None:
    method = subsections(
        "Block Summaries: Computing Once per Chunk",
        "Query Routing (QR)",
        "Implementation",
        "Example User Scenario",
    )
    assert method_parts(paper_of(method)) == ["block summaries", "query routing"]
    # What it runs on is no part of it, any more than its implementation.
    served = [
        *method[:3],
        Section(title="RL Infrastructure", text=SUMMARIES, number="3.3", level=2),
    ]
    assert method_parts(paper_of(served)) == ["block summaries", "query routing"]


def test_a_section_beside_the_parts_is_a_part_of_its_own_not_the_methods_opening() -> None:
    """Kimi's "Other Training Details" sits beside the parts its map names: told as a part
    of its own, never run on from the method's opening line as if it came next."""
    method = subsections("Block Summaries", "Query Routing", "Other Training Details")
    method.append(Section(title="Corpus", text=SUMMARIES, number="3.3.1", level=3))
    part = method_part_of(paper_of(method))
    assert part["Method"] == "Method"
    assert part["Query Routing"] == "Query Routing"
    assert part["Other Training Details"] == part["Corpus"] == "Other Training Details"
    assert part["Experiments"] == "Experiments"


def test_three_or_four_top_level_method_sections_are_the_parts() -> None:
    method = [
        Section(title=title, text=text, number=str(n), level=1)
        for n, (title, text) in enumerate(
            [
                ("Monotonic Improvement Guarantee", SECTIONS["Method"]),
                ("Block Summaries", SUMMARIES),
                ("[D3] Gaussian Routing Scores", ROUTING + " Scores follow a Gaussian prior."),
            ],
            start=3,
        )
    ]
    # "Gaussian" keeps its capital: the paper writes it so mid-sentence.
    assert method_parts(paper_of(method)) == [
        "monotonic improvement guarantee",
        "block summaries",
        "Gaussian routing scores",
    ]


def test_step_labels_capitals_and_own_words_are_not_part_names() -> None:
    method = subsections("Stage 1: Block Summaries", "QUERY ROUTING", "Our Approach")
    assert method_parts(paper_of(method)) == ["block summaries", "query routing"]


def test_a_method_told_in_one_section_has_no_map() -> None:
    assert method_parts(paper_of(subsections())) == []
    assert method_parts(paper_of(subsections("Overview", "Implementation"))) == []


def test_the_deep_dive_names_the_parts_before_the_first_step_and_the_question_fits() -> None:
    paper = paper_of(subsections("Block Summaries", "Query Routing"))
    script = write(paper)
    texts = [t.text for t in script.turns]
    asked = next(i for i, t in enumerate(texts) if t.endswith(("built?", "put together?")))
    assert script.turns[asked].host == "skeptic"
    answer = texts[asked + 1]
    assert answer.startswith("Two parts") and "block summaries and query routing" in answer
    assert "or QR" not in answer  # an acronym introduced in a list breaks it up
    assert question_fit(script, PaperTerms(PaperIndex([paper]))).passed
    brief = [t.text for t in write(paper, "brief").turns]
    assert any(t.startswith("Two parts") for t in brief)
    critique = " ".join(t.text for t in write(paper, "critique").turns)
    assert "block summaries and query routing" not in critique


def test_long_headings_make_no_map() -> None:
    """TRPO's "monotonic improvement guarantee for general stochastic policies, optimization
    of parameterized policies, …" was heard as section titles read out, not as a map."""
    paper = paper_of(
        subsections(
            "Block Summaries Computed Once for Every Chunk", "Query Routing by Block Summary"
        )
    )
    texts = [t.text for t in write(paper).turns]
    assert not any(t.startswith("Two parts") for t in texts)
    assert not any(t.endswith(("built?", "put together?")) for t in texts)


EXPERTS = (
    "Each feed-forward layer holds sixty-four small experts, and a router sends every token "
    "to six of them. Two of the experts are shared by all tokens and hold common knowledge."
)


def test_a_part_is_asked_for_by_its_name_not_by_its_first_subsection() -> None:
    """DeepSeek-V2's experts were introduced with "What about the basic architecture?", the
    heading of the part's first subsection: the part is asked for by its own name."""
    method = [
        Section(title="Architecture", text=SECTIONS["Method"], number="3", level=1),
        Section(title="Block Summaries", text=SUMMARIES, number="3.1", level=2),
        Section(title="Routed Experts: Cheap Training", text="", number="3.2", level=2),
        Section(title="Basic Architecture", text=EXPERTS, number="3.2.1", level=3),
    ]
    script = write(paper_of(method))
    asked = [t.text for t in script.turns if t.host == "skeptic"]
    assert not any("basic architecture" in a.lower() for a in asked), asked
    assert any("routed experts" in a for a in asked), asked


def test_a_part_named_after_a_name_is_asked_for_without_an_article() -> None:
    """ "What about the DeepSeekMoE?" put an article before a name."""
    method = [
        Section(title="Architecture", text=SECTIONS["Method"], number="3", level=1),
        Section(title="Block Summaries", text=SUMMARIES, number="3.1", level=2),
        Section(title="RouteMoE: Cheap Training", text="", number="3.2", level=2),
        Section(title="Basic Architecture", text=EXPERTS, number="3.2.1", level=3),
    ]
    said = [t.text for t in write(paper_of(method)).turns]
    assert any("RouteMoE" in line for line in said), said  # asked for, or her signpost to it
    assert not any("the RouteMoE" in line for line in said), said


def test_a_part_spelled_out_as_an_acronym_is_asked_for_as_a_name() -> None:
    """ "Where does the MLA come in?": a part whose heading spells out an acronym of the paper
    is a name, asked for without an article (and said as its acronym once defined)."""
    summaries = (
        "We call the summary step Latent Block Summaries (LBS), and it runs once per chunk. "
        f"{SUMMARIES}"
    )
    method = [
        Section(title="Architecture", text=SECTIONS["Method"], number="3", level=1),
        Section(title="Latent Block Summaries", text=summaries, number="3.1", level=2),
        Section(title="Routed Experts", text=EXPERTS, number="3.2", level=2),
    ]
    asked = [t.text for t in write(paper_of(method)).turns if t.host == "skeptic"]
    assert not any(re.search(r"\bthe (?:LBS|latent block summaries)\b", a, re.I) for a in asked)


def test_a_part_the_map_named_is_still_introduced_when_its_telling_begins() -> None:
    """An unseen paper's parts were never introduced: the map ("Three parts: …") was in the
    turn before each part's first line, so every part counted as just named, and nine
    lines with no question to answer were left out."""
    paper = paper_of(subsections("Block Summaries", "Query Routing"))
    texts = [t.text for t in write(paper).turns]
    mapped = next(i for i, t in enumerate(texts) if t.startswith("Two parts"))
    later = " ".join(texts[mapped + 1 :]).lower()
    assert re.search(r"(?:about|next,|then there's) (?:the )?query routing", later), texts
