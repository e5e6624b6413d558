"""The paper's written sentences are said the way people talk: contracted, and a long one
with a consequence hung on a comma said as two (listeners heard the offline episodes as "the
paper's sentences read aloud by two voices")."""

from __future__ import annotations

import pytest
from test_write_coherence import write
from write_helpers import SECTIONS, build_paper

from paperdive.evaluate.content import DOUBT
from paperdive.models import Section
from paperdive.writing.aloud import contracted, in_two, said_aloud


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("The router does not need parameters.", "The router doesn't need parameters."),
        ("It is cheap, and they cannot tune it.", "It's cheap, and they can't tune it."),
        ("There is one seed.", "There's one seed."),
        # a clause that ends on the verb, a "that is" that glosses, a title's capitals
        ("They keep it as it is.", "They keep it as it is."),
        ("One gate, that is, a score per block.", "One gate, that is, a score per block."),
        ("On Do Not Think That Much, they agree.", "On Do Not Think That Much, they agree."),
    ],
)
def test_negations_are_contracted_as_speakers_say_them(written: str, said: str) -> None:
    assert contracted(written) == said


def test_a_long_sentence_with_a_consequence_is_said_as_two_in_its_own_tense() -> None:
    now = (
        "The authors propose a solution that adheres to the less structure principle, allowing "
        "the model to determine where to attend on its own rather than by a fixed pattern."
    )
    assert in_two(now) == [
        "The authors propose a solution that adheres to the less structure principle.",
        "That allows the model to determine where to attend on its own rather than by a "
        "fixed pattern.",
    ]
    then = (
        "Single path and vine search solved all of the control problems in the benchmark suite, "
        "yielding the best solutions of all the methods that were compared."
    )
    assert in_two(then)[1].startswith("That yielded the best solutions")
    short = "The gate keeps two blocks, allowing each query to look far back."
    assert in_two(short) == [short]


def test_said_aloud_leaves_a_turn_without_a_long_clause_as_it_was() -> None:
    turn = "What does the router select?  It keeps the top two blocks."
    assert said_aloud(turn) == turn


def test_the_offline_episode_says_the_papers_negations_contracted() -> None:
    sections = {**SECTIONS}
    sections["Method"] += (
        " The router does not need any parameters of its own, so it adds no weights to train."
    )
    script = write(build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()]))
    said = " ".join(t.text for t in script.turns)
    assert "doesn't need any parameters of its own" in said
    assert "does not" not in said


def test_the_eval_hears_a_contracted_doubt() -> None:
    assert DOUBT.search("They can't say whether it holds at scale.")
    assert DOUBT.search("The larger model isn't tested.")


def test_a_title_is_said_as_it_is_written() -> None:
    title = "Attention is not all you need for long documents"
    turn = f"This is a short briefing on {title}. It is not a survey."
    assert said_aloud(turn, [title]) == f"This is a short briefing on {title}. It's not a survey."
    script = write(build_paper(title=title))
    said = " ".join(t.text for t in script.turns)
    assert title in said and "isn't all you need" not in said


def test_not_only_is_no_negation() -> None:
    """ "The model can not only read but also write" said "can't only read" reverses it."""
    for written in ("The gate is not only cheap but also exact.", "It can not only read."):
        assert contracted(written) == written


def test_a_title_beside_a_split_sentence_is_said_as_it_is_written() -> None:
    """The sentence splitter hides abbreviation dots behind U+2063 and turns that mark back
    into a full stop, so a title hidden behind the same mark came back as ".0."."""
    title = "Attention is not all you need for long documents"
    long = (
        "The router keeps only the blocks that score highest against the current query "
        "token, allowing each query to attend to a small part of a very long context."
    )
    said = said_aloud(f"This is {title}. {long}", [title])
    assert said.startswith(f"This is {title}. The router keeps")
    assert "That allows each query" in said
