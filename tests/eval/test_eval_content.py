"""paperdive eval's checks on what an episode says and how: each passes a well-made script
and fails one with the defect planted (filler, questions that do not fit, unspeakable lines,
chapters from the wrong sections, missing headline numbers, boilerplate shared with other
episodes, show-note fragments, a critique without doubts, a debate without challenges)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperdive.evaluate import evaluate
from paperdive.evaluate.content import (
    DOUBT,
    boilerplate,
    format_shape,
    headline_numbers,
    provenance,
)
from paperdive.evaluate.lines import PaperLines
from paperdive.evaluate.shownotes import whole_sentences
from paperdive.evaluate.speech import unspeakable_lines
from paperdive.evaluate.talk import filler_share, question_fit
from paperdive.evaluate.terms import PaperTerms
from paperdive.models import ChapterHeading, ChapterNote, Paper, Reading, Script, Section, ShowNotes
from paperdive.models import Turn as T
from paperdive.store import EpisodeDir
from paperdive.writing.check import PaperIndex
from paperdive.writing.conversation import host_lines

ABSTRACT = (
    "Long contexts make attention slow because its cost grows quadratically. "
    "We introduce Routed Blocks, which lets each query read only the blocks it needs. "
    "Routed Blocks is 6.5x faster at one million tokens and reaches 94.1% accuracy."
)
METHOD = (
    "The router computes a score for every block and selects the top three blocks. "
    "Each query then attends to the tokens of the selected blocks and its own block."
)
RESULTS = (
    "Routed Blocks reaches 94.1% accuracy compared to 94.8% for full attention. "
    "At one million tokens the method is 6.5x faster than full attention."
)
LIMITS = (
    "A limitation is that all experiments use a single model family. "
    "We leave learned block boundaries to future work."
)
RELATED = "Sliding window attention keeps only nearby tokens and loses distant evidence."


def paper() -> Paper:
    sections = [
        Section(title="Related Work", text=RELATED),
        Section(title="Method", text=METHOD),
        Section(title="Results", text=RESULTS),
        Section(title="Limitations", text=LIMITS),
    ]
    return Paper(
        source="2502.00001",
        source_kind="arxiv",
        title="Routed Blocks",
        abstract=ABSTRACT,
        sections=sections,
    )


def script(turns: list[T], chapters: list[str] | None = None, format: str = "deep-dive") -> Script:
    return Script(
        title="Routed Blocks",
        format=format,  # type: ignore[arg-type]
        hosts={"explainer": "Nora", "skeptic": "Theo"},
        chapters=[ChapterHeading(title=c) for c in chapters or CHAPTERS],
        turns=turns,
    )


def e(text: str, chapter: int = 0) -> T:
    return T(host="explainer", text=text, chapter=chapter)


def s(text: str, chapter: int = 0) -> T:
    return T(host="skeptic", text=text, chapter=chapter)


GOOD = [
    e("How it works. The router computes a score for every block and selects the top three."),
    s("How does that work?"),
    e("Each query then attends to the tokens of the selected blocks and its own block."),
    s("Compared to what?", 1),
    e("Routed Blocks reaches 94.1% accuracy compared to 94.8% for full attention.", 1),
    s("How much faster is it?", 1),
    e("At one million tokens the method is 6.5x faster than full attention.", 1),
]
CHAPTERS = ["How it works", "What the numbers say"]


def lines() -> PaperLines:
    return PaperLines([paper()])


def terms() -> PaperTerms:
    return PaperTerms(PaperIndex([paper()]))


def test_a_well_made_conversation_passes() -> None:
    good = script(GOOD)
    for check in (filler_share(good, terms()), question_fit(good, terms())):
        assert check.passed, check.problems
    assert unspeakable_lines(good, lines()).passed


def test_filler_turns_fail() -> None:
    filler = [GOOD[0], s("Go on."), e(GOOD[2].text), s("Interesting."), e(GOOD[6].text)]
    check = filler_share(script(filler), terms())
    assert not check.passed and check.result == "2/5 (40%)"


@pytest.mark.parametrize(
    ("question", "answer", "why"),
    [
        ("Okay, and?", GOOD[2].text, "asks nothing in particular"),
        ("What's wrong with the status quo?", GOOD[4].text, "(caveat)"),
        ("Give me the number.", GOOD[2].text, "asks nothing"),  # not even a question
        ("So how much faster is it?", METHOD.split(". ")[0] + ".", "(figure)"),
        ("Compared to what?", "I'm not sure that is the whole story.", "(comparison)"),
        # a part asked for by name, answered by a line about something else (an unseen
        # paper's "And the Closed-loop YellowFin, what about it?" → "Asynchrony is …")
        ("And the router, what about it?", GOOD[2].text, "off the subject"),
    ],
)
def test_a_question_the_next_line_does_not_answer_fails(
    question: str, answer: str, why: str
) -> None:
    turns = [GOOD[0], s(question), e(answer)]
    check = question_fit(script(turns), terms())
    if why == "asks nothing" and not question.endswith("?"):
        assert filler_share(script(turns), terms()).problems  # a nudge is filler instead
        return
    assert not check.passed and why in check.problems[0], check.problems


@pytest.mark.parametrize(
    ("answer", "fits"),
    [
        ("In order to keep the router cheap, they share its weights across all layers.", True),
        # the step alone, its goal said by the question just now
        ("They share its weights across all layers of the model.", True),
        ("Routed Blocks reaches 94.1% accuracy compared to 94.8% for full attention.", False),
        ("They are not sure it matters much in the end.", False),
    ],
)
def test_a_goal_asked_how_is_answered_by_the_step_that_serves_it(answer: str, fits: bool) -> None:
    turns = [GOOD[0], s("How do they keep the router cheap?"), e(answer)]
    assert question_fit(script(turns), terms()).passed is fits


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("The zebra score is si = ⟨q, K[Ii]⟩ ⊕ b for every block.", "symbols"),
        ("Then the distance is approximated using mean / mean.", "symbols"),
        ("Results are shown in Table 3 for every router setting.", "points at the page"),
        ("Eq. (4) gives the loss the router minimizes.", "points at the page"),
        ("Recall the definition of the unconstrained factors from Eqn.", "points at the page"),
        ("The experiments use four datasets summarized in Table IV.", "points at the page"),
        ("The solid line segments correspond to the robust region.", "points at the page"),
        ("The sensing parts are highlighted in blue, the rest in red.", "points at the page"),
        ("The kernel runs on commodity hardware.3 It needs nothing else.", "footnote mark"),
        ("The router makes three changes to the attention layer: 1.", "cut"),
        ("Sliding window attention keeps only nearby tokens, unlike ours.", "first"),
        ("Prior work repurposes classifiers. None", "leaked value"),
        ("None Where does the router come in?", "leaked value"),
    ],
)
def test_an_unspeakable_line_fails(line: str, why: str) -> None:
    check = unspeakable_lines(script([*GOOD, e(line)]), lines())
    assert not check.passed and why in check.problems[0], check.problems


@pytest.mark.parametrize(
    "line",
    [
        "They tried three fixes. None worked.",
        "None of the runs diverged.",
        "None, however, scales.",
        "The figure I'd keep: 77.5 on AIME.",  # "figure I" is no IEEE "Figure I"
    ],
)
def test_none_said_as_english_is_no_leaked_value(line: str) -> None:
    assert unspeakable_lines(script([*GOOD, e(line)]), lines()).passed


def test_the_hosts_may_speak_for_themselves() -> None:
    mine = s("I'd want to see that on another model family before I believe it.")
    assert unspeakable_lines(script([*GOOD, mine]), lines()).passed


def test_a_chapter_drawn_from_the_wrong_sections_fails() -> None:
    wrong = [
        e("How it works. Sliding window attention keeps only nearby tokens and loses evidence."),
        s("And the result?"),
        e("At one million tokens the method is 6.5x faster than full attention."),
        s("Compared to what?"),
        e("Routed Blocks reaches 94.1% accuracy compared to 94.8% for full attention."),
    ]  # all in "How it works"
    assert provenance(script(GOOD), lines()).passed
    check = provenance(script(wrong), lines())
    assert not check.passed and "'How it works'" in check.problems[0]


def test_a_debate_skeptic_holds_up_the_papers_tests_and_limits_in_any_chapter() -> None:
    """A debate meets each claim with a challenge, by design: his line from the limits or
    the tests fits the method's chapter; the same line told as the method does not."""
    steps = METHOD.split(". ")
    challenged = [
        e(f"How it works. {steps[0]}."),
        s("A limitation is that all experiments use a single model family."),
        e(steps[1]),
        s("At one million tokens the method is 6.5x faster than full attention."),
    ]
    assert provenance(script(challenged, format="debate"), lines()).passed
    assert not provenance(script(challenged), lines()).passed
    told = [challenged[0], s("And then?"), e(RESULTS.split(". ")[1]), e(steps[1])]
    assert not provenance(script(told, format="debate"), lines()).passed


