"""Coherence defects listeners heard in the offline briefing (WRITER-5, issue 9), each
planted in a paper built here and kept out of the script: monologues, a plain set-up fact
said as a doubt, a no-spread doubt about a figure never said, the close introducing the
paper again, limits said as word salad."""

from __future__ import annotations

from dataclasses import replace

import pytest
from write_helpers import ABSTRACT, SECTIONS, build_paper

from paperdive.evaluate.script import monologues
from paperdive.llm import Usage
from paperdive.models import Paper, Script, Section
from paperdive.writing.briefing_talk import MAX_LONG_TURN
from paperdive.writing.extractive import ExtractiveWriter
from paperdive.writing.plan import CRITIQUE, WRAP, chapter_kind

HARDWARE = "Each node in the cluster contains 8 GPUs connected by NVLink."
REINTRODUCED = "In this paper, we present Routed Block Attention for long contexts."


def planted() -> Paper:
    sections = {**SECTIONS}
    sections["Experiments"] = f"{HARDWARE} {sections['Experiments']}"
    sections["Conclusion"] = f"{REINTRODUCED} {sections['Conclusion']}"
    return build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])


def write(paper: Paper) -> Script:
    writer, usage = ExtractiveWriter(), Usage()
    notes = writer.notes(paper, usage)
    outline = writer.plan([paper], [notes], "deep-dive", 25.0, 150.0, usage)
    return writer.script([paper], [notes], outline, {"explainer": "Nora", "skeptic": "Theo"}, usage)


@pytest.fixture(scope="module")
def script() -> Script:
    return write(planted())


def chapter_text(script: Script, kind: object) -> str:
    return " ".join(
        t.text for t in script.turns if chapter_kind(script.chapters[t.chapter].title) is kind
    )


def test_no_monologue(script: Script) -> None:
    assert monologues(script).passed, monologues(script).result
    for turn in script.turns:
        # A turn runs on past the cap only by the one line that opened it.
        assert len(turn.text.split()) <= MAX_LONG_TURN + 45 or len(turn.source_refs) <= 1


def test_a_plain_setup_fact_is_no_doubt(script: Script) -> None:
    assert "8 GPUs" not in chapter_text(script, CRITIQUE)


def test_the_close_is_a_finding_not_the_paper_again(script: Script) -> None:
    assert "present Routed Block Attention" not in chapter_text(script, WRAP)
    assert "presents Routed Block Attention" not in chapter_text(script, WRAP)


def test_no_spread_is_said_of_a_figure_the_episode_said(script: Script) -> None:
    said = " ".join(t.text for t in script.turns)
    for turn in script.turns:
        if "no spread" in turn.text and "the " in turn.text:
            figure = turn.text.split("the ", 1)[1]
            number = figure.split()[0]
            assert said.count(number) >= 2, turn.text  # the doubt, and where it was said


def test_the_limits_are_said_plainly() -> None:
    sections = [Section(title=t, text=x) for t, x in SECTIONS.items() if t != "Limitations"]
    spoken = " ".join(t.text for t in write(build_paper(sections=sections)).turns)
    assert "says little" not in spoken
    assert "On its own limits" not in spoken


def test_a_connective_that_leans_on_a_missing_first_is_not_self_contained() -> None:
    from paperdive.writing.sentences import PaperText, self_contained

    text = PaperText.of(build_paper()) if hasattr(PaperText, "of") else None
    assert text is not None
    line = replace(text.sentences[0], text="Last, the authors replace the sum by an estimator.")
    assert not self_contained(line)
    specific = replace(line, text="To be specific, the keys are cached once.")
    assert not self_contained(specific)


def test_a_baseline_question_never_repeats_the_line_just_said() -> None:
    from paperdive.writing.briefing_talk import Briefing
    from paperdive.writing.sentences import PaperText

    paper = build_paper()
    writer, usage = ExtractiveWriter(), Usage()
    outline = writer.plan([paper], [writer.notes(paper, usage)], "deep-dive", 25.0, 150.0, usage)
    b = Briefing(PaperText.of(paper), outline, {"explainer": "Nora", "skeptic": "Theo"}, str)
    b.talk.say("explainer", "Compared with LLaMA3 70B, it is trained on fewer tokens.", 1)
    assert not b.new_baseline("LLaMA3 70B")
    assert b.new_baseline("Qwen1.5 72B")


def test_a_second_speedup_is_set_beside_the_first() -> None:
    """MoBA's open claimed 16x; its numbers said 6.5x, and listeners heard one figure
    contradict the other. The skeptic now sets the two side by side, in the numbers that
    said the second."""
    abstract = ABSTRACT.replace("6.5x faster at one million", "16x faster at ten million")
    script = write(build_paper(abstract=abstract))
    second = next(t for t in script.turns if "6.5x faster" in t.text)
    later = script.turns[script.turns.index(second) + 1 :]
    beside = [t for t in later if t.chapter == second.chapter and "16x" in t.text]
    assert beside and beside[0].host == "skeptic" and "6.5x" in beside[0].text
    alone = " ".join(t.text for t in write(build_paper()).turns)  # one speed-up: no remark
    assert "set-up." not in alone
