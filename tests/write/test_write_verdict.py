"""The skeptic's verdict (listeners: "Theo never offers a view; he only feeds prompts"):
before the take-away he names the result he would keep, a figure the episode said, and
what he would still want, each want answering a doubt he raised in the episode."""

from __future__ import annotations

import re

from test_write_brief import HOSTS, looks_claimed, planted, write

from paperdive.llm import Usage
from paperdive.models import Paper
from paperdive.writing.briefing_talk import Briefing, his_view, measure_of, terms_in_order
from paperdive.writing.briefing_verdict import _as_phrase, table_lead, verdict
from paperdive.writing.conversation import host_lines
from paperdive.writing.extractive import ExtractiveWriter
from paperdive.writing.plan import MECHANICS, NUMBERS, PROBLEM, WRAP, chapter_kind
from paperdive.writing.sentences import PaperText, Sentence
from paperdive.writing.table_lines import TableLine

HUMAN_STUDY = " In a study with 20 human raters, 51% of the generated photographs were picked."


def wants(kind: str) -> list[str]:
    return host_lines()[f"want_{kind}"]


def briefing(paper: Paper, format: str) -> Briefing:
    writer, usage = ExtractiveWriter(), Usage()
    notes = writer.notes(paper, usage)
    outline = writer.plan([paper], [notes], format, 15, 150.0, usage)  # type: ignore[arg-type]
    return Briefing(PaperText.of(paper), outline, HOSTS, lambda s: s.text)


def test_the_verdict_wants_what_would_settle_the_doubts_the_episode_raised() -> None:
    script = write(looks_claimed(), "deep-dive", 25)
    wrap = [t for t in script.turns if chapter_kind(script.chapters[t.chapter].title) is WRAP]
    his_view = wrap[0]
    assert his_view.host == "skeptic"
    assert any(want in his_view.text for want in wants("judges")), his_view.text
    before = " ".join(t.text for t in script.turns[: script.turns.index(his_view)])
    for figure in re.findall(r"\d[\d.,]*%?", his_view.text):
        assert figure in before, f"{figure} is new in the verdict: {his_view.text}"
    assert script.turns[-1].host == "explainer"  # her take-away and goodbye after his view
    judged = write(looks_claimed(HUMAN_STUDY), "deep-dive", 25)
    spoken = " ".join(t.text for t in judged.turns)
    assert not any(want in spoken for want in wants("judges")), spoken


def test_the_result_he_keeps_is_one_the_episode_said() -> None:
    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    b.measured = "94.1% accuracy"
    assert verdict(b) is None  # unsaid, it is no result to keep; and no doubt was raised
    b.talk.say("explainer", "The router reaches 94.1% accuracy on the needle test.", 1)
    said = verdict(b)
    assert said is not None and "94.1% accuracy" in said
    b.raise_doubt("spread")
    b.talk.say("skeptic", "No error bars on 94.1%, either.", 1)
    b.talk.say("explainer", "They report the mean of five runs.", 1)
    said = verdict(b) or ""
    assert any(want in said for want in wants("spread")), said


def test_a_doubt_he_just_raised_is_not_wanted_again_in_the_same_breath() -> None:
    """ "Their tables give no error bars, either. Still missing: error bars." said it twice."""
    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    b.talk.say("explainer", "The router reaches 94.1% accuracy on the needle test.", 1)
    b.raise_doubt("spread")
    b.talk.say("skeptic", "Their tables give no error bars, either.", 1)
    assert not any(want in (verdict(b, 1) or "") for want in wants("spread"))
    assert any(want in (verdict(b, 2) or "") for want in wants("spread"))  # sums them up


