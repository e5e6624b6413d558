"""script.txt: the user edits a line, current_script returns the edit with checks re-run."""

from __future__ import annotations

import pytest

from paperdive.errors import WriteError
from paperdive.models import Paper, Review, Script, ShowNotes
from paperdive.store import EpisodeDir
from paperdive.writing import current_script, write_script
from paperdive.writing.script_text import parse, render


def test_render_then_parse_gives_back_the_script(paper: Paper, episode: EpisodeDir) -> None:
    script = write_script([paper], episode, minutes=3).script
    assert parse(render(script), script) == script


def test_an_unedited_script_is_returned_as_saved(paper: Paper, episode: EpisodeDir) -> None:
    written = write_script([paper], episode, minutes=3)
    script, review = current_script(episode, [paper])
    assert script == written.script and review == written.review


def test_an_edited_line_is_used_and_checked(paper: Paper, episode: EpisodeDir) -> None:
    write_script([paper], episode, minutes=3)
    path = episode.file("script.txt")
    lines = path.read_text().splitlines()
    first_theo = next(i for i, line in enumerate(lines) if line.startswith("THEO: "))
    lines[first_theo] = "THEO: I heard it was 42.5% cheaper, is that right?"
    path.write_text("\n".join(lines))

    script, review = current_script(episode, [paper])
    assert any(t.text == "I heard it was 42.5% cheaper, is that right?" for t in script.turns)
    assert [(i.text, i.status) for i in review.items if i.text == "42.5%"] == [("42.5%", "flagged")]
    assert episode.load("script", Script) == script
    assert episode.load("review", Review) == review
    assert current_script(episode, [paper]) == (script, review)  # no second re-check needed


def test_a_renamed_chapter_reaches_the_show_notes(paper: Paper, episode: EpisodeDir) -> None:
    write_script([paper], episode, minutes=3)
    path = episode.file("script.txt")
    path.write_text(path.read_text().replace("## 1. Cold open", "## 1. Start here"))
    script, _ = current_script(episode, [paper])
    assert script.chapters[0].title == "Start here"
    assert episode.load("shownotes", ShowNotes).chapters[0].title == "Start here"


def test_a_heading_left_without_lines_is_dropped(paper: Paper, episode: EpisodeDir) -> None:
    script = write_script([paper], episode, minutes=3).script
    edited = parse("# T\n## 1. Empty\n## 2. Full\nNORA: Hello there.\nTHEO: Hi.\n", script)
    assert [c.title for c in edited.chapters] == ["Full"]
    assert [(t.host, t.chapter) for t in edited.turns] == [("explainer", 0), ("skeptic", 0)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# T\nNORA: before any chapter\n", "line 2: a line comes before any"),
        ("# T\n## 1. One\nNORA: fine\nBOB: who is this?\n", "line 4: unknown host 'BOB'"),
        ("# T\n## 1. One\n", "no lines to speak"),
    ],
)
def test_a_malformed_edit_names_the_line(
    paper: Paper, episode: EpisodeDir, text: str, message: str
) -> None:
    write_script([paper], episode, minutes=3)
    episode.file("script.txt").write_text(text)
    with pytest.raises(WriteError, match=message):
        current_script(episode, [paper])


def test_current_script_before_writing_is_an_error(paper: Paper, episode: EpisodeDir) -> None:
    with pytest.raises(WriteError, match="run the writing stage first"):
        current_script(episode, [paper])


def test_rerunning_the_writer_keeps_the_users_edit(paper: Paper, episode: EpisodeDir) -> None:
    write_script([paper], episode, minutes=3)
    path = episode.file("script.txt")
    edited = path.read_text().replace("## 1. Cold open", "## 1. Start here")
    path.write_text(edited)
    write_script([paper], episode, minutes=3)
    assert path.read_text() == edited
    script, _ = current_script(episode, [paper])
    assert script.chapters[0].title == "Start here"
    write_script([paper], episode, minutes=3)  # picks up the accepted edit from script.json
    assert write_script([paper], episode, minutes=3).script == script


def test_a_rewrite_keeps_the_users_edit_aside(
    paper: Paper, episode: EpisodeDir, caplog: pytest.LogCaptureFixture
) -> None:
    # A brief's script follows the length asked for, so another length rewrites it.
    write_script([paper], episode, format="brief", minutes=1)
    path = episode.file("script.txt")
    edited = path.read_text().replace("## 1. Cold open", "## 1. Start here")
    path.write_text(edited)
    write_script([paper], episode, format="brief", minutes=2)
    assert "## 1. Cold open" in path.read_text()
    assert episode.file("script.txt.orig").read_text() == edited
    assert "script.txt.orig" in caplog.text


def test_earlier_kept_edits_are_not_replaced(paper: Paper, episode: EpisodeDir) -> None:
    write_script([paper], episode, format="brief", minutes=1)
    path = episode.file("script.txt")
    edits = []
    for minutes in (2, 3):
        edits.append(path.read_text().replace("## 1. Cold open", f"## 1. Edit {minutes}"))
        path.write_text(edits[-1])
        write_script([paper], episode, format="brief", minutes=minutes)
    kept = [episode.file(n).read_text() for n in ("script.txt.orig", "script.txt.orig.1")]
    assert kept == edits


def test_an_accepted_edit_is_kept_when_the_script_is_rebuilt(
    paper: Paper, episode: EpisodeDir
) -> None:
    write_script([paper], episode, minutes=3)
    path = episode.file("script.txt")
    edited = path.read_text().replace("## 1. Cold open", "## 1. Start here")
    path.write_text(edited)
    current_script(episode, [paper])
    write_script([paper], episode, minutes=4)
    assert episode.file("script.txt.orig").read_text() == edited


def test_an_unedited_script_is_replaced_without_a_copy(paper: Paper, episode: EpisodeDir) -> None:
    write_script([paper], episode, minutes=3)
    write_script([paper], episode, minutes=4)
    assert not episode.file("script.txt.orig").exists()