def test_the_corner_holds_only_the_papers_doubts() -> None:
    corner = ["The skeptic's corner"]
    doubts = [
        e("A limitation is that all experiments use a single model family."),
        s("What's left for future work?"),
        e("The authors leave learned block boundaries to future work."),
    ]
    assert provenance(script(doubts, corner), lines()).passed
    padded = [*doubts, s("Okay."), e(METHOD), e(RESULTS)]
    assert not provenance(script(padded, corner), lines()).passed


def test_the_corner_may_give_a_doubt_the_papers_answer_but_no_more() -> None:
    corner = ["The skeptic's corner"]
    doubt = s("A limitation is that all experiments use a single model family.")
    answer = e("Routed Blocks reaches 94.1% accuracy compared to 94.8% for full attention.")
    speedup = e("At one million tokens the method is 6.5x faster than full attention.")
    future = s("The authors leave learned block boundaries to future work.")
    assert provenance(script([doubt, answer, future], corner), lines()).passed
    assert not provenance(script([doubt, answer, speedup], corner), lines()).passed
    # The answer is the other host's reply; the skeptic cannot answer his own doubt. (The
    # future line is said twice: three lines from the paper, or the chapter is not judged.)
    own = s(f"{doubt.text} {answer.text}")
    assert not provenance(script([own, future, future], corner), lines()).passed


