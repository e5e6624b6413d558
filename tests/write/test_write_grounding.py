"""Check and revise: numbers and names the paper does not contain are caught, then fixed or cut."""

from __future__ import annotations

from paperdive.models import Paper, Script, Turn
from paperdive.writing.check import PaperIndex, check_script
from paperdive.writing.revise import Window, revise_script

PLANTED = "On the retrieval suite it reached 97.3% accuracy."


def script_with(*lines: tuple[str, str]) -> Script:
    return Script(
        title="t",
        format="deep-dive",
        hosts={"explainer": "Nora", "skeptic": "Theo"},
        chapters=[{"title": "Results"}],
        turns=[Turn(host=host, text=text, chapter=0) for host, text in lines],
    )


def draft() -> Script:
    return script_with(
        ("skeptic", "What did they measure?"),
        ("explainer", f"Routed Block Attention reaches a retrieval accuracy of 94.1%. {PLANTED}"),
        ("skeptic", "And the speed?"),
        ("explainer", "At one million tokens the method is 6.5x faster than full attention."),
    )


def test_a_planted_wrong_number_is_flagged_with_the_rest_grounded(paper: Paper) -> None:
    review = check_script(draft(), [paper])
    by_text = {i.text: i for i in review.items if i.kind == "number"}
    assert by_text["97.3%"].status == "flagged"
    assert by_text["94.1%"].status == "grounded"
    assert "94.1%" in by_text["94.1%"].evidence and by_text["94.1%"].section == "Experiments"
    assert by_text["6.5x"].status == "grounded"


def test_an_invented_name_is_flagged(paper: Paper) -> None:
    script = script_with(("explainer", "It beats GPT-7 on every benchmark they tried."))
    review = check_script(script, [paper])
    assert [(i.text, i.status) for i in review.items] == [("GPT-7", "flagged")]


def test_revise_cuts_the_unsupported_sentence_and_keeps_the_rest(paper: Paper) -> None:
    script, review = revise_script(
        draft(), check_script(draft(), [paper]), target_words=1000, index=PaperIndex([paper])
    )
    text = " ".join(t.text for t in script.turns)
    assert "97.3" not in text and "94.1%" in text and "6.5x" in text
    assert [i.status for i in review.items if i.text == "97.3%"] == ["cut"]


def test_revise_keeps_a_rewrite_only_when_it_is_grounded(paper: Paper) -> None:
    def rewrite(script: Script, windows: list[Window]) -> dict[int, str]:
        assert [p.text for w in windows for p in w.problems] == ["97.3%"]
        return {
            1: "Routed Block Attention reaches a retrieval accuracy of 94.1%. "
            "On the retrieval suite it stayed close to full attention."
        }

    script, review = revise_script(
        draft(),
        check_script(draft(), [paper]),
        target_words=1000,
        index=PaperIndex([paper]),
        rewrite=rewrite,
    )
    assert "stayed close to full attention" in script.turns[1].text
    assert [i.status for i in review.items if i.text == "97.3%"] == ["revised"]

    script, review = revise_script(
        draft(),
        check_script(draft(), [paper]),
        target_words=1000,
        index=PaperIndex([paper]),
        rewrite=lambda script, windows: {1: "It reached 99.9% instead."},
    )
    assert "99.9" not in " ".join(t.text for t in script.turns)
    assert [i.status for i in review.items if i.text == "97.3%"] == ["cut"]
    assert [i.status for i in review.items if i.text == "99.9%"] == ["cut"]


def test_a_question_whose_answer_was_cut_goes_too(paper: Paper) -> None:
    script = script_with(
        ("explainer", "Routed Block Attention reaches a retrieval accuracy of 94.1%."),
        ("skeptic", "What about training cost?"),
        ("explainer", "Training was 12.5x cheaper."),
    )
    revised, _ = revise_script(
        script, check_script(script, [paper]), target_words=1000, index=PaperIndex([paper])
    )
    assert [t.text for t in revised.turns] == [script.turns[0].text]


