"""paperdive eval judges a script the way a listener would, from its text alone and the same
way for both writers: a model-style script (no source_refs, spoken roundings, hyphenated
compounds, questions answered by the other host) passes every script-level check, and each
check fails the defect listeners rated 2/10 in the old offline scripts, planted in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperdive.evaluate import evaluate
from paperdive.evaluate.content import headline_numbers
from paperdive.evaluate.script import grounding, host_balance, monologues, repeated_facts
from paperdive.evaluate.speech import lists_read_out, read_text_artifacts
from paperdive.evaluate.talk import (
    decorative_reactions,
    filler_share,
    host_roles,
    question_fit,
)
from paperdive.evaluate.terms import PaperTerms
from paperdive.models import ChapterHeading, Paper, Script, Section
from paperdive.models import Turn as T
from paperdive.store import EpisodeDir
from paperdive.writing.check import PaperIndex
from paperdive.writing.conversation import host_lines

ABSTRACT = (
    "Long contexts make attention slow because its cost grows quadratically with length. "
    "We introduce Routed Blocks, which lets each query read only the blocks it needs. "
    "Routed Blocks is 6.5x faster than full attention at one million tokens and reaches "
    "94.1% accuracy on RULER, against 94.8% for full attention."
)
SECTIONS = {
    "Related Work": (
        "Sliding window attention keeps only nearby tokens and loses distant evidence. "
        "Longformer, BigBird, LongT5, Reformer and Performer use fixed patterns."
    ),
    "Method": (
        "The context is split into blocks of 512 tokens. The router scores each block by the "
        "dot product of the query with the mean of the block's keys, and selects the top "
        "three blocks. Each query then attends to the tokens of the selected blocks and its "
        "own block. The router adds no parameters."
    ),
    "Results": (
        "At one million tokens the method is 6.5x faster than full attention. On RULER, "
        "Routed Blocks reaches 94.1% accuracy compared to 94.8% for full attention. "
        "Validation loss stays within 0.001 of full attention for all five model sizes."
    ),
    "Limitations": (
        "A limitation is that all experiments use a single model family. Timing covers the "
        "attention layer only. We leave learned block boundaries to future work."
    ),
}
CHAPTERS = ["A faster read", "How the router picks", "What it costs"]


def paper() -> Paper:
    return Paper(
        source="2502.00002",
        source_kind="arxiv",
        title="Routed Blocks: attention that reads what it needs",
        abstract=ABSTRACT,
        sections=[Section(title=t, text=x) for t, x in SECTIONS.items()],
    )


def e(text: str, chapter: int = 0) -> T:
    return T(host="explainer", text=text, chapter=chapter)


def s(text: str, chapter: int = 0) -> T:
    return T(host="skeptic", text=text, chapter=chapter)


# What a capable model writes: no source_refs, figures as people say them, a hyphenated
# compound of a paper term ("Longformer-style"), every question answered by the other host.
MODEL_STYLE = [
    e(
        "Here's the claim. Routed Blocks makes attention over a million tokens about six and a "
        "half times faster, and on RULER it scores roughly 94 percent against about 95 for "
        "full attention."
    ),
    s("Six and a half times is a big number. What does it give up to get there?"),
    e("Reading. Each query reads only the few blocks it needs instead of the whole context."),
    s("Fair, but which blocks? Who decides?"),
    e(
        "A router. The context is cut into blocks of 512 tokens, and each block is summed up "
        "by the average of its keys.",
        1,
    ),
    s("Does the router add new weights to learn?", 1),
    e(
        "No. It scores each block by the query's dot product with that average and keeps the "
        "top three, so it adds no parameters.",
        1,
    ),
    s("So a query only ever sees three blocks?", 1),
    e("Three, plus its own block. Then it attends to the tokens in those blocks as usual.", 1),
    s(
        "That's a Longformer-style shortcut with a learned twist, then. How much faster is it, "
        "really?",
        1,
    ),
    e("About six and a half times at a million tokens, timed on the attention layer.", 1),
    s("Only the attention layer, though. Where does it fall short?", 2),
    e(
        "Every run uses a single model family, and the timing leaves out the other layers.",
        2,
    ),
    s("And the accuracy gap?", 2),
    e(
        "Under a point: 94.1 against 94.8 on RULER. The loss stays within a thousandth of full "
        "attention at all five sizes.",
        2,
    ),
    s(
        "So it's a real speedup with a small, measured cost. I'd still want a second model "
        "family before I believe it transfers.",
        2,
    ),
    e(
        "That's the open question the authors leave too, along with learned block boundaries. "
        "Thanks for listening.",
        2,
    ),
]
SCRIPT_CHECKS = {
    "numbers in the paper",
    "named results in the paper",
    "repeated sentences",
    "repeated 8-word runs",
    "facts restated",
    "filler turns",
    "questions fit their answers",
    "decorative reactions",
    "host roles",
    "unspeakable lines",
    "read-text artifacts",
    "lists read out",
    "chapters from the right sections",
    "headline numbers said",
    "words per host",
    "monologues",
}


def script(turns: list[T], chapters: list[str] | None = None) -> Script:
    return Script(
        title="Routed Blocks",
        format="deep-dive",
        hosts={"explainer": "Nora", "skeptic": "Theo"},
        chapters=[ChapterHeading(title=c) for c in chapters or CHAPTERS],
        turns=turns,
    )


def terms() -> PaperTerms:
    return PaperTerms(PaperIndex([paper()]))


def planted(position: int, *turns: T) -> list[T]:
    """The model-style script with `turns` put in at `position`."""
    return [*MODEL_STYLE[:position], *turns, *MODEL_STYLE[position:]]


def test_a_model_style_script_passes_every_script_level_check(tmp_path: Path) -> None:
    folder = EpisodeDir(tmp_path / "routed-blocks")
    folder.save("paper", paper())
    folder.save("script", script(MODEL_STYLE))

    report = evaluate(folder)

    checks = {c.name: c for c in report.checks}
    assert set(checks) >= SCRIPT_CHECKS
    failed = {n: checks[n].problems for n in SCRIPT_CHECKS if checks[n].passed is False}
    assert failed == {}
    assert checks["headline numbers said"].result == "3/3 (100%)"  # said as rounded
    assert checks["questions fit their answers"].result == "7/7 (100%)"


def test_spoken_roundings_and_compounds_are_grounded() -> None:
    numbers, names = grounding(script(MODEL_STYLE), PaperIndex([paper()]))
    assert numbers.passed and names.passed, numbers.problems + names.problems
    planted_turns = planted(3, e("On RULER it is 97.3 percent, as good as GPT-9-style models."))
    numbers, names = grounding(script(planted_turns), PaperIndex([paper()]))
    assert numbers.problems == ["turn 4: 97.3 percent"]
    assert names.problems == ["turn 4: GPT-9-style"]


# ---------------------------------------------------------------- filler


def test_a_turn_with_content_is_not_filler_without_source_refs() -> None:
    read_on = s("Read the rest of that same table, though. On RULER it's 94.1 against 94.8.")
    check = filler_share(script(planted(3, read_on)), terms())
    assert check.passed and check.problems == [], check.problems


def test_turns_that_say_nothing_are_filler() -> None:
    nudges = [s("Mm."), e("Okay, and?"), s("Go on.")]
    check = filler_share(script(planted(5, *nudges)), terms())
    assert not check.passed
    assert [p.split(": ", 1)[1] for p in check.problems] == ["Mm.", "Okay, and?", "Go on."]


# ---------------------------------------------------------------- question fit


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Does the router add new weights to learn?", "No. It keeps the top three blocks."),
        ("Why would it be faster?", "Two reasons. Fewer tokens are read, in whole blocks."),
        ("So a query only ever sees three blocks?", "Three, plus its own block."),
        ("Where does it fall short?", "Every run uses a single model family."),
        ("How much faster is it?", "About six and a half times at a million tokens."),
        ("Measured how?", "Accuracy on RULER, against full attention."),
        ("Which of their explanations are still hunches?", "They speculate the mean blurs keys."),
        ("Why is that hard?", "Long contexts are difficult because attention grows quadratically."),
        ("Why average the keys?", "This ensures the router adds no parameters."),
        ("So how does the router work?", "If a block's mean key matches the query, it is read."),
        ("Bottom line?", "Routed Blocks reads fewer blocks and loses under a point on RULER."),
        ("How are the blocks scored?", "The blocks are scored by their mean key's match."),
        # Asked of an unseen paper's offline episodes (a re-evaluation of GSM-Symbolic).
        ("Who ran these evaluations?", "The authors rerun every test with the original prompts."),
        ("What do they admit?", "Their evaluation is restricted to open-weight models."),
        ("With what result?", "The metric performs consistently well on both datasets."),
        # A rival named by a two-letter acronym is something in particular to ask about.
        ("And against LM?", "The score of Routed Blocks is 45%, against 41% for LM."),
        # A finding said as a verdict, with no figure.
        (
            "How did it do?",
            "The summaries it reads are virtually indistinguishable from full ones.",
        ),
    ],
)
def test_an_answer_in_the_other_hosts_words_fits(question: str, answer: str) -> None:
    turns = [e(MODEL_STYLE[4].text), s(question), e(answer)]
    check = question_fit(script(turns), terms())
    assert check.passed, check.problems


@pytest.mark.parametrize(
    ("question", "answer", "why"),
    [
        # What the listeners heard in the old offline scripts.
        (
            "Measured how?",
            "The learning rate is scheduled using a warmup and step decay strategy.",
            "(measure)",
        ),
        (
            "How big were the models tested?",
            "The authors evaluate the throughput from the deployed service's prompt lengths.",
            "(figure)",
        ),
        (
            "Why does that matter?",
            "If, however, the authors could keep the blocks stable, the router would settle.",
            "(reason)",
        ),
        ("And 75%: one run, or many?", "The authors train five model sizes.", "no one has said"),
        (
            "Why does that matter?",
            "If the authors could ensure stable blocks, the router would settle.",
            "(reason)",
        ),
        (
            "Where does Routed Blocks fall short?",
            "It is 6.5x faster at a million tokens.",
            "(caveat)",
        ),
        ("Who ran these evaluations?", "Each block is scored by its mean key.", "(who)"),
        # Says why the blocks are scored, not how.
        (
            "How are the blocks scored?",
            "The blocks are scored in order to skip most of the context.",
            "(mechanism)",
        ),
    ],
)
def test_a_question_answered_by_an_unrelated_line_fails(
    question: str, answer: str, why: str
) -> None:
    turns = [e(MODEL_STYLE[4].text), s(question), e(answer)]
    check = question_fit(script(turns), terms())
    assert not check.passed and why in check.problems[0], check.problems


def test_an_answer_that_names_the_subject_by_its_acronym_is_on_the_subject() -> None:
    rnn = Paper(
        source="1500.00001",
        source_kind="arxiv",
        title="An Empirical Exploration of Recurrent Network Architectures",
        abstract="The Recurrent Neural Network (RNN) is a sequence model that is hard to train.",
        sections=[Section(title="Introduction", text="Gated units make an RNN easier to train.")],
    )
    turns = [
        e("This is a briefing on An Empirical Exploration of Recurrent Network Architectures."),
        s("What problem, exactly?"),
        e("The RNN is an extremely powerful sequence model that is often difficult to train."),
    ]
    assert question_fit(script(turns), PaperTerms(PaperIndex([rnn]))).passed


def test_a_question_asked_back_before_the_answer_fits() -> None:
    turns = [
        e("Does the speedup hold at shorter lengths?"),
        s("Which lengths?"),
        e("Shorter lengths are not timed at all, only the one million token length."),
    ]
    assert question_fit(script(turns), terms()).result == "2/2 (100%)"


def test_a_question_left_to_the_asker_is_not_answered() -> None:
    turns = [s("How much faster is it?"), s("It is 6.5x faster at a million tokens.")]
    check = question_fit(script(turns), terms())
    assert not check.passed and "not answered by the other host" in check.problems[0]


# ---------------------------------------------------------------- decorative reactions


def test_reactions_that_respond_are_not_decorative() -> None:
    check = decorative_reactions(script(MODEL_STYLE), terms())
    assert check.passed and check.problems == []
    conceded = planted(
        12,
        s("The timing leaves out every other layer, though."),
        e("Fair. So the end-to-end gain is smaller."),
    )
    assert decorative_reactions(script(conceded), terms()).problems == []


def test_reactions_placed_for_show_fail() -> None:
    decorated = planted(
        6,
        e("Mm. The context is split into blocks of 512 tokens."),
        s("Sure. Longformer and BigBird use fixed patterns."),
    )
    check = decorative_reactions(script(decorated), terms())
    assert not check.passed and len(check.problems) == 2, check.problems


# ---------------------------------------------------------------- host roles


def test_a_skeptic_who_explains_and_an_explainer_who_asks_fail() -> None:
    assert host_roles(script(MODEL_STYLE)).passed
    swapped = [
        t.model_copy(update={"host": "skeptic" if t.host == "explainer" else "explainer"})
        for t in MODEL_STYLE
    ]
    check = host_roles(script(swapped))
    assert not check.passed and "Theo asks 0%" in check.result, check.result


def test_the_goodbye_is_no_turn_of_the_skeptics_role() -> None:
    """A short episode whose skeptic says the goodbye failed its host roles on "That was
    the paper. Thanks for listening.": a line of the show, not of either role."""
    said = [s("But is the gate only tested on one model?"), e("Yes, one model family.")]
    bye = s("That was Routed Blocks. Thanks for listening.")
    assert "100% of Theo's 1 turns" in host_roles(script([*said, bye])).result
    assert (
        "50% of Theo's 2 turns" in host_roles(script([*said, s("They keep tokens."), bye])).result
    )