def test_the_result_he_keeps_is_said_as_a_whole_claim_where_it_can_be() -> None:
    """ "The figure I'd keep: 42.5% of training costs." was a fragment to DeepSeek-V2's
    listener; said after the method's verb, it is the method's claim again."""
    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    b.measured = "42.5% of training costs"
    b.talk.say("explainer", "The router saves 42.5% of training costs.", 1)
    said = verdict(b) or ""
    assert "saves" not in said and "42.5% of training costs" in said  # the router's, not it
    b.talk.say("skeptic", "Routed Block Attention meanwhile saves 42.5% of training costs.", 1)
    said = verdict(b) or ""
    assert "it saves 42.5% of training costs." in said, said


def test_a_debates_skeptic_ends_on_a_challenge_or_not_at_all() -> None:
    b = briefing(looks_claimed(HUMAN_STUDY), "debate")
    b.measured = "94.1% accuracy"
    b.talk.say("explainer", "The router reaches 94.1% accuracy on the needle test.", 1)
    assert verdict(b) is None  # a figure alone would be no challenge
    b.raise_doubt("like_for_like")
    b.talk.say("skeptic", "Was the baseline trained on the same data?", 1)
    b.talk.say("explainer", "The baseline saw the same data.", 1)
    said = verdict(b) or ""
    assert any(want in said for want in wants("like_for_like")), said


def test_a_score_on_a_named_benchmark_is_a_measure() -> None:
    text = "Kimi reaches 60.8 on AIME and 94.6 on MATH500, using 8 on GPUs."
    assert measure_of(text) == "60.8 on AIME"
    assert measure_of("It was trained with 8 on GPUs.") is None
    assert measure_of("Each step takes 2.5 on GPUs and 1.5 on A100 nodes.") is None


def test_the_headline_said_in_its_own_order_is_the_result_he_keeps() -> None:
    """A held-out medical paper opened on "… they obtain an area under the curve (AUC) of
    87%" and closed on "My pick: 80% classification accuracy": the AUC was no measure, and
    the headline had to be said in the very words "87% AUC" to count as said."""
    said = "Using one channel they obtain an area under the curve of 87%."
    assert measure_of(said) == "87% area under the curve"
    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    b.measured = measure_of(said)
    b.talk.say("skeptic", f"If it holds: {said}", 0)
    b.talk.say("explainer", "The networks reach 80% classification accuracy.", 1)
    assert "87% area under the curve" in (verdict(b) or "")


def test_the_result_he_keeps_is_not_the_cold_opens_claim_said_again() -> None:
    """DeepSeek-V2's "My pick: it saves 42.5% of training costs" was the claim the episode
    opened on, repeated: where he read a clear lead from their tables, that is his pick."""
    from paperdive.writing.table_lines import TableLine

    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    b.measured = "94.1% accuracy"
    b.talk.say("skeptic", "The claim: the router reaches 94.1% accuracy.", 0)
    b.talk.say("explainer", "The router reaches 94.1% accuracy on the needle test.", 1)
    assert "94.1% accuracy" in (verdict(b) or "")  # no other result to keep
    lead = TableLine("On RULER, the router scores 81.2%, against 74.0% for Quest.", 0.097)
    b.read_tables.append(lead)
    b.talk.say("explainer", lead.text, 2)
    said = verdict(b) or ""
    assert "81.2% against 74.0% on RULER" in said and "94.1%" not in said, said


def test_after_a_long_turn_of_doubts_she_asks_for_his_verdict() -> None:
    """DeepSeek-V2's corner ran on into "… And no error bars in their tables. My pick: 38.9
    against 36.6": heard as one monologue, the pick as one more doubt."""
    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    b.talk.say("explainer", "The router reaches 94.1% accuracy on the needle test.", 1)
    b.measured = "94.1% accuracy"
    b.raise_doubt("spread")
    doubts = (
        "They admit that every test uses one model family, so the results may not carry over "
        "to other architectures. The benchmarks are public, and the paper never says whether "
        "they were in the training data. And there are no error bars anywhere in the tables, "
        "so none of the gaps they report can be told from the noise of a second run."
    )
    b.talk.say("skeptic", doubts, 2)
    his_view(b, 2)
    asked, view = b.talk.turns[-2:]
    assert asked.host == "explainer" and asked.text in host_lines()["ask_verdict"]
    assert not asked.text.endswith("?")  # an episode of three questions had her ask one
    assert view.host == "skeptic" and "94.1% accuracy" in view.text
    short = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    short.talk.say("skeptic", "No error bars, either.", 2)
    short.raise_doubt("spread")
    his_view(short, 2)
    assert [t.host for t in short.talk.turns] == ["skeptic"]  # a short turn goes on to it