def test_a_hedge_in_the_method_is_a_doubt_the_corner_may_hold() -> None:
    corner = ["The skeptic's corner"]
    doubts = [
        e("A limitation is that all experiments use a single model family."),
        s("What's left for future work?"),
        e("The authors leave learned block boundaries to future work."),
        s("By reading fewer blocks, they expect the router to generalise to longer contexts."),
    ]
    hedged = paper()
    method = hedged.sections[1]
    method.text += (
        " By reading fewer blocks, we expect the router to generalise to longer contexts."
    )
    assert provenance(script(doubts, corner), PaperLines([hedged])).passed


def test_the_numbers_may_set_up_each_test_but_hold_no_method() -> None:
    numbers = ["What the numbers say"]
    tested = paper()
    tested.sections.insert(
        2, Section(title="Experimental Setup", text="We test on a suite of long-context tasks.")
    )
    paired = [
        s("The authors test on a suite of long-context tasks. And the result?"),
        e("Routed Blocks reaches 94.1% accuracy compared to 94.8% for full attention."),
        s("How much faster?"),
        e("At one million tokens the method is 6.5x faster than full attention."),
    ]
    assert provenance(script(paired, numbers), PaperLines([tested])).passed
    padded = [*paired, s("How does it work?"), e(METHOD)]
    assert not provenance(script(padded, numbers), PaperLines([tested])).passed
    # A set-up with no result after it sets up nothing.
    unpaired = [*paired[1:], s("The authors test on a suite of long-context tasks.")]
    assert not provenance(script(unpaired, numbers), PaperLines([tested])).passed


def test_the_take_aways_may_recall_a_result_said_before_but_not_bring_a_new_one() -> None:
    """The skeptic's verdict names the result he would keep: a figure the episode said in
    its numbers, recalled, not a results line first heard in the take-aways."""
    chapters = ["What the numbers say", "Takeaways"]
    numbers = [
        s("How fast?"),
        e("At one million tokens the method is 6.5x faster than full attention."),
    ]
    recalled = s("What I'd keep: the method is 6.5x faster than full attention.", 1)
    wrap = [
        recalled,
        e("A limitation is that all experiments use a single model family.", 1),
        e("The authors leave learned block boundaries to future work.", 1),
        e("Long contexts make attention slow because its cost grows quadratically.", 1),
    ]
    assert provenance(script([*numbers, *wrap], chapters), lines()).passed
    fresh = s("Routed Blocks reaches 94.1% accuracy compared to 94.8% for full attention.", 1)
    check = provenance(script([*numbers, *wrap, fresh], chapters), lines())
    assert not check.passed and "'Takeaways'" in check.problems[0], check.problems
    # With no take-aways, the verdict closes the corner: the close may recall, the middle not.
    doubts = [recalled, *wrap[1:3]]
    corner = ["What the numbers say", "The skeptic's corner"]
    assert provenance(script([*numbers, *doubts], corner), lines()).passed
    close = e("Long contexts make attention slow because its cost grows quadratically.", 2)
    check = provenance(script([*numbers, *doubts, close], [*corner, "Takeaways"]), lines())
    assert not check.passed and "corner" in check.problems[0], check.problems


