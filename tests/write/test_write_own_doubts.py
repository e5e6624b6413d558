"""The paper's own doubts and findings reach the writer however the paper set them: a finding
in a bulleted list without a full stop, an admission in a "Discussion and Related Work"
section ("we were unable to find …", "the main criticism of our work …"), and a theory that
says what it ignores, which the method's telling leaves to the corner; a feature that is "not
limited to" one system is no caveat."""

from __future__ import annotations

import pytest
from write_helpers import SECTIONS, build_paper

from paperdive.models import Paragraph, Section
from paperdive.models import Sentence as PrintedSentence
from paperdive.writing.briefing import (
    Reader,
    _idea,
    bound_of,
    briefing_outline,
    challenge_of,
    method_passages,
    same_fact,
)
from paperdive.writing.plan import CRITIQUE, chapter_kind
from paperdive.writing.roles import is_caveat, sentence_kind
from paperdive.writing.sentences import PaperText, Sentence, list_items, self_contained


def test_a_bulleted_finding_without_a_full_stop_is_said_as_a_sentence() -> None:
    findings = Section(
        title="Results",
        text="",
        paragraphs=[
            Paragraph(
                sentences=[
                    PrintedSentence(text="Our main findings are the following:"),
                    PrintedSentence(
                        text="• The routed model outperformed full attention on all four "
                        "retrieval tasks • Adding a second router layer gave no further gain",
                        marks=["fragment"],
                    ),
                ]
            )
        ],
    )
    sections = [
        findings if title == "Experiments" else Section(title=title, text=text)
        for title, text in SECTIONS.items()
    ]
    said = [s.text for s in PaperText.of(build_paper(sections=sections)).sentences]
    assert "The routed model outperformed full attention on all four retrieval tasks." in said
    assert "Adding a second router layer gave no further gain." in said
    assert not any("•" in text for text in said)


def admission(text: str, role: str, section: str) -> Sentence:
    return Sentence(text, text, section, 0.5, 0, role)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "We were unable to find an architecture that beats the tuned baseline on every task.",
        "The main criticism of our work is that the search covered only recurrent cells.",
        "We failed to find a setting in which the gated unit helps on language modelling.",
    ],
)
def test_an_admission_in_discussion_and_related_work_is_a_limitation(text: str) -> None:
    assert challenge_of(admission(text, "related", "Discussion and Related Work")) == "limitation"


def test_a_theory_that_says_what_it_ignores_is_a_limitation() -> None:
    said = admission(
        "Our theory ignores the estimation error of the advantage function.", "method", "Theory"
    )
    assert challenge_of(said) == "limitation"


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        # an unseen recommender paper's one admitted limit; its corner said "They admit few
        # limits"
        (
            "There is no easy way of incorporating visual or audio features in the present "
            "formulation of the model.",
            "limitation",
        ),
        ("There is no easy way to tune the baseline's step size.", None),  # not theirs
    ],
)
def test_no_easy_way_in_their_own_formulation_is_a_limitation(text: str, doubt: str) -> None:
    assert challenge_of(admission(text, "conclusion", "Conclusion")) == doubt


@pytest.mark.parametrize(
    ("text", "caveat"),
    [
        ("The speedup is limited to contexts longer than eight thousand tokens.", True),
        ("The kernel is not limited to vLLM and runs in other serving engines.", False),
    ],
)
def test_not_limited_to_is_no_caveat(text: str, caveat: bool) -> None:
    assert is_caveat(admission(text, "results", "Serving")) is caveat


def test_a_named_issue_with_their_data_is_a_limitation() -> None:
    """An unseen EEG paper's one admission, "one of the potential issues with our dataset
    is … healthy controls without follow up, which may be a confound", was read as set-up,
    and its corner said "They admit few limits"."""
    said = admission(
        "We note that one of the potential issues with our dataset is the presence of "
        "healthy controls without follow up, which may be a confound.",
        "discussion",
        "Discussion",
    )
    assert challenge_of(said) == "limitation"


