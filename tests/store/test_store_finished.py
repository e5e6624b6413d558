"""A finished episode's audio.json is read once for all the stages of a run, and again
only when another run has voiced the episode meanwhile."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from paperdive.episode import Opened
from paperdive.library import Library
from paperdive.models import EpisodeAudio, EpisodeInfo
from paperdive.store import EpisodeDir


def audio(mp3: str = "episode.mp3", seconds: float = 60.0) -> EpisodeAudio:
    return EpisodeAudio(
        mp3=mp3,
        duration=seconds,
        bytes=1,
        sample_rate=24000,
        channels=1,
        loudness_lufs=-16.0,
        true_peak_dbtp=-1.0,
        chapters=[],
        engine="fake",
        voices={"explainer": "a", "skeptic": "b"},
    )


@pytest.fixture
def opened(tmp_path: Path) -> Opened:
    library = Library(tmp_path / "show")
    info = EpisodeInfo(
        slug="ep",
        kind="deep-dive",
        format="deep-dive",
        sources=["x"],
        created=datetime(2026, 1, 1, tzinfo=UTC),
        status="published",
    )
    library.create(info)
    episode = library.dir("ep")
    episode.save("audio", audio())
    episode.file("episode.mp3").write_bytes(b"mp3")
    return Opened(library, info, episode)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the artifacts loaded from an episode folder, in order."""
    seen: list[str] = []
    load = EpisodeDir.load

    def counted(self: EpisodeDir, name: str, model: type[EpisodeAudio]) -> EpisodeAudio:
        seen.append(name)
        return load(self, name, model)

    monkeypatch.setattr(EpisodeDir, "load", counted)
    return seen


def test_a_finished_episodes_audio_is_read_once(opened: Opened, loads: list[str]) -> None:
    assert opened.finished and opened.finished and opened.finished
    assert opened.finished_audio == audio()
    assert loads == ["audio"]


def test_audio_voiced_by_another_run_is_read_again(opened: Opened, loads: list[str]) -> None:
    assert opened.finished_audio == audio()
    opened.episode.save("audio", audio(seconds=90.0))
    assert opened.finished_audio == audio(seconds=90.0)
    assert loads == ["audio", "audio"]


def test_an_episode_is_finished_only_voiced_with_its_mp3(opened: Opened) -> None:
    opened.episode.file("episode.mp3").unlink()
    assert not opened.finished
    opened.episode.file("episode.mp3").write_bytes(b"mp3")
    opened.info = opened.info.model_copy(update={"status": "scripted"})
    assert not opened.finished
    opened.info = opened.info.model_copy(update={"status": "voiced"})
    assert opened.finished
    opened.episode.file("audio.json").write_text("{not json")
    assert not opened.finished
