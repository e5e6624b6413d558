"""A subsection's heading decides its role only when its words are strong evidence: under
the method, "More Details on Training Recipe" and "RL Infrastructure" are more of the
method (a listener heard Kimi k1.5's test-case generator read out as "The experiments"),
while "Datasets" or "Baselines" name an evaluation's set-up wherever they stand."""

from __future__ import annotations

import pytest

from paperdive.models import Paper, Section
from paperdive.writing.sections import section_roles


def roles_of(sections: list[Section]) -> list[str]:
    paper = Paper(
        source="local.pdf",
        source_kind="local_pdf",
        title="A Paper",
        abstract="An abstract.",
        sections=sections,
    )
    return list(section_roles(paper))


def roles_under(parent: str, heading: str) -> list[str]:
    return roles_of(
        [
            Section(title="Introduction", text="Why.", number="1", level=1),
            Section(title=parent, text="How.", number="2", level=1),
            Section(title=heading, text="More.", number="2.1", level=2),
            Section(title="Experiments", text="Tests.", number="3", level=1),
        ]
    )


@pytest.mark.parametrize(
    "heading",
    ["More Details on Training Recipe", "RL Infrastructure", "Training Hyper-Parameters"],
)
def test_weak_set_up_words_under_the_method_stay_method(heading: str) -> None:
    assert roles_under("Reinforcement Learning", heading)[2] == "method"


@pytest.mark.parametrize("heading", ["Datasets", "Baselines", "Evaluation Protocol"])
def test_an_evaluations_set_up_is_set_up_wherever_it_stands(heading: str) -> None:
    assert roles_under("Reinforcement Learning", heading)[2] == "setup"


def test_a_top_level_details_section_is_still_set_up() -> None:
    assert roles_under("Implementation Details", "Hardware")[1:3] == ["setup", "setup"]


def test_a_heading_that_only_mentions_references_is_no_reference_list() -> None:
    """A paper on grammatical error correction (unseen before this test) has "GREEN for
    Multiple References" under its method: it was taken for the reference list, and every
    section after it (its experiments, results and conclusion) was left out as end matter.
    Its episode was six turns long."""
    roles = roles_under("Proposed Method", "GREEN for Multiple References")
    assert roles[2:] == ["method", "results"]
    assert roles_under("Experiments", "Results of Sentence-Level Metrics")[2] == "results"
    ending = [
        Section(title="Conclusion", text="So.", number="5", level=1),
        Section(title="References", text="[1] A. Author.", number="", level=1),
    ]
    assert roles_of(ending) == ["conclusion", "excluded"]


def test_approaches_tried_and_set_aside_are_not_the_method() -> None:
    """An unseen paper's method chapter was titled "Other examined approaches" and told the
    classifiers its authors tried and dropped, not the pipeline they built."""
    roles = roles_of(
        [
            Section(title="System description", text="How.", number="3", level=1),
            Section(title="Other examined approaches", text="Tried.", number="4", level=1),
            Section(title="Multi-evidence classification", text="Tried.", number="4.1", level=2),
            Section(title="Results and analysis", text="Tests.", number="5", level=1),
        ]
    )
    assert roles == ["method", "discussion", "discussion", "results"]


def test_subsections_after_an_experiment_stay_experiments() -> None:
    """An unseen paper's "Applications" held "Toy experiment", then "Discrete variational
    autoencoder" and "Reinforcement learning": the last two were read as its method, and
    "How it works" told which gym environments they tested on."""
    roles = roles_of(
        [
            Section(title="Introduction", text="Why.", number="1", level=1),
            Section(title="Learning a surrogate", text="How.", number="2", level=1),
            Section(title="Reinforcement learning", text="How, for RL.", number="2.1", level=2),
            Section(title="Applications", text="Where.", number="3", level=1),
            Section(title="Toy experiment", text="A test.", number="3.1", level=2),
            Section(title="Discrete variational autoencoder", text="Tests.", number="3.2", level=2),
            Section(title="Reinforcement learning", text="Tests.", number="3.3", level=2),
        ]
    )
    assert roles[1:3] == ["method", "method"]  # before any experiment, the method's
    assert roles[4:] == ["results", "results", "results"]