def test_a_work_that_calls_itself_preliminary_admits_a_limit() -> None:
    """An unseen robotics paper concludes "This work is preliminary in that it only
    evaluated the approach on a scenario with a simple inverse sensor model." With no "we" in
    it, the line was not taken for theirs, and the corner said "They admit few limits"."""
    said = admission(
        "This work is preliminary in that it only evaluated the approach on a scenario with a "
        "simple inverse sensor model.",
        "conclusion",
        "Conclusion",
    )
    assert challenge_of(said) == "limitation"


@pytest.mark.parametrize(
    "text",
    [
        "Using a shallow network instead resulted in about 10% less accuracy.",
        "Results improve on prior efforts, increasing performance by about 5–10% in AUC.",
        # an unseen chord paper's findings, said in words
        "Data augmentation provides a consistent and substantial improvement for all models.",
        "The combined changes result in the highest scoring model across all metrics.",
        "The net effect is positive, increasing accuracy by +0.8% over the plain model.",
    ],
)
def test_a_gain_said_by_how_much_is_a_result(text: str) -> None:
    assert sentence_kind(admission(text, "discussion", "Discussion")) == "result"


def test_what_the_proposed_model_does_not_do_is_a_limitation_said_whole() -> None:
    """The chord paper's one admission: "Although the proposed model predicts the bass note,
    this feature is only used for establishing context in decoding, and the model does not
    predict inversions." Its "this feature" is the bass note of its own opening clause."""
    said = admission(
        "Although the proposed model predicts the bass note, this feature is only used for "
        "establishing context in decoding, and the model does not predict inversions.",
        "conclusion",
        "Conclusion",
    )
    assert challenge_of(said) == "limitation"
    assert self_contained(said)
    assert not self_contained(admission("The model uses this feature.", "method", "Model"))
    provides = admission("This module provides a simple interface for users.", "method", "M")
    assert sentence_kind(provides) != "result"


def test_a_setting_raised_by_an_amount_is_no_result() -> None:
    said = admission(
        "We then increase the batch size by 20% in the second stage.", "setup", "Setup"
    )
    assert sentence_kind(said) != "result"


def test_the_methods_telling_leaves_its_admissions_and_outcomes_to_other_chapters() -> None:
    method = (
        "Our method splits the context into blocks of equal length. "
        "Each block is summarised by the mean of its keys. "
        "A gating network scores every block summary against the current query. "
        "The routing quality is similar to that of an exhaustive search, as shown in the "
        "experiments. "
        "Our analysis ignores the cost of moving blocks between devices. "
        "The query attends to the tokens of the selected blocks and its own block."
    )
    text = PaperText.of(build_paper(sections=[Section(title="Method", text=method)]))
    kinds = {s.order: sentence_kind(s) for s in text.sentences}
    told = [s.text for s in method_passages(text, kinds, Reader.of(text), length=6)]
    assert any("gating network" in line for line in told)
    assert not any("exhaustive search" in line or "ignores" in line for line in told)


def test_a_labelled_item_is_said_as_a_clause_or_a_definition_or_not_at_all() -> None:
    line = (
        "The strategies we compare are: "
        "• Linear Reading: A baseline that assumes users read papers in order "
        "• Topic 1: Challenges designers face with unfamiliar tools "
        "• Preprocessing: S2ORC identifies figure captions and footnotes "
        "• Text Benchmark: MMLU, IF-Eval, CLUEWSC,"
    )
    said = [text for text, _ in list_items(line, frozenset({"fragment"}))]
    assert said == [
        "The strategies we compare are:",
        "Linear Reading is a baseline that assumes users read papers in order.",
        "S2ORC identifies figure captions and footnotes.",
    ]


def test_a_list_item_that_opens_on_its_verb_stays_a_fragment() -> None:
    """ "The experiments. Provides a correct, non-hallucinated answer …" opened a held-out
    chapter: the item of a list of criteria, whose subject was the lead before it."""
    line = (
        "Each answer was judged by both of the following guidelines: "
        "• Provides a correct answer to the question, even if not complete "
        "• The answer obeys every constraint given in the prompt"
    )
    items = dict(list_items(line, frozenset()))
    assert "fragment" in items["Provides a correct answer to the question, even if not complete."]
    assert "fragment" not in items["The answer obeys every constraint given in the prompt."]