@pytest.mark.parametrize(
    "concession",
    [
        "While some sources provide titles as metadata, it is often necessary to parse the PDF.",
        "The gate is cheap, although it is only tested on one model family.",
        "Nearby tokens are kept, whereas distant evidence is dropped.",
        "The downside of the router is far more calls to the kernel for each block.",
    ],
)
def test_a_concession_is_the_skeptic_pushing_back(concession: str) -> None:
    said = [s(concession), e("Routed Blocks reads far fewer tokens.")]
    assert "100% of Theo's 1 turns" in host_roles(script(said)).result
    assert "0% of Theo's 1 turns" in host_roles(script([s("They keep nearby tokens.")])).result


@pytest.mark.parametrize(
    "key", ["bound_lead", "hedge_lead", "trailing_lead", "setback_lead", "level_lead"]
)
def test_the_skeptics_leads_that_hold_a_line_up_are_pushing_back(key: str) -> None:
    """ "The set-up bounds it: … on a single TPU for one week." and "Where they trail: …" are
    his challenges, not his reading: eval heard neither, and a short debate failed its host
    roles on lines the writer leads with a challenge."""
    for lead in host_lines()[key]:
        said = [s(f"{lead} They train on 16.4B tokens."), e("Routed Blocks reads fewer tokens.")]
        assert "100% of Theo's 1 turns" in host_roles(script(said)).result, lead


