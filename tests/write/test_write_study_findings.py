"""A user study's findings reach the listener as findings: "we also found evidence that …"
and "2.7x more often" are results; a limitations section's figures ("failing to finish
within 60 minutes") are no result for the numbers chapter; the figure remembered is the
method's, not the one an opening concession credits to others; the corner reads a weakness
the paper names outright before a study's design choice ("we did not reveal how the
citations were chosen"); and a page label clipped from words ("LitReview") is said in
full, while an acronym naming a version of a system is not expanded inside its name."""

from __future__ import annotations

from dataclasses import replace

import pytest
from write_helpers import build_paper, prose_paper

from paperdive.models import Paragraph, Section
from paperdive.models import Sentence as PrintedSentence
from paperdive.writing.briefing import Reader, _challenged, bound_of, briefing_outline, select
from paperdive.writing.briefing_talk import Briefing, measure_of
from paperdive.writing.roles import sentence_kind
from paperdive.writing.sections import about_limits
from paperdive.writing.sentences import PaperText, Sentence, noun_phrase, self_contained
from paperdive.writing.spoken import Acronyms


def line(text: str, role: str = "results", section: str = "Study Results") -> Sentence:
    return Sentence(text, text, section, 0.5, 0, role)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "We also found evidence that readers who opened a highlighted citation saved it twice "
        "as often.",
        "Participants discovered useful prior work 2.7x more frequently with the reader.",
        "Readers had a near three times higher chance of saving a highlighted citation.",
    ],
)
def test_a_study_finding_is_a_result(text: str) -> None:
    assert sentence_kind(line(text)) == "result"


def study_paper() -> PaperText:
    sections = {
        "Introduction": (
            "Researchers struggle to decide which of the hundreds of citations in a paper to "
            "read. We present Lantern, a reader that highlights citations connected to what a "
            "user has read before."
        ),
        "System Design": (
            "Lantern keeps a history of the papers a user opened and saved. It highlights each "
            "citation that papers in the history also cite. A card beside the citation shows "
            "the papers in the history that cite it."
        ),
        "Study Results": (
            "Across the lab study, Lantern's highlights were rated useful in 71% of cases, "
            "against 48% for the strongest baseline. Participants saved 2.7x more citations "
            "with Lantern than with the plain reader."
        ),
        "Study Limitations": (
            "An earlier design asked participants to read four whole papers. The pilot "
            "turned out to be 2x longer than planned, at 60 minutes on average."
        ),
    }
    abstract = "We present Lantern, a paper reader that highlights citations a user has met before."
    return PaperText.of(prose_paper("Lantern", abstract, sections))


def test_the_numbers_never_come_from_a_limitations_section() -> None:
    chosen = select(Reader.of(study_paper()), 25).beats
    numbers = " ".join(s.text for key in ("cold_open", "numbers") for s in chosen[key])
    assert "2.7x more citations" in numbers
    assert "60 minutes" not in numbers


def test_the_figure_remembered_is_the_methods_not_the_conceded_one() -> None:
    said = measure_of(
        "While a prior survey found that citations account for 21% of paper discovery, "
        "participants discovered useful papers 2.7x more frequently with Lantern."
    )
    assert said is not None
    assert "21%" not in said
    assert "2.7x" in said


def test_the_corner_reads_a_named_weakness_before_a_design_choice() -> None:
    sections = {
        "Introduction": "We present Lantern, a reader that highlights familiar citations.",
        "Limitations and Future Work": (
            "Although participants saw the cards, we did not reveal how the citations were "
            "chosen. After the study, participants said they had assumed a single strategy. "
            "A limitation is that the study recruited only ten participants from two labs."
        ),
    }
    text = PaperText.of(prose_paper("Lantern", "We present Lantern.", sections))
    reader = Reader.of(text)
    kinds = {s.order: sentence_kind(s) for s in text.sentences}
    doubts = [s.text for s in _challenged(text, reader, kinds)]
    assert doubts
    assert doubts[0].startswith("A limitation is that the study recruited only ten")


