"""paperdive eval: each measured quality passes on a clean episode and fails on a planted fault."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from paperdive.evaluate import (
    Check,
    EpisodeReport,
    EvaluationError,
    edit_distance,
    evaluate,
    render_report,
    word_errors,
)
from paperdive.models import EpisodeAudio, Paper, Script, ShowNotes
from paperdive.store import EpisodeDir

EditTurn = Callable[[int, str], None]


def failed_names(report: EpisodeReport) -> set[str]:
    return {check.name for check in report.failed()}


def check_named(report: EpisodeReport, name: str) -> Check:
    return next(check for check in report.checks if check.name == name)


def test_clean_episode_passes_every_check_and_saves_the_report(episode: EpisodeDir):
    report = evaluate(episode)

    assert report.failed() == []
    skipped = {c.name for c in report.checks if c.passed is None}
    assert skipped == {"boilerplate shared with other episodes"}  # no other episodes here
    assert {c.area for c in report.checks} >= {
        "grounding", "review", "repetition", "reading list", "balance", "show notes", "audio"
    }  # fmt: skip
    assert episode.load("eval", EpisodeReport) == report


def test_numbers_match_the_paper_whatever_their_formatting(episode: EpisodeDir):
    # The paper writes "1,024" and "85%"; the script says "1024" and "85 percent".
    check = check_named(evaluate(episode), "numbers in the paper")

    assert check.passed
    assert check.result == "5/5 (100%)"  # 3.3x, 1024, 85 percent, 64, 1.4x


def test_a_planted_number_fails_grounding(episode: EpisodeDir, edit_turn: EditTurn):
    edit_turn(3, "But at batch size 64 the speedup shrinks to 2.7x, as I expected.")

    report = evaluate(episode)

    assert failed_names(report) == {"numbers in the paper"}
    assert check_named(report, "numbers in the paper").problems == ["turn 4: 2.7x"]


@pytest.mark.parametrize(
    ("said", "grounded"),
    [
        ("a 1.4 times speedup", True),
        ("a 1.4x speedup", True),
        ("1.4 ms per token", False),  # the paper's 1.4 is a speedup, not a latency
        ("1.4 seconds per token", False),
        ("85% of drafts", True),
        ("0.85 of drafts", False),
    ],
)
def test_a_number_grounds_only_in_a_matching_unit(
    episode: EpisodeDir, edit_turn: EditTurn, said: str, grounded: bool
):
    edit_turn(3, f"At batch size 64 it is only {said}, which I expected.")

    assert check_named(evaluate(episode), "numbers in the paper").passed is grounded


def test_a_digest_is_grounded_in_all_of_its_papers(episode: EpisodeDir, edit_turn: EditTurn):
    paper = episode.load("paper", Paper)
    episode.file("paper.json").unlink()
    episode.save("paper-01", paper)
    episode.save("paper-02", paper.model_copy(update={"abstract": "Latency fell by 2.7x."}))
    edit_turn(3, "But at batch size 64 the speedup shrinks to 2.7x, as I expected.")

    check = check_named(evaluate(episode), "numbers in the paper")

    assert check.passed, check.problems  # 2.7x is stated only by the second paper


def test_a_planted_model_name_fails_grounding(episode: EpisodeDir, edit_turn: EditTurn):
    edit_turn(1, "Unlike GPT-9 or EAGLE-30, the large model reads every token. How much faster?")

    report = evaluate(episode)

    assert failed_names(report) == {"named results in the paper"}
    assert check_named(report, "named results in the paper").problems == [
        "turn 2: GPT-9",
        "turn 2: EAGLE-30",  # the paper names EAGLE-3, which is another model
    ]


def test_names_match_whatever_their_case_or_hyphens(episode: EpisodeDir, edit_turn: EditTurn):
    edit_turn(1, "So how much faster are the Eagle-3 numbers on MT-bench?")

    check = check_named(evaluate(episode), "named results in the paper")

    assert check.passed
    assert check.result == "4/4 (100%)"  # as written here and in turn 3


def test_a_repeated_sentence_fails_repetition(episode: EpisodeDir, edit_turn: EditTurn):
    edit_turn(
        3,
        "Fine, I doubt it. A small draft model proposes tokens and the large model checks them.",
    )

    report = evaluate(episode)

    assert failed_names(report) == {"repeated sentences", "repeated 8-word runs"}
    assert check_named(report, "repeated sentences").problems == [
        "turns 1, 4: a small draft model proposes tokens and the large model checks them"
    ]


def test_a_repeated_run_of_eight_words_fails_inside_different_sentences(
    episode: EpisodeDir, edit_turn: EditTurn
):
    edit_turn(1, "I see: the large model checks them one by one, after the draft. How much faster?")
    edit_turn(3, "But the large model checks them one by one. At batch size 64 it falls to 1.4x.")

    report = evaluate(episode)

    assert failed_names(report) == {"repeated 8-word runs"}


def test_a_short_reply_may_recur(episode: EpisodeDir, edit_turn: EditTurn):
    edit_turn(1, "Go on then. So the large model still reads every token?")
    edit_turn(3, "Go on then. At batch size 64 that speedup shrinks to 1.4x, I expect.")

    assert "repeated sentences" not in failed_names(evaluate(episode))


@pytest.mark.parametrize(
    ("index", "url", "problem"),
    [
        (9, "https://arxiv.org/abs/2211.17192", "not in the bibliography"),
        (1, "https://example.org/made-up", "is not its link"),
        (3, "https://example.org/unlinked", "is not its link"),
    ],
)
def test_a_reading_outside_the_bibliography_fails(
    episode: EpisodeDir, index: int, url: str, problem: str
):
    notes = episode.load("shownotes", ShowNotes)
    extra = notes.readings[0].model_copy(update={"reference_index": index, "url": url})
    episode.save("shownotes", notes.model_copy(update={"readings": [*notes.readings, extra]}))

    report = evaluate(episode)

    assert failed_names(report) == {"readings from the bibliography"}
    check = check_named(report, "readings from the bibliography")
    assert check.result == "1/2 (50%)"
    assert problem in check.problems[0]


def test_a_host_who_hardly_speaks_fails_balance(episode: EpisodeDir, edit_turn: EditTurn):
    edit_turn(1, "Go on.")
    edit_turn(3, "Right.")

    assert "words per host" in failed_names(evaluate(episode))


def test_incomplete_show_notes_fail(episode: EpisodeDir):
    notes = episode.load("shownotes", ShowNotes)
    chapters = [notes.chapters[0].model_copy(update={"start": None}), notes.chapters[1]]
    episode.save(
        "shownotes",
        notes.model_copy(update={"takeaways": notes.takeaways[:2], "chapters": chapters}),
    )

    check = check_named(evaluate(episode), "show notes complete")

    assert not check.passed
    assert check.problems == ["2 takeaways", "chapter 'The idea' has no start time"]


def test_a_too_loud_mp3_fails_loudness(episode: EpisodeDir, mp3_writer: Callable[..., None]):
    audio = episode.load("audio", EpisodeAudio)
    mp3_writer(episode.file("episode.mp3"), audio.duration, -13.0)

    report = evaluate(episode)

    check = check_named(report, "loudness (mono)")
    assert not check.passed
    assert -14.0 < float(check.result.split()[0]) < -12.0


def test_peaks_at_full_scale_fail_true_peak(episode: EpisodeDir, mp3_writer: Callable[..., None]):
    audio = episode.load("audio", EpisodeAudio)
    mp3_writer(episode.file("episode.mp3"), audio.duration, -19.0, clip_peaks=True)

    report = evaluate(episode)

    assert "true peak (4x oversampled)" in failed_names(report)
    assert "loudness (mono)" not in failed_names(report)


def test_word_timings_that_go_back_or_overrun_fail(episode: EpisodeDir):
    path = episode.file("words.json")
    timings = json.loads(path.read_text())
    timings["words"][3]["start"] = 0.0
    timings["words"][-1]["end"] = 10_000.0
    path.write_text(json.dumps(timings))

    check = check_named(evaluate(episode), "word timings")

    assert not check.passed
    assert check.problems == [
        "word 4 'idea.' at 0.00 s goes back in time",
        "word 65 'expected.' ends at 10000.00 s, after the audio",
    ]


def test_timings_of_an_older_script_fail(episode: EpisodeDir):
    script = episode.load("script", Script)
    episode.save("script", script.model_copy(update={"turns": script.turns[:-1]}))

    check = check_named(evaluate(episode), "word timings")

    assert check.problems == ["65 timed words for 50 script words"]


def test_chapters_out_of_order_fail(episode: EpisodeDir):
    audio = episode.load("audio", EpisodeAudio)
    late = audio.chapters[1].model_copy(update={"start": 0.0})
    episode.save("audio", audio.model_copy(update={"chapters": [audio.chapters[0], late]}))

    assert "chapters" in failed_names(evaluate(episode))


def test_an_unvoiced_episode_skips_the_audio_checks(episode: EpisodeDir):
    episode.file("audio.json").unlink()

    report = evaluate(episode)

    assert report.failed() == []
    assert not any(check.area == "audio" for check in report.checks)


def test_a_folder_without_a_script_is_a_one_line_error(episode: EpisodeDir):
    episode.file("script.json").unlink()

    with pytest.raises(EvaluationError, match=r"no script\.json in .*: run the writing stage"):
        evaluate(episode)


def test_a_corrupt_artifact_is_a_one_line_error(episode: EpisodeDir):
    episode.file("review.json").write_text("{not json")

    with pytest.raises(EvaluationError, match=r"review\.json is not readable") as raised:
        evaluate(episode)
    assert "\n" not in str(raised.value)


def test_the_report_renders_every_check_with_its_verdict(episode: EpisodeDir, edit_turn: EditTurn):
    edit_turn(3, "But at batch size 64 the speedup shrinks to 2.7x, as I expected.")
    report = evaluate(episode)
    console = Console(width=200, record=True)

    console.print(render_report(report))

    text = console.export_text()
    assert text.count("FAIL") == 1
    assert text.count("pass") == sum(bool(c.passed) for c in report.checks)
    assert "turn 4: 2.7x" in text


def test_quoted_text_is_shown_as_written_not_as_markup(episode: EpisodeDir):
    notes = episode.load("shownotes", ShowNotes)
    sneaky = notes.readings[0].model_copy(
        update={"title": "[bold]Sneaky[/bold]", "reference_index": 7}
    )
    episode.save("shownotes", notes.model_copy(update={"readings": [sneaky]}))
    console = Console(width=200, record=True)

    console.print(render_report(evaluate(episode)))

    assert "[7] [bold]Sneaky[/bold]: not in the bibliography" in console.export_text()


@pytest.mark.parametrize(
    ("written", "heard"),
    [
        ("A 3.3x speedup on 1,024 GPUs.", "a three point three times speed-up on 1024 GPUs"),
        ("It summarises the set-up.", "it summarizes the setup"),
        ("EAGLE-3 on MT-Bench", "Eagle 3 on MT bench"),
    ],
)
def test_spoken_and_written_forms_compare_equal(written: str, heard: str):
    assert word_errors(written, heard)[0] == 0


def test_misheard_words_count_as_errors():
    assert word_errors("A small draft model proposes tokens.", "a small graph model proposes") == (
        2,
        6,
    )


def test_word_error_counts_substitutions_deletions_and_insertions():
    reference = ["the", "draft", "model", "proposes", "tokens"]

    assert edit_distance(reference, reference) == 0
    assert edit_distance(reference, ["the", "drift", "model", "proposes"]) == 2
    heard = ["so", "the", "draft", "model", "proposes", "tokens", "now"]
    assert edit_distance(reference, heard) == 2


ASR_CHECK = "Whisper word error (5 turns at most)"


@pytest.mark.slow
def test_whisper_hears_what_the_script_says(piper_episode: Path, tmp_path: Path):
    episode = EpisodeDir(shutil.copytree(piper_episode, tmp_path / "ep"))

    check = check_named(evaluate(episode, asr=True), ASR_CHECK)

    assert "over 4 turns" in check.result
    assert float(check.result.split("%")[0]) < 20  # tiny.en mishears a name or two


@pytest.mark.slow
def test_whisper_notices_audio_that_says_something_else(piper_episode: Path, tmp_path: Path):
    episode = EpisodeDir(shutil.copytree(piper_episode, tmp_path / "ep"))
    script = episode.load("script", Script)
    turns = [
        turn.model_copy(update={"text": other.text})
        for turn, other in zip(script.turns, script.turns[::-1], strict=True)
    ]
    episode.save("script", script.model_copy(update={"turns": turns}))

    check = check_named(evaluate(episode, asr=True), ASR_CHECK)

    assert check.passed is False
    assert float(check.result.split("%")[0]) > 50