def test_a_baselines_definition_is_no_comparison() -> None:
    text = "Linear Reading is a non-personalized baseline that selects the first five citations."
    assert sentence_kind(admission(text, "results", "Study")) == "definition"


def test_a_doubt_that_shares_the_common_words_of_a_finding_is_a_doubt_of_its_own() -> None:
    """Half the finding's words are in the doubt ("outperformed", "full attention", "all
    tasks"), yet the doubt says what the finding does not; a restatement stays the same fact."""
    found = (
        "The routed model outperformed full attention on all tasks with the exception of code "
        "retrieval."
    )
    doubt = (
        "Though some variants outperformed full attention on single tasks, we were unable to "
        "find a block size that consistently beat full attention in all settings."
    )
    again = "On all tasks but code retrieval, the routed model outperformed full attention."
    sections = dict(SECTIONS)
    sections["Experiments"] = f"{found} {sections['Experiments']}"
    sections["Limitations"] = f"{doubt} {sections['Limitations']}"
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    reader = Reader.of(PaperText.of(paper))
    assert same_fact(doubt, found, reader.method)  # by the count of words alone
    assert not same_fact(doubt, found, reader.method, reader.specificity)
    assert same_fact(again, found, reader.method, reader.specificity)


def test_a_result_of_cited_work_is_no_finding_of_the_paper() -> None:
    """S2ORC's numbers opened on "Tkaczyk and colleagues report Grobid as the best among 10
    out-of-the-box tools …": another paper's result, said as if it were this one's."""
    cited = (
        "Tkaczyk et al. (2018) report Grobid as the best among 10 out-of-the-box tools, "
        "achieving an F1 of 0.89 on 9.5k papers. "
        "Ahmad and Afzal (2018) evaluate a second parser and find an F1 of 0.91 on 5k papers. "
    )
    sections = dict(SECTIONS)
    sections["Experiments"] = cited + sections["Experiments"]
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    outline = briefing_outline(PaperText.of(paper), 25, 150)
    said = " ".join(beat for chapter in outline.chapters for beat in chapter.beats)
    assert "0.89" not in said and "0.91" not in said
    assert "94.1%" in said  # the paper's own result is still said


def test_a_plan_opening_on_it_would_be_interesting_is_left_open_in_a_critique() -> None:
    """Kimi k1.5's critique said one of its plans: "In the future, it will also be
    intriguing to study …" was taken for a line leaning on the one before (its "it"), and
    "How to further improve … remains an important question" was no plan at all."""
    plans = (
        " In the future, it would also be interesting to study routing for source code and "
        "tables. How to route queries across several documents at once remains an "
        "important question for long-context models."
    )
    sections = dict(SECTIONS)
    sections["Conclusion"] += plans
    own_plan = "We leave a study of learned block boundaries to future work."
    sections["Limitations"] = sections["Limitations"].replace(own_plan, "")  # these two alone
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    outline = briefing_outline(PaperText.of(paper), 15, 150, "critique")
    said = " ".join(beat for chapter in outline.chapters for beat in chapter.beats)
    assert "routing for source code and tables" in said
    assert "route queries across several documents" in said


def test_a_term_the_paper_defines_and_never_uses_again_is_no_core_idea() -> None:
    """Kimi k1.5's core idea was "Disk Usage Optimization is an overlay filesystem …", a
    term its cluster section defines once and never says again."""
    aside = (
        " Block Cache Pinning is a memory layout that keeps every block summary in one "
        "contiguous buffer on the device."
    )
    sections = dict(SECTIONS)
    sections["Method"] += aside
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    text = PaperText.of(paper)
    reader = Reader.of(text)
    pinning = next(s for s in text.sentences if s.text.startswith("Block Cache Pinning"))
    assert sentence_kind(pinning) == "definition"
    assert not _idea(pinning, "definition", reader)
    again = paper.model_copy(
        update={"abstract": paper.abstract + " Block Cache Pinning keeps the summaries close."}
    )
    reread = PaperText.of(again)
    pinned = next(s for s in reread.sentences if s.text.startswith("Block Cache Pinning is"))
    assert _idea(pinned, "definition", Reader.of(reread))


