"""Ordinary sentences of ordinary papers that this stop's rules must leave alone: a
reviewer ran each new rule over plausible lines and these are the misfires it found."""

from __future__ import annotations

import pytest
from write_helpers import prose_paper

from paperdive.models import Section, Table
from paperdive.writing.briefing import Reader, gist, select
from paperdive.writing.plan import method_name
from paperdive.writing.roles import is_caveat, sentence_kind
from paperdive.writing.sections import section_roles
from paperdive.writing.sentences import PaperText, Sentence, is_speakable, self_contained
from paperdive.writing.spoken import Typos
from paperdive.writing.table_lines import sole_metric, table_lines


def kind(text: str, role: str) -> str:
    return sentence_kind(Sentence(text, text, role.title(), 0.5, 0, role))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        # an announced test that gives its outcome is a comparison
        (
            "We compare with strong baselines on four tasks, and our model beats them all.",
            "results",
            "comparison",
        ),
        (
            "Our parser is evaluated on the CoNLL test set and is on par with the best system.",
            "abstract",
            "comparison",
        ),
        # "correlated" as a word of the set-up, not a finding
        ("We remove highly correlated features before training the classifier.", "setup", "other"),
        # how a case is counted is no comparison ("How did it do?" was answered by it) …
        (
            "A detection is considered a localization error if it overlaps a true positive by "
            "less than the required 50% IOU.",
            "results",
            "other",
        ),
        # … but a comparison that says "considered" still is one
        (
            "Our detector is considered far more accurate than the baseline on every class.",
            "results",
            "comparison",
        ),
    ],
)
def test_a_new_kind_rule_leaves_ordinary_lines_alone(text: str, role: str, expected: str) -> None:
    assert kind(text, role) == expected


def test_a_limit_under_a_condition_is_still_a_caveat() -> None:
    line = "If the graph is disconnected, the method cannot be applied directly."
    assert is_caveat(Sentence(line, line, "Method", 0.5, 0, "method"))


@pytest.mark.parametrize(
    ("line", "found"),
    [
        (
            "With the rise of multilingual models, we study how well they transfer to others.",
            False,
        ),
        ("We propose to release all annotations under a permissive license.", False),
        (
            "We adapt taggers to unseen scripts by transliterating the input into Latin "
            "characters, without any further training.",
            True,
        ),
    ],
)
def test_the_gist_is_how_the_method_works_not_what_they_study(line: str, found: bool) -> None:
    paper = prose_paper("Tagging Unseen Scripts", line, {"Results": "It works well."})
    text = PaperText.of(paper)
    core = gist(Reader.of(text), {s.order: sentence_kind(s) for s in text.sentences})
    assert (core is not None and core.original == line) is found


def test_a_headline_that_says_while_doing_something_is_still_a_headline() -> None:
    abstract = (
        "Long contexts are slow to read. We introduce Routed Blocks. While reading only 12% of "
        "the tokens, it keeps retrieval accuracy within 0.7 points of full attention and is "
        "6.5x faster at one million tokens."
    )
    paper = prose_paper("Routed Blocks", abstract, {"Results": "Routed Blocks works."})
    cold = select(Reader.of(PaperText.of(paper)), 25).beats.get("cold_open", [])
    assert cold and "6.5x faster" in cold[0].text


def test_a_word_the_paper_writes_in_other_forms_is_no_typo() -> None:
    text = "we retrain the model. " * 3 + "it is retained, it retains. we retain the weights."
    assert Typos.of(text).fixes == {}


def test_a_results_table_whose_caption_names_statistics_is_still_read() -> None:
    table = Table(
        caption="Evaluation statistics: accuracy of each model on the test set.",
        rows=[["Model", "Accuracy"], ["RBA", "78.4"], ["Sparse", "72.0"]],
    )
    paper = prose_paper("Routed Blocks", "We test RBA against Sparse.", {"Results": "RBA wins."})
    paper = paper.model_copy(update={"tables": [table]})
    assert table_lines(paper, "RBA") != []


@pytest.mark.parametrize(
    "line",
    [
        "All images are represented in grey-scale at 64 by 64 pixels.",
        "Toxic spans are marked in red by the annotators in the raw data.",
    ],
)
def test_a_colour_of_the_data_is_said(line: str) -> None:
    assert is_speakable(line)


@pytest.mark.parametrize(
    ("sentence", "speakable"),
    [
        ("Assuming K is fixed, the cost grows linearly with the input length.", False),
        ("Choose K neighbours for every point in the training set.", False),
        ("Further ablations are reported in Table C of the supplement.", False),
        ("The area under this curve is 0.93 for the held-out patients.", False),
    ],
)
def test_session_51_rules_leave_variables_pointers_and_plots_unspoken(
    sentence: str, speakable: bool
) -> None:
    """A review of this session's rules ("Model R" is a name, "the area under the curve" is
    a measure) reproduced these lines passing for speakable."""
    assert is_speakable(sentence) is speakable


@pytest.mark.parametrize(
    ("sentence", "alone"),
    [
        ("If the input exceeds 512 tokens, it is truncated from the left.", True),
        ("When DPO is applied to the base model, its reward margin grows steadily.", True),
        ("First, we show that heads specialise, and second, we show that they can be cut.", True),
    ],
)
def test_an_it_of_the_same_line_and_a_list_of_whole_clauses_stand_alone(
    sentence: str, alone: bool
) -> None:
    line = Sentence(sentence, sentence, "Results", 0.5, 3, "results")
    assert self_contained(line) is alone


def test_new_name_heading_measure_and_rule_patterns_leave_ordinary_cases_alone() -> None:
    assert sole_metric("Test error and training error on MNIST.") is None  # two measures
    study = "We present Study A, which examines how people read charts in the wild."
    assert method_name(PaperText.of(prose_paper("Reading Charts", study, {}))) != "Study A"
    llm = (
        "We train our multimodal LLM on image and text pairs. Unlike prior MLLM systems, it "
        "reads charts."
    )
    assert method_name(PaperText.of(prose_paper("Chart Reading", llm, {}))) != "MLLM"
    special = [
        Section(title="Introduction", text="Why.", number="1", level=1),
        Section(title="Method", text="How.", number="2", level=1),
        Section(title="Existing Methods as Special Cases", text="Ours.", number="2.1", level=2),
    ]
    paper = prose_paper("A Framework", "We frame it.", {}).model_copy(update={"sections": special})
    assert section_roles(paper)[2] == "method"
    counted = (
        "An answer is counted as correct only if it matches the reference exactly; under this "
        "rule RBA scores 71.2% against 64.0% for DARN."
    )
    assert kind(counted, "results") == "comparison"