def test_a_label_clipped_from_words_is_said_in_full() -> None:
    acronyms = Acronyms({"LitReview": "literature reviews", "KV": "key-value"})
    said = acronyms.expand(["It helps during LitReview.", "It shrinks the KV cache."])
    assert said[0] == "It helps during literature reviews."
    assert "LitReview" not in " ".join(said)
    assert said[1] == "It shrinks the key-value, or KV, cache."


def test_an_acronym_naming_a_systems_version_is_expanded_later_not_inside_the_name() -> None:
    acronyms = Acronyms({"SFT": "supervised fine-tuning"})
    said = acronyms.expand(
        ["They evaluate Lantern Chat SFT on the benchmarks.", "SFT data matters most."]
    )
    assert said[0] == "They evaluate Lantern Chat SFT on the benchmarks."
    assert said[1].startswith("Supervised fine-tuning, or SFT,")


@pytest.mark.parametrize(
    "text",
    [
        "On top of that, the authors obtained a strain sensitivity nearly three times higher.",
        "Beyond this, the sensor draws less than a microwatt.",
    ],
)
def test_a_line_that_adds_to_the_one_before_does_not_open_a_topic(text: str) -> None:
    assert not self_contained(line(text))


def test_a_models_fixed_effects_are_no_choice_held_fixed() -> None:
    regression = line(
        "We fit a regression with the fixed-effects of four strategies and random effects "
        "per participant.",
        role="results",
    )
    assert bound_of(regression) is None
    held = line("We keep the temperature fixed at 0.7 for every run.", role="setup")
    assert bound_of(held) == "fixed"


def test_how_the_authors_arrived_at_the_method_is_not_asked_as_how_it_works() -> None:
    abstract = (
        "We describe a procedure for optimizing policies with guaranteed improvement. By making "
        "several approximations to the procedure, we develop a practical algorithm, called "
        "Steady Steps."
    )
    sections = {"Method": "Steady Steps solves a constrained problem at every iteration."}
    text = PaperText.of(prose_paper("Steady Steps", abstract, sections))
    b = Briefing(text, briefing_outline(text, 25.0, 150.0), {"explainer": "N", "skeptic": "T"}, str)
    core = next(s for s in text.sentences if s.order == b.gist)
    assert core.text.startswith("By making several approximations")
    assert b.gist_question(core, 3) is None
    # What the method does by its means is how it works, whatever the verb.
    works = "By splitting each update in two, we obtain a practical algorithm, Steady Steps."
    assert b.gist_question(replace(core, text=works), 3) is not None


def test_a_list_of_contributions_named_as_things_is_said_in_sentences() -> None:
    printed = [
        "This paper contributes: (1) A prototype reading tool, Lantern.",
        "(2) Mechanisms for highlighting citations that a user has met before.",
        "(3) We run a lab study with ten readers and a week-long field deployment with six.",
    ]
    section = Section(
        title="Introduction",
        text=" ".join(printed),
        paragraphs=[Paragraph(sentences=[PrintedSentence(text=t) for t in printed])],
    )
    paper = build_paper(sections=[section])
    said = [s.text for s in PaperText.of(paper).sentences if s.role == "introduction"]
    assert "This paper contributes a prototype reading tool, Lantern." in said
    assert (
        "The paper contributes mechanisms for highlighting citations that a user has met "
        "before." in said
    )
    assert "We run a lab study with ten readers and a week-long field deployment with six." in said


@pytest.mark.parametrize(
    ("item", "named"),
    [
        ("A controlled lab study focusing on discovery which shows a gain", True),
        ("Mechanisms for augmenting citations that have connections to a user", True),
        ("The proposed reader outperforms three baselines", False),
        ("While prior work ignores reading history, Lantern uses it", False),
    ],
)
def test_a_list_item_is_a_thing_named_or_a_clause(item: str, named: bool) -> None:
    assert noun_phrase(item) is named