def test_repeated_sentences_and_runs_are_cut(paper: Paper) -> None:
    line = "The query then attends to the tokens of the selected blocks."
    script = script_with(
        ("explainer", line),
        ("skeptic", "Say that again?"),
        ("explainer", f"Sure. {line} Indeed the query then attends to the tokens of the blocks."),
    )
    review = check_script(script, [paper])
    assert [(i.kind, i.turn) for i in review.items] == [("repetition", 2), ("repetition", 2)]
    assert {i.note for i in review.items} == {
        "repeats an earlier sentence",
        "repeats an earlier run of 8 words",
    }
    revised, _ = revise_script(script, review, target_words=1000, index=PaperIndex([paper]))
    assert [t.text for t in revised.turns] == [line, "Say that again?", "Sure."]


def test_revise_trims_an_overlong_script_to_within_ten_percent(paper: Paper) -> None:
    turns = [("skeptic", "Opening question here?"), ("explainer", "Opening answer.")]
    for n in range(30):
        turns += [("skeptic", f"Question number {n}?"), ("explainer", "word " * 20)]
    script = script_with(*turns)
    script.chapters.append(script.chapters[0])
    for turn in script.turns[2:]:
        turn.chapter = 1
    revised, _ = revise_script(
        script, check_script(script, [paper]), target_words=300, index=PaperIndex([paper])
    )
    assert revised.word_count() <= 330


def test_review_turns_point_into_the_revised_script(paper: Paper) -> None:
    script = script_with(
        ("skeptic", "What did they measure?"),
        ("explainer", "Routed Block Attention reaches a retrieval accuracy of 94.1%."),
        ("skeptic", PLANTED),  # cut whole, so the explainer's two lines become one turn
        ("explainer", "At one million tokens the method is 6.5x faster than full attention."),
    )
    revised, review = revise_script(
        script, check_script(script, [paper]), target_words=1000, index=PaperIndex([paper])
    )
    assert len(revised.turns) == 2
    turn_of = {i.text: i.turn for i in review.items}
    assert turn_of == {"94.1%": 1, "97.3%": 1, "6.5x": 1, "one million": 1}
    assert all(i.text in revised.turns[i.turn].text for i in review.items if i.status != "cut")


def test_a_figure_whose_line_was_cut_for_length_is_not_left_grounded(paper: Paper) -> None:
    turns = [("skeptic", "Opening question here?"), ("explainer", "Opening answer.")]
    for n in range(20):
        filler = " ".join(f"w{n}v{k}" for k in range(20))  # twenty words said once
        turns += [("skeptic", "And then?"), ("explainer", f"{filler}.")]
    turns += [("skeptic", "What did they measure?")]
    turns += [("explainer", "Routed Block Attention reaches a retrieval accuracy of 94.1%.")]
    turns += [("skeptic", "And to close?"), ("explainer", "That is all.")]
    script = script_with(*turns)
    script.chapters += [script.chapters[0], script.chapters[0]]
    for turn in script.turns[2:]:
        turn.chapter = 1
    script.turns[-2].chapter = script.turns[-1].chapter = 2
    revised, review = revise_script(
        script, check_script(script, [paper]), target_words=100, index=PaperIndex([paper])
    )
    assert "94.1%" not in " ".join(t.text for t in revised.turns)
    (item,) = [i for i in review.items if i.text == "94.1%"]
    assert (item.status, item.note) == ("cut", "left out for length")


def test_a_question_whose_answer_was_cut_as_a_repeat_goes_and_the_rest_stays(
    paper: Paper,
) -> None:
    """A digest's cold open says the lead finding; where the body says it again it is cut,
    and "Better than what?" would be answered by the next line instead, about something
    else: the question goes, the line after the repeat stays."""
    finding = "At one million tokens the method is 6.5x faster than full attention."
    proposal = "The authors present Routed Block Attention for long documents."
    script = script_with(
        ("explainer", finding),
        ("skeptic", "Next paper. Better than what, exactly?"),
        ("explainer", f"{finding} {proposal}"),
    )
    revised, _ = revise_script(
        script, check_script(script, [paper]), target_words=1000, index=PaperIndex([paper])
    )
    assert [t.text for t in revised.turns] == [finding, "Next paper.", proposal]