def test_a_method_section_headed_by_a_weak_results_word_is_method() -> None:
    """An unseen paper's method section is "Scaling HMMs": "scaling" was read as results, so
    "How it works" was filled from the background. Before the experiments, a section that
    measures nothing is the method; one that does ("Performance", with its figures) reports."""

    def paper(text: str) -> list[str]:
        return roles_of(
            [
                Section(title="Introduction", text="Why.", number="1", level=1),
                Section(title="Scaling HMMs", text=text, number="2", level=1),
                Section(title="Experimental Setup", text="Data.", number="3", level=1),
                Section(title="Results", text="Tests.", number="4", level=1),
            ]
        )

    derivation = "The emission matrix has O(|Z|^2) entries, so we block it into 2 parts " * 5
    assert paper(derivation)[1] == "method"
    measured = "Our model reaches 158.2 perplexity against 210.9 and 71.0% accuracy. " * 5
    assert paper(measured)[1] == "results"


def test_a_performance_assessment_is_the_papers_results() -> None:
    """An unseen EEG paper reports its cross-validated accuracy under "Classification
    performance assessment": taken for a property of the method, its results ("a shallow
    network resulted in about 10% less AUC") never reached the numbers chapter."""
    roles = roles_of(
        [
            Section(title="Introduction", text="Why.", number="1", level=1),
            Section(title="Architectures", text="How.", number="2", level=1),
            Section(
                title="Classification performance assessment",
                text="We evaluate with leave-pair-out cross-validation. " * 9,
                number="3",
                level=1,
            ),
        ]
    )
    assert roles[2] == "results"


@pytest.mark.parametrize(
    "heading", ["Convolutional Neural Networks on Graphs", "Transformer Model"]
)
def test_what_the_preliminaries_cover_is_background_whatever_its_words(heading: str) -> None:
    """An unseen paper's "How it works" was read from "2.3 Convolutional Neural Networks on
    Graphs" under "Preliminaries", others' work, for "network" in its heading."""
    assert roles_under("Preliminaries", heading)[2] == "background"
    assert roles_under("Method", heading)[2] == "method"


def test_an_ieee_papers_roman_sections_and_lettered_subsections_are_its_body() -> None:
    """A held-out IEEE paper ("I Introduction", "II Problem", "A Problem example", …) was
    read as one long appendix: its episode said four lines of the abstract in 20 seconds."""
    roles = roles_of(
        [
            Section(title="Introduction", text="Why.", number="I", level=1),
            Section(title="Approach", text="How.", number="II", level=1),
            Section(title="Model R", text="The model.", number="A", level=2),
            Section(title="Experiments", text="Tests.", number="III", level=1),
            Section(title="Results", text="Found.", number="B", level=2),
            Section(title="Conclusion", text="Done.", number="IV", level=1),
        ]
    )
    assert roles == ["introduction", "method", "method", "results", "results", "conclusion"]
    # In a paper numbered in digits, a lettered section is still its appendix's.
    roles = roles_of(
        [
            Section(title="Introduction", text="Why.", number="1", level=1),
            Section(title="Extra proofs", text="Proofs.", number="A", level=1),
            Section(title="More proofs", text="Proofs.", number="A.1", level=2),
        ]
    )
    assert roles == ["introduction", "excluded", "excluded"]


def test_existing_approaches_and_their_lettered_models_are_related_work() -> None:
    """A held-out paper's "III Existing approaches", with "A Node similarity model" and
    "B SBM (Stochastic Block Model)" under it, was told as how its own method works."""
    roles = roles_of(
        [
            Section(title="Introduction", text="Why.", number="I", level=1),
            Section(title="Existing approaches", text="Others.", number="II", level=1),
            Section(title="Node similarity model", text="Theirs.", number="A", level=2),
            Section(title="SBM (Stochastic Block Model)", text="Theirs.", number="B", level=2),
            Section(title="Approach", text="Ours.", number="III", level=1),
            Section(title="Model R", text="Ours.", number="A", level=2),
        ]
    )
    assert roles == ["introduction", "related", "related", "related", "method", "method"]


def test_the_method_put_to_use_after_the_results_is_no_part_of_the_method() -> None:
    """An unseen recommender paper ends on "Usage in Production Systems" ("Model training
    and fold-in", "Feature engineering", …): its "How it works" was told from there, the
    model itself left out, and named those three as the method's parts."""
    roles = roles_of(
        [
            Section(title="Introduction", text="Why.", number="1", level=1),
            Section(title="LightFM", text="How.", number="2", level=1),
            Section(title="Experimental Results", text="Tests.", number="3", level=1),
            Section(title="Usage in Production Systems", text="Use.", number="4", level=1),
            Section(title="Model training and fold-in", text="Use.", number="4.1", level=2),
            Section(title="Conclusions", text="End.", number="5", level=1),
        ]
    )
    assert roles[1:5] == ["method", "results", "discussion", "discussion"]