def test_a_scenarios_user_met_before_does_not_open_a_topic() -> None:
    persona = "Being new to the domain, it can be difficult for her to judge a citation."
    assert not self_contained(line(persona, role="method", section="Example User Scenario"))


@pytest.mark.parametrize(
    "text",
    [
        "HER raises the success rate of the pushing task from 5% to 95%.",
        "P4 said she saved 12 papers in the first hour.",
    ],
)
def test_a_method_named_her_or_a_person_named_in_the_line_stands_alone(text: str) -> None:
    assert self_contained(line(text))


def test_a_multiple_said_with_its_sign_is_a_finding() -> None:
    for text in ("Lantern found 10x more relevant citations.", "Lantern is 2.7× more accurate."):
        assert sentence_kind(line(text)) == "result", text


def test_the_methods_own_conceded_figure_is_still_its_figure() -> None:
    said = measure_of(
        "While our method reaches 92.1% accuracy, the strongest baseline reaches 85.3% accuracy."
    )
    assert said is not None and "92.1%" in said


def test_a_label_clipped_from_words_opening_a_sentence_is_capitalised() -> None:
    acronyms = Acronyms({"LitReview": "literature reviews", "DeepSeekMoE": "DeepSeek experts"})
    said = acronyms.expand(["LitReview takes most of a week.", "DeepSeekMoE routes tokens."])
    assert said[0] == "Literature reviews takes most of a week."
    assert said[1].startswith("DeepSeek experts, or DeepSeekMoE")  # initials, not a clipping


def test_a_results_heading_naming_failures_is_no_limitations_section() -> None:
    assert about_limits("Study 1 Limitations")
    assert not about_limits("Node Failure Prediction Results")


def vine_section(between: str, marks: list[str]) -> Section:
    printed = [
        ("The vine method samples several short rollouts from each state.", []),
        (between, marks),
        ("That is, the vine method gives much better estimates of the advantage values.", []),
        ("The single path method needs no resets of the simulator at all.", []),
    ]
    return Section(
        title="Method",
        text=" ".join(t for t, _ in printed),
        paragraphs=[
            Paragraph(sentences=[PrintedSentence(text=t, marks=m) for t, m in printed])  # type: ignore[arg-type]
        ],
    )


def test_a_restatement_of_a_line_the_listener_cannot_hear_is_left_out() -> None:
    section = vine_section(
        "Its variance is $\\sigma^2 / n$ against $\\sigma^2$ for one path.", ["math"]
    )
    said = [s.text for s in PaperText.of(build_paper(sections=[section])).sentences]
    assert not any(text.startswith("That is,") for text in said)
    assert "The single path method needs no resets of the simulator at all." in said
    # A figure the PDF set between two lines of prose leaves the argument whole.
    section = vine_section("Figure 2 compares the variance of the two estimates.", ["figure"])
    said = [s.text for s in PaperText.of(build_paper(sections=[section])).sentences]
    assert any(text.startswith("That is,") for text in said)


def test_such_methods_lean_on_the_line_before() -> None:
    text = "Although such methods can reduce computation, they lose distant evidence."
    assert not self_contained(line(text, role="related"))
    named = "Each model is regularized with such methods as dropout and weight decay."
    assert self_contained(line(named, role="related"))


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("For attention, the authors compress the keys and values into a latent vector.", True),
        ("For every prompt, the authors sample eight responses from the policy.", True),
        ("For example, the authors sample eight responses from the policy.", False),
    ],
)
def test_a_step_for_a_part_of_the_method_is_asked_about_by_that_part(
    text: str, asked: bool
) -> None:
    """Kimi's "For every prompt, …" was asked as "What about every prompt?"."""
    paper = study_paper()
    b = Briefing(
        paper, briefing_outline(paper, 25.0, 150.0), {"explainer": "N", "skeptic": "T"}, str
    )
    question = b.next_step(line(text, role="method", section="System Design"))
    if asked:
        assert question is not None
        assert "each prompt" in question or "attention" in question
    else:
        assert question is None or "example" not in question