def test_the_result_he_keeps_is_no_overhead_the_method_paid() -> None:
    """OPaL's skeptic kept "10% extra overhead", what a packing trick they tried cost, as
    the result to remember: an overhead is a cost, never the method's strength."""
    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    paid = "They found that packing the tiles into one word added 10% extra overhead."
    line = Sentence(paid, paid, "Results", 0.5, 99, "results")
    b.talk.say("explainer", paid, 1, line)
    assert "10% extra overhead" not in (verdict(b) or "")


def test_of_two_terms_at_one_place_the_whole_word_is_taken_whatever_the_set_order() -> None:
    """ "On LLM: shown, or a hunch?" or "On LLMs: …", by the interpreter's hash seed."""
    line = "LLMs may not follow the evidence they are given."
    found = terms_in_order(["LLM", "LLMs"], line)
    assert found == terms_in_order(["LLMs", "LLM"], line) == ["LLMs", "LLM"]


def test_a_term_he_asked_about_is_asked_for_in_more_detail_not_again() -> None:
    """OPaL's skeptic asked "So what is OPaL?" and, a chapter later, "What is OPaL?"."""
    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    text = "Gridlock is a scheduler that assigns every query to one block of the context."
    beat = Sentence(text, text, "Method", 0.5, 98, "method")
    first = b.question(beat, MECHANICS)
    assert first in {
        q.format(be="is", term="Gridlock") for q in host_lines()["question_definition"]
    }
    b.talk.say("skeptic", first, 1)
    again = b.question(beat, MECHANICS)
    lines = host_lines()["question_definition_again"]
    assert again in {q.format(be="is", term="Gridlock") for q in lines}


def test_he_asks_to_be_reminded_only_of_a_term_said_before() -> None:
    """A held-out deep dive asked "Remind me, what is Cochrane?" where no one had said
    Cochrane."""
    text = "Gridlock is a scheduler that assigns every query to one block of the context."
    beat = Sentence(text, text, "Method", 0.5, 98, "method")
    lines = host_lines()
    for seed in range(6):
        b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
        b.picker._rng.seed(seed)
        asked = b.question(beat, MECHANICS)
        assert asked in {q.format(be="is", term="Gridlock") for q in lines["question_definition"]}
        b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
        b.picker._rng.seed(seed)
        b.talk.say("explainer", "They schedule with Gridlock.", 1)
        heard = lines["question_definition_heard"]
        assert b.question(beat, MECHANICS) in {q.format(be="is", term="Gridlock") for q in heard}


def test_a_goal_opening_the_problem_is_asked_for_as_a_goal() -> None:
    """ "What problem, exactly?" was answered "Rather than targeting a particular
    application, their goal here is to provide a general, flexible framework …"."""
    b = briefing(planted(), "deep-dive")
    chapter = next(i for i, c in enumerate(b.outline.chapters) if chapter_kind(c.title) is PROBLEM)
    text = (
        "Rather than targeting a particular application, our goal here is to provide a general way "
        "to read long documents."
    )
    b.talk.say("skeptic", "The claim, if it holds: " + "it reads long documents fast. " * 8, 0)
    b.talk.say("explainer", "Welcome to the show.", 0)
    b.skeptic_reads([Sentence(text, text, "Introduction", 0.1, 97, "introduction")], chapter, None)
    asked, answer = (t.text for t in b.talk.turns[-2:])
    assert asked in host_lines()["question_aim"] and answer.endswith("read long documents.")


