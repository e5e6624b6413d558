"""The main job as a user runs it: the `paperdive` command, end to end, killed and resumed."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import podcastparser
import pytest
from cli_helpers import paperdive

FAST = ["--format", "brief", "--minutes", "2", "--voices", "fast"]


def episode_folder(library: Path) -> Path:
    (folder,) = (library / "episodes").iterdir()
    return folder


def test_help_lists_every_stage(tmp_path):
    result = paperdive("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("ingest", "script", "voice", "publish", "serve", "episode"):
        assert command in result.stdout


@pytest.mark.parametrize(
    "source, words",
    [
        ("missing.pdf", "missing.pdf"),
        ("9999.99999x", "arXiv"),
    ],
)
def test_bad_source_is_one_line_error_and_nonzero_exit(tmp_path, source, words):
    result = paperdive("ingest", source, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:") and words in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "paper.json").exists()


def test_broken_settings_file_is_one_line_error(tmp_path):
    (tmp_path / "paperdive.toml").write_text('llm = "extractive"\n[show\n')
    result = paperdive("episode", "--sample", cwd=tmp_path)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: paperdive.toml is not valid TOML")


def test_ingest_writes_paper_json(tmp_path):
    from paperdive.sample import sample_pdf

    result = paperdive("ingest", str(sample_pdf()), "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    paper = json.loads((tmp_path / "out" / "paper.json").read_text())
    assert paper["title"] and paper["sections"] and paper["numbers"]
    assert any(ref["arxiv_id"] for ref in paper["references"])


@pytest.mark.slow
def test_episode_from_sample_paper_then_killed_rerun_resumes(tmp_path):
    library = tmp_path / "show"
    cmd = [
        sys.executable,
        "-m",
        "paperdive.cli",
        "episode",
        "--sample",
        *FAST,
        "--out",
        str(library),
    ]
    run = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and run.poll() is None:
        clips = list(library.glob("episodes/*/clips/*"))
        if len(clips) >= 3:
            break
        time.sleep(0.2)
    assert run.poll() is None, "the run ended before it could be killed mid-voicing"
    run.send_signal(signal.SIGKILL)
    run.wait()

    folder = episode_folder(library)
    assert not (folder / "episode.mp3").exists()
    written = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.json")}
    # A clip is finished once its audio and its word timings are both stored; killed
    # between the two, it is voiced again.
    finished = [
        p
        for p in folder.glob("clips/*")
        if p.with_suffix(".flac").is_file() and p.with_suffix(".json").is_file()
    ]
    voiced = {p.name: p.stat().st_mtime_ns for p in finished}

    result = paperdive("episode", "--sample", *FAST, "--out", str(library), cwd=tmp_path)
    assert result.returncode == 0, result.stderr

    for name in ("paper.json", "notes.json", "outline.json", "script.json"):
        assert folder.joinpath(name).stat().st_mtime_ns == written[name], f"{name} was redone"
    for name, mtime in voiced.items():
        clip = folder / "clips" / name
        assert clip.stat().st_mtime_ns == mtime, f"clip {name} was synthesized again"

    mp3 = folder / "episode.mp3"
    page = library / "site" / "episodes" / folder.name / "index.html"
    assert str(mp3) in result.stdout and page.is_file()
    feed = podcastparser.parse("file://feed.xml", (library / "site" / "feed.xml").open("rb"))
    (item,) = feed["episodes"]
    assert item["enclosures"][0]["file_size"] == mp3.stat().st_size
    assert item["total_time"] > 60
    notes = json.loads((folder / "shownotes.json").read_text())
    assert all(ch["start"] is not None for ch in notes["chapters"])
    assert "{" not in notes["disclosure"]


@pytest.mark.slow
def test_an_edited_script_is_what_gets_voiced(tmp_path):
    library = tmp_path / "show"
    result = paperdive("episode", "--sample", *FAST, "--out", str(library), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = episode_folder(library)
    script_txt = folder / "script.txt"
    lines = script_txt.read_text().splitlines()
    host_line = next(i for i, line in enumerate(lines) if line.startswith("THEO:"))
    lines[host_line] = "THEO: Hold on, which machine did they measure on?"
    script_txt.write_text("\n".join(lines) + "\n")

    result = paperdive("episode", "--sample", *FAST, "--out", str(library), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    words = [w["word"] for w in json.loads((folder / "words.json").read_text())["words"]]
    assert "machine" in words and "measure" in words