def test_a_method_without_an_idea_chapter_may_open_on_the_idea() -> None:
    """A brief has no chapter for the idea: its method opens on the abstract's proposal.
    Past the method's first line, or beside a chapter of its own, the idea is misplaced."""
    proposal = (
        "The authors introduce Routed Blocks, which lets each query read only the blocks it needs."
    )
    method = [
        e("The router computes a score for every block and selects the top three blocks."),
        s("And then?"),
        e("Each query then attends to the tokens of the selected blocks and its own block."),
    ]
    brief = ["How it works"]
    assert provenance(script([e(proposal), *method], brief), lines()).passed
    assert not provenance(script([*method, e(proposal)], brief), lines()).passed
    deep = ["The core idea", "How it works"]
    opened = [
        e(proposal),
        s("How?"),
        e(proposal, 1),
        *[t.model_copy(update={"chapter": 1}) for t in method],
    ]
    check = provenance(script(opened, deep), lines())
    assert not check.passed and "'How it works'" in check.problems[0], check.problems


def test_missing_headline_numbers_fail() -> None:
    assert headline_numbers(script(GOOD), [paper()]).passed
    without = [t for t in GOOD if "94.1" not in t.text and "6.5x" not in t.text]
    check = headline_numbers(script(without), [paper()])
    assert not check.passed and check.problems == ["not said: 6.5x", "not said: 94.1%"]


def test_in_a_digest_each_paper_weighs_the_same_for_headline_numbers() -> None:
    dense = paper().model_copy(
        update={
            "title": "Dense Gauges",
            "abstract": "The gauge reaches 2.5 nA at 52.1 nA/°C, up to 12.0 nA, 1773, "
            "-28.7 nA/°C and 324 in total, with 150 μW.",
        }
    )
    # Both of Routed Blocks' figures and two of the seven dense ones: 4 of 9 pooled, but
    # each paper weighing the same, (100% + 29%) / 2.
    two_dense = [*GOOD, e("The gauge reaches 12.0 nA and 1773.")]
    assert headline_numbers(script(two_dense), [paper(), dense]).passed
    # All of the dense abstract and none of Routed Blocks: 7 of 9 pooled, but one paper
    # left without its results.
    routed_unsaid = [t for t in GOOD if "94.1" not in t.text and "6.5x" not in t.text]
    all_dense = [
        *routed_unsaid,
        e("The gauge reaches 2.5 nA at 52.1 nA/°C, up to 12.0 nA, 1773, -28.7 nA/°C, 324, 150 μW."),
    ]
    check = headline_numbers(script(all_dense), [paper(), dense])
    assert check.passed is False and "not said: 94.1% (Routed Blocks)" in check.problems


def test_boilerplate_shared_with_another_episode_fails(tmp_path: Path) -> None:
    corner = ["The skeptic's corner"]
    stock = "Let me be the skeptic for a moment and push on the parts the paper glosses over."
    mine = script([*GOOD[:3], s(stock), e(LIMITS)], corner)
    other = mine.model_copy(update={"title": "Another paper", "turns": [s(stock), e(RELATED)]})
    this, that = EpisodeDir(tmp_path / "this"), EpisodeDir(tmp_path / "that")
    this.save("script", mine)
    assert boilerplate(this, mine, [paper()]).passed is None  # nothing to compare with yet
    that.save("script", other)
    check = boilerplate(this, mine, [paper()])
    assert check.passed is False and any(stock in p for p in check.problems)
    # A sentence its own paper prints is the paper's, though another paper prints it too.
    printed = paper()
    printed.sections[0].text += f" {stock}"
    assert boilerplate(this, mine, [printed]).passed is True
    # The same paper in another format is not boilerplate.
    that.save("script", other.model_copy(update={"title": mine.title}))
    assert boilerplate(this, mine, [paper()]).passed is None