def test_the_lead_he_keeps_says_the_count_it_is() -> None:
    """ "What I'd remember: 566 against 2086 on Omniglot": epochs, or a score?"""
    line = TableLine("On Omniglot, RELAX needs 566 epochs, against 2086 for REBAR.", 0.7)
    assert _as_phrase(line) == "566 epochs against 2086 epochs on Omniglot"


def numbers_chapter(b: Briefing) -> int:
    return next(i for i, c in enumerate(b.outline.chapters) if chapter_kind(c.title) is NUMBERS)


def test_a_figure_the_problem_told_is_others_and_no_result_to_keep() -> None:
    """A held-out ECG episode's verdict was "What I'd remember: 100% in their.": a figure of
    earlier methods its problem chapter told ("approaching the accuracy of 100% in their
    predictions")."""
    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    problem = next(i for i, c in enumerate(b.outline.chapters) if chapter_kind(c.title) is PROBLEM)
    others = "Earlier detectors are effective, reaching an accuracy of 100% on long recordings."
    b.talk.say("explainer", others, problem, Sentence(others, others, "Intro", 0.1, 3, "results"))
    assert "100%" not in (verdict(b) or "")


def test_the_result_he_keeps_is_the_methods_not_a_rivals() -> None:
    """YOLO's skeptic kept "My pick: 71.8% map", the best Fast R-CNN model's score: a
    rival's figure is no strength of the method, and "mAP" was heard as the word "map"."""
    b = briefing(looks_claimed(HUMAN_STUDY), "deep-dive")
    found = numbers_chapter(b)
    rival = "The best Fast R-CNN model achieves a mAP of 71.8% on the street scenes."
    b.talk.say("explainer", rival, found, Sentence(rival, rival, "Results", 0.5, 98, "results"))
    assert "71.8%" not in (verdict(b) or "")
    ours = "Routed Block Attention achieves a mAP of 63.4% on the street scenes."
    b.talk.say("explainer", ours, found, Sentence(ours, ours, "Results", 0.5, 99, "results"))
    assert "63.4% mAP" in (verdict(b) or "")
    from paperdive.writing.table_lines import metric_of

    assert metric_of("Test Accuracy (%)") == "test accuracy"  # a word is said in lower case


def test_he_reads_a_method_line_only_while_he_still_asks_enough() -> None:
    """A held-out deep dive left him asking or pushing back in 69% of his turns, against
    the 70% eval holds him to: the writer let him read on down to 65%."""
    b = briefing(planted(), "deep-dive")
    long_turn = "They split the context into blocks and score each block against the query. " * 6
    for _ in range(8):
        b.talk.say("explainer", long_turn, 1)
        b.talk.say("skeptic", "And the gate?", 1)
    for _ in range(3):
        b.talk.say("explainer", long_turn, 1)
        b.talk.say("skeptic", "The blocks are of equal length.", 1)
    # one more reading would leave 8 of 12 (67%) of his turns asking
    assert not b.his_to_read(MECHANICS)
    for question in ("And the keys?", "And the values?"):  # 10 of 13 ask
        b.talk.say("explainer", long_turn, 1)
        b.talk.say("skeptic", question, 1)
    assert b.his_to_read(MECHANICS)  # a reading leaves 10 of 14 (71%)


def test_a_loss_is_no_number_to_keep_beside_an_accuracy() -> None:
    """A held-out violence-detection episode ended on "One number to keep: 0.033 against
    0.136 on Mix.", a cross-entropy loss, read beside its 99.32% accuracy."""
    b = briefing(looks_claimed(), "deep-dive")
    accuracy = TableLine(
        "On Mix, the accuracy of the router is 99.32%, against 96.58% for CNN.", 0.03
    )
    loss = TableLine("On Mix, the CE loss of the router is 0.033, against 0.136 for CNN.", 0.76)
    b.read_tables += [accuracy, loss]
    b.talk.say("explainer", f"{accuracy.text} {loss.text}", 1)
    assert table_lead(b) == "99.32% against 96.58% on Mix"
