"""A finished episode is what listeners have: an upgrade of paperdive never rebuilds it.

Running the same command again after the writer, the reader or the mixer changed (their
versions bumped here) keeps a voiced or published episode's paper, script, MP3 and GUID,
and says so in one line with the way to rebuild it; only `--from STAGE` (or `voice --again`)
or a change the user made (an edit of script.txt) redoes anything. An episode stopped
before voicing picks up the new code. The commands run in-process with a scripted voice
engine, so the versions can be bumped the way an upgrade would; one episode is voiced
for the module and copied for each test.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import feedparser
import pytest
from faults import FAKE_SETTINGS
from typer.testing import CliRunner

from paperdive import ingestion, tts
from paperdive.audio import voice as audio_voice
from paperdive.cli import app
from paperdive.sample import sample_pdf
from paperdive.writing import pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "voice"))
from voice_fakes import FakeEngine  # noqa: E402

BRIEF = ["-f", "brief", "-m", "1"]
FOLDER = Path("show/episodes/paper-brief-1min")


@contextmanager
def scripted_voices(folder: Path) -> Iterator[None]:
    """Run in `folder` with the fake engine in place of the real ones."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(tts.ENGINES, "fake", FakeEngine)
        patch.chdir(folder)
        tts.get_engine.cache_clear()
        try:
            yield
        finally:
            tts.get_engine.cache_clear()


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """`PAPER -f brief -m 1`, the paper outside every working folder (copies still find it)."""
    paper = tmp_path_factory.mktemp("paper") / "paper.pdf"
    shutil.copy(sample_pdf(), paper)
    return [str(paper), *BRIEF]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, brief: list[str]) -> Path:
    """A working folder whose show holds the brief, voiced and published."""
    root = tmp_path_factory.mktemp("published")
    (root / "paperdive.toml").write_text(FAKE_SETTINGS)
    with scripted_voices(root):
        assert not kept_lines(paperdive("episode", *brief))
    return root


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Path]:
    """An empty working folder with settings for scripted voices."""
    (tmp_path / "paperdive.toml").write_text(FAKE_SETTINGS)
    with scripted_voices(tmp_path):
        yield tmp_path


@pytest.fixture
def show(published: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the published show to work in."""
    root = tmp_path / "work"
    shutil.copytree(published, root, symlinks=True)
    with scripted_voices(root):
        yield root


def paperdive(*args: str) -> list[str]:
    """Run `paperdive ARGS` as the CLI would; its stdout, line by line."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def upgrade(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new release of paperdive looks like to an episode made by the old one."""
    monkeypatch.setattr(pipeline, "WRITER_VERSION", pipeline.WRITER_VERSION + 1)
    monkeypatch.setattr(audio_voice, "MIX_FORMAT", audio_voice.MIX_FORMAT + 1)
    monkeypatch.setattr(ingestion, "INGEST_VERSION", 1000)


def state(root: Path) -> dict[str, object]:
    """What a listener or the user could tell apart: the files' bytes, the MP3's mtime, the
    feed's GUIDs."""
    folder = root / FOLDER
    feed = feedparser.parse((root / "show" / "site" / "feed.xml").read_bytes())
    return {
        "files": {
            name: (folder / name).read_bytes()
            for name in ("paper.json", "script.json", "script.txt", "episode.mp3")
        },
        "mp3_mtime": (folder / "episode.mp3").stat().st_mtime_ns,
        "guids": [entry.guid for entry in feed.entries],
    }


def kept_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if "is already" in line]


def test_an_upgrade_never_rebuilds_a_finished_episode(
    show: Path, brief: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = state(show)
    assert json.loads((show / FOLDER / "episode.json").read_text())["status"] == "published"
    upgrade(monkeypatch)

    (line,) = kept_lines(paperdive("episode", *brief))
    assert line.startswith("paper-brief-1min is already published: its MP3")
    assert "--from voice" in line and "--from notes" in line and "--from ingest" in line
    (line,) = kept_lines(paperdive("script", *brief))
    assert "--from notes" in line
    (line,) = kept_lines(paperdive("voice", str(FOLDER)))
    assert "--again" in line
    paperdive("publish")
    assert state(show) == before


def test_from_stage_rebuilds_a_finished_episode_with_the_new_code(
    show: Path, brief: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = state(show)
    ledger = json.loads((show / FOLDER / "stages.json").read_text())
    upgrade(monkeypatch)

    assert not kept_lines(paperdive("episode", *brief, "--from", "notes"))
    after = state(show)
    assert json.loads((show / FOLDER / "stages.json").read_text())["draft"] != ledger["draft"]
    assert after["mp3_mtime"] != before["mp3_mtime"]  # mixed and encoded by the new mixer
    assert after["guids"] == before["guids"]  # the same episode, rebuilt in place
    assert json.loads((show / FOLDER / "episode.json").read_text())["status"] == "published"

    assert not kept_lines(paperdive("voice", str(FOLDER), "--again"))
    assert state(show)["mp3_mtime"] != after["mp3_mtime"]


def test_an_unfinished_episode_picks_up_the_new_writer(
    fresh: Path, brief: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    show = fresh
    paperdive("script", *brief)  # stopped before voicing
    ledger = json.loads((show / FOLDER / "stages.json").read_text())
    upgrade(monkeypatch)

    assert not kept_lines(paperdive("episode", *brief))
    rebuilt = json.loads((show / FOLDER / "stages.json").read_text())
    for stage in pipeline.STAGES:
        assert rebuilt[stage] != ledger[stage], stage
    assert rebuilt["paper"] != ledger["paper"]  # read again by the new reader
    assert json.loads((show / FOLDER / "episode.json").read_text())["status"] == "published"


def test_an_edit_of_a_finished_episodes_script_is_voiced(show: Path, brief: list[str]) -> None:
    before = state(show)
    text = (show / FOLDER / "script.txt").read_text()
    first_line = next(line for line in text.splitlines() if line.startswith("NORA:"))
    edited = text.replace(first_line, first_line + " And one thing more.", 1)
    (show / FOLDER / "script.txt").write_text(edited)

    assert not kept_lines(paperdive("episode", *brief))
    after = state(show)
    assert after["files"]["episode.mp3"] != before["files"]["episode.mp3"]  # type: ignore[index]
    assert after["guids"] == before["guids"]
    (line,) = kept_lines(paperdive("episode", *brief))  # once is enough
    assert state(show) == after


def test_an_episode_voiced_by_an_older_paperdive_is_kept_too(
    show: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger_file = show / FOLDER / "stages.json"
    ledger = json.loads(ledger_file.read_text())
    del ledger["voice.request"]  # older releases did not record what the audio was asked to be
    ledger_file.write_text(json.dumps(ledger))
    before = state(show)
    upgrade(monkeypatch)

    (line,) = kept_lines(paperdive("voice", str(FOLDER)))
    assert state(show) == before
    assert "voice.request" in json.loads(ledger_file.read_text())


def test_every_writing_stage_can_be_rebuilt_with_from() -> None:
    from paperdive.episode import WRITING_STAGES
    from paperdive.writing.pipeline import STAGES

    assert WRITING_STAGES == STAGES  # the CLI lists them without importing the writer