def test_the_fields_background_is_no_boilerplate_though_said_alike(tmp_path: Path) -> None:
    """A term of the field explained on request is said alike in every episode that leans
    on it; the question and the explanation are the show's background, not filler."""
    asked = s("Back up: what's the softmax, for listeners?")
    stock = "The softmax turns a list of scores into probabilities, most weight to the top."
    explained = e(stock).model_copy(update={"gloss": "the softmax"})
    mine = script([*GOOD[:3], asked, explained, s("And after it?"), e(LIMITS)])
    other_turns = [asked, explained, s("And then?"), e(RELATED)]
    other = mine.model_copy(update={"title": "Another paper", "turns": other_turns})
    this, that = EpisodeDir(tmp_path / "this"), EpisodeDir(tmp_path / "that")
    this.save("script", mine)
    that.save("script", other)
    assert boilerplate(this, mine, [paper()]).passed is True
    # The same words, not marked as background, are boilerplate.
    unmarked = script([*GOOD[:3], asked, e(stock), s("And after it?"), e(LIMITS)])
    this.save("script", unmarked)
    that.save("script", other.model_copy(update={"turns": [asked, e(stock), *other_turns[2:]]}))
    check = boilerplate(this, unmarked, [paper()])
    assert check.passed is False and any(stock in p for p in check.problems)


def test_show_notes_with_fragments_fail() -> None:
    notes = ShowNotes(
        title="Routed Blocks",
        hook="Routed Blocks is 6.5x faster at one million tokens.",
        takeaways=[],
        chapters=[ChapterNote(title="How it works", description="The router picks blocks.")],
        readings=[
            Reading(
                title="Longformer",
                url="u",
                reason="A baseline it is compared with.",
                reference_index=1,
            )
        ],
        disclosure="AI-generated.",
    )
    assert whole_sentences(notes).passed
    # "following" ends a whole sentence when it is a noun, not a lead-in.
    noun = notes.model_copy(update={"hook": "It closes a gap in instruction following."})
    assert whole_sentences(noun).passed
    lead_in = notes.model_copy(update={"hook": "Routed Blocks is fast for the following."})
    assert not whole_sentences(lead_in).passed
    cut = notes.model_copy(
        update={
            "chapters": [
                ChapterNote(title="Findings", description="Their key observations include.")
            ],
            "readings": [
                notes.readings[0].model_copy(
                    update={"reason": "Cited (Scheduler): Algorithm 1 … Require."}
                )
            ],
            "hook": "Routed Blocks is fast for three reasons:",
        }
    )
    check = whole_sentences(cut)
    assert not check.passed and len(check.problems) == 3, check.problems


def test_a_critique_without_doubts_fails() -> None:
    chapters = ["How it works", "The skeptic's corner"]
    claims = [t.model_copy(update={"chapter": 0}) for t in GOOD]
    thin = script(
        [*claims, s("Any catch?", 1), e(LIMITS.split(". ")[0] + ".", 1)], chapters, "critique"
    )
    shape = format_shape(thin, lines())
    assert shape is not None and not shape.passed, shape.result
    doubts = [s("Any catch?", 1), e(LIMITS, 1), s("And next?", 1), e(LIMITS, 1)]
    heavy = script([*claims[:3], *doubts], chapters, "critique")
    shape = format_shape(heavy, lines())
    assert shape is not None and shape.passed, shape.result


def test_a_debate_without_challenges_fails() -> None:
    chapters = ["Cold open", "The claim"]
    claims = [e(GOOD[0].text, 1), s(METHOD, 1), e(GOOD[4].text, 1), s(GOOD[6].text, 1)]
    shape = format_shape(script(claims, chapters, "debate"), lines())
    assert shape is not None and not shape.passed
    challenged = [e(GOOD[0].text, 1), s("How does that work?", 1), e(GOOD[2].text, 1), s(LIMITS, 1)]
    shape = format_shape(script(challenged, chapters, "debate"), lines())
    assert shape is not None and shape.passed, shape.problems