# ---------------------------------------------------------------- read-text artifacts


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Large language models (LLMs) read long contexts slowly.", "parenthesis"),
        ("Longformer, Beltagy et al. 2020, uses fixed patterns.", "citation"),
        ("It is tested on RULER Hsieh and colleagues against full attention.", "citation"),
        ("Fixed patterns, e.g. sliding windows, lose distant evidence.", "abbreviation"),
        ("Routed Blocks is a novel approach pushing the boundaries of attention.", "boilerplate"),
    ],
)
def test_text_read_aloud_fails(line: str, kind: str) -> None:
    assert read_text_artifacts(script(MODEL_STYLE)).passed
    check = read_text_artifacts(script(planted(2, e(line), s(line))))
    assert not check.passed and all(f"({kind}:" in p for p in check.problems), check.problems


def test_lists_of_names_read_out_fail() -> None:
    three = e("Longformer, BigBird and LongT5 use fixed patterns.")
    assert lists_read_out(script(planted(2, three))).passed
    five = e("Longformer, BigBird, LongT5, Reformer and Performer use fixed patterns.")
    check = lists_read_out(script(planted(2, five)))
    assert (
        not check.passed
        and "Longformer, BigBird, LongT5, Reformer and Performer" in (check.problems[0])
    )


# ---------------------------------------------------------------- monologues and balance


