"""Stage caching: a finished stage is not rebuilt; from_stage and changed inputs re-run stages."""

from __future__ import annotations

import pytest
from write_helpers import FakeLLM

from paperdive.errors import WriteError
from paperdive.models import Paper
from paperdive.store import EpisodeDir
from paperdive.writing import pipeline as pipeline_module
from paperdive.writing import write_script


def test_a_second_run_rebuilds_nothing(paper: Paper, episode: EpisodeDir) -> None:
    fake = FakeLLM(paper)
    first = write_script([paper], episode, llm="openai:fake", client=fake)
    calls = sum(fake.calls.values())
    second = write_script([paper], episode, llm="openai:fake", client=fake)
    assert sum(fake.calls.values()) == calls
    assert second.script == first.script


def test_from_stage_reruns_that_stage_and_those_after(paper: Paper, episode: EpisodeDir) -> None:
    fake = FakeLLM(paper, flags=[(2, "the authors", "overstated")])
    write_script([paper], episode, llm="openai:fake", client=fake)
    fake.calls.clear()
    write_script([paper], episode, llm="openai:fake", client=fake, from_stage="review")
    assert set(fake.calls) == {"critic", "revise", "shownotes"}


def test_a_new_target_length_replans_but_keeps_the_notes(paper: Paper, episode: EpisodeDir) -> None:
    fake = FakeLLM(paper)
    write_script([paper], episode, llm="openai:fake", client=fake, minutes=10)
    fake.calls.clear()
    write_script([paper], episode, llm="openai:fake", client=fake, minutes=12)
    assert "notes" not in fake.calls and fake.calls["plan"] == 1


def test_a_run_killed_mid_stage_resumes_there(
    paper: Paper, episode: EpisodeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline_module, "check_script", killed)
    with pytest.raises(KeyboardInterrupt):
        write_script([paper], episode, minutes=3)
    assert episode.has("draft") and not episode.has("review")
    draft_written = episode.file("draft.json").stat().st_mtime_ns
    monkeypatch.undo()
    write_script([paper], episode, minutes=3)
    assert episode.file("draft.json").stat().st_mtime_ns == draft_written
    assert episode.has("shownotes")


def test_an_unknown_stage_is_refused(paper: Paper, episode: EpisodeDir) -> None:
    with pytest.raises(WriteError, match="unknown stage 'voice'"):
        write_script([paper], episode, from_stage="voice")