def test_evaluate_reports_every_new_check(tmp_path: Path) -> None:
    folder = EpisodeDir(tmp_path / "ep")
    folder.save("paper", paper())
    folder.save("script", script(GOOD))
    names = {c.name for c in evaluate(folder).checks}
    assert {
        "filler turns",
        "questions fit their answers",
        "unspeakable lines",
        "chapters from the right sections",
        "headline numbers said",
        "boilerplate shared with other episodes",
        "show notes in whole sentences",
    } <= names


@pytest.mark.parametrize("key", ["no_spread_tables", "no_spread_briefing", "no_spread_repeated"])
def test_the_skeptics_own_missing_spread_lines_count_as_doubts(key: str) -> None:
    """The writer rephrases these now and then ("And their tables lack error bars."); eval
    must still hear each as a doubt, or a critique's doubt share drops for wording."""
    for said in host_lines()[key]:
        assert DOUBT.search(said.format(figure="94.1% accuracy")), said


def test_the_skeptics_own_doubts_count_as_doubts() -> None:
    """ "All in simulation, mind. Nothing was tested outside it." met TRPO's debate claim,
    and eval heard no challenge in it: each of his own doubts is one."""
    fields = {"model": "the model", "count": "10", "items": "cases", "figure": "94.1%"}
    for key, said in host_lines().items():
        if key.startswith(("doubt_", "after_")) and key != "doubt_lead" or key == "few_doubts":
            for line in said:
                assert DOUBT.search(line.format(**fields)), (key, line)


def test_a_downside_of_the_method_is_a_doubt() -> None:
    assert DOUBT.search("The downside of the vine method is far more calls to the simulator.")
    # a held-out parser's setback, said in the passive: eval heard a result out of place
    assert DOUBT.search("TUPA MLP obtains higher scores, but is outperformed by the LSTM parser.")
    assert not DOUBT.search("TUPA obtains higher scores than all the other parsers.")


def test_a_row_where_the_method_trails_is_a_doubt() -> None:
    """Bayes by Backprop's corner said "Where they trail: The test error of Bayes by Backprop
    is 1.32%, against 1.2% for dropconnect." and eval heard a result out of place."""
    row = "The test error of Bayes by Backprop is 1.32%, against 1.2% for dropconnect."
    for lead in host_lines()["trailing_lead"]:
        assert DOUBT.search(f"{lead} {row}"), lead


@pytest.mark.parametrize(
    "hedged",
    [
        "Their convergence indicates that the field may be moving toward predictive models.",
        "It is possible that the gain comes from the larger training set.",
        "The drop may be due to the shorter contexts.",
        "A higher score does not necessarily mean better reasoning.",
        "These results are tentative.",
        "The method works, at least at this scale.",
    ],
)
def test_a_hedge_the_paper_words_is_a_doubt(hedged: str) -> None:
    """An unseen paper's corner said "The convergence of their approach with concurrent work
    indicates that the field may be moving toward …", which eval heard as no doubt."""
    assert DOUBT.search(hedged)


def test_what_the_work_still_needs_is_a_doubt_and_answers_what_they_admit() -> None:
    """A theory paper's corner read its listed limits ("Their framework should also be
    extended to the case of continuous variables."): eval heard no doubt, and no answer to
    "What else do they admit?"."""
    from paperdive.evaluate.talk import gives

    line = "Their framework should also be extended to the case of continuous variables."
    assert DOUBT.search(line)
    assert gives("caveat", "What else do they admit?", line, terms())
    assert not DOUBT.search("The framework is extended to the case of continuous variables.")


@pytest.mark.parametrize(
    ("answer", "fits"),
    [
        ("Routed Blocks could be used with parallel optimisation of the router.", True),
        ("Routed Blocks reaches 94.1% accuracy compared to 94.8% for full attention.", False),
        ("The router could solve 80% of the held-out tasks after training.", False),
    ],
)
def test_what_is_left_open_is_answered_by_what_could_come(answer: str, fits: bool) -> None:
    """A held-out debate's "What do they leave open?" → "Hypergradients could be used with
    parallel, model-based optimization …" was counted as no answer."""
    turns = [GOOD[0], s("What do they leave open?"), e(answer)]
    assert question_fit(script(turns), terms()).passed is fits