def corner_of(sections: dict[str, str]) -> str:
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    outline = briefing_outline(PaperText.of(paper), 25, 150)
    return " ".join(next(c for c in outline.chapters if chapter_kind(c.title) is CRITIQUE).beats)


def test_a_paper_that_states_no_limits_is_held_to_what_it_leaves_open() -> None:
    """Four held-out deep dives ended "Time to push back. They admit few limits." while
    their papers said what they had not yet tested ("For future work, we intend to evaluate
    … datasets with greater than two distinct styles") or what their method risks ("a
    theoretical potential for bias")."""
    sections = {t: x for t, x in SECTIONS.items() if t != "Limitations"}
    plan = (
        " For future work, we intend to evaluate routing on documents that mix more than two "
        "languages."
    )
    assert "more than two languages" in corner_of(
        sections | {"Conclusion": sections["Conclusion"] + plan}
    )
    risk = (
        " Restarting the router after a block of only rejects results in a theoretical "
        "potential for bias."
    )
    assert "potential for bias" in corner_of(sections | {"Method": sections["Method"] + risk})


@pytest.mark.parametrize(
    ("text", "section", "kind"),
    [
        # Where the method does not help is a limit, not a hedge: it was led "Only a hope".
        (
            "Gradients are not necessarily useful for optimizing discrete hyperparameters "
            "such as the number of layers.",
            "Limitations",
            "limitation",
        ),
        ("This gain is not necessarily due to the larger vocabulary.", "Limitations", "hedge"),
        # What might come of the work, in its section of extensions, is left open: it was
        # read "They say so themselves:" as if it were a limit.
        (
            "Reversible computation might offer memory savings for some architectures.",
            "Extensions and future work",
            "future",
        ),
        (
            "Reversible computation might not save memory for recurrent architectures.",
            "Extensions and future work",
            "limitation",
        ),
        (
            "Our method may overfit on small data sets and is limited to English.",
            "Conclusion and Future Work",
            "limitation",
        ),
    ],
)
def test_a_limit_a_hedge_and_a_possibility_are_told_apart(
    text: str, section: str, kind: str
) -> None:
    assert challenge_of(admission(text, "discussion", section)) == kind


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("The block gate is used for prefill only, and full attention during decoding.", True),
        ("The gate is applied only during training.", True),
        # "Does it run in every part of the model?" was asked before these, which answer
        # no such question
        (
            "Their baselines are equivalents, differing only in the fact that they use one vector.",
            False,
        ),
        ("For expedience, the authors annotated answers only for correct behavior.", False),
    ],
)
def test_where_the_method_runs_is_a_stage_of_the_model_not_any_only(text: str, scope: bool) -> None:
    assert (challenge_of(admission(text, "method", "Method")) == "scope") is scope


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("The 809 test items were sourced from field recordings from 12 speakers.", "sample"),
        ("They used 100 pairs as test data for all experiments.", "sample"),
        ("We recruited 240 participants online for the study.", None),
        ("The corpus holds 12 languages from three families.", None),
    ],
)
def test_a_test_of_few_people_or_items_bounds_the_claims(text: str, bound: str | None) -> None:
    """A held-out paper that admits no limit had a corner of "They admit few limits." alone,
    while its results rest on test items from 12 speakers: a bound the skeptic asks about."""
    assert bound_of(admission(text, "setup", "Datasets")) == bound


def test_a_small_sample_is_asked_about_as_a_sample_not_as_people_tested() -> None:
    """ "How many people were tested?" was answered with the four annotators who wrote a
    corpus, and with the speakers who recorded queries: no one had been tested."""
    from paperdive.writing.conversation import host_lines

    for question in host_lines()["challenge_bound_sample"]:
        assert "sample" in question and "tested" not in question