def test_monologues_fail() -> None:
    assert monologues(script(MODEL_STYLE)).passed
    long_turn = e(" ".join([SECTIONS["Method"], SECTIONS["Results"], SECTIONS["Related Work"]]))
    check = monologues(script(planted(4, long_turn)))
    assert not check.passed and check.problems[0].startswith("turn 5 (112 words)")


def test_long_turns_making_up_most_of_the_talk_fail() -> None:
    sixty_odd = " ".join([SECTIONS["Method"], SECTIONS["Limitations"]])  # 78 words
    talk = [e(sixty_odd), s("Where does it fall short?"), e(sixty_odd), s("And?")]
    check = monologues(script(talk))
    assert not check.passed and check.problems == []  # no single turn over 100 words


def test_host_balance_holds_the_shows_band() -> None:
    assert host_balance(script(MODEL_STYLE)).passed
    quiet = [
        t.model_copy(update={"text": "Go on."}) if t.host == "skeptic" else t for t in MODEL_STYLE
    ]
    assert not host_balance(script(quiet)).passed


# ---------------------------------------------------------------- facts restated


def test_a_term_introduced_three_times_fails() -> None:
    intro = "The authors introduce Routed Blocks, which lets each query read only what it needs."
    check = repeated_facts(script(planted(5, e(intro, 1), s(intro, 1), e(intro, 1))), terms())
    assert not check.passed and "'Routed Blocks' introduced" in check.problems[0], check.problems


def test_a_figure_restated_as_the_same_claim_fails_but_a_callback_does_not() -> None:
    claim = "At one million tokens the method is 6.5x faster than full attention."
    restated = planted(5, e(claim, 1), s(claim.replace("the method", "it"), 1), e(claim, 1))
    check = repeated_facts(script(restated), terms())
    assert not check.passed and "stated in turns 6, 7, 8" in check.problems[0]
    callback = "That's the 6.5x from the top of the show, at one million tokens."
    recalled = planted(5, e(claim, 1), s(callback, 1), e(callback, 1))
    assert repeated_facts(script(recalled), terms()).passed


# ---------------------------------------------------------------- headline numbers


def test_numbers_inside_names_are_not_headline_figures() -> None:
    named = paper().model_copy(
        update={
            "abstract": "Kimi reaches 96.2 on MATH 500 and the 94-th percentile on Codeforces, "
            "ahead of Claude Sonnet 3.5."
        }
    )
    said = script([e("It scores about 96 on MATH-500 and sits at the 94th percentile."), s("Why?")])
    check = headline_numbers(said, [named])
    assert check.passed and check.result == "2/2 (100%)", check.problems
