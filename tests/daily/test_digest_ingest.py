"""A digest's papers are read at once; one that fails is left out and named, the rest go on.
Real PDFs (rendered by the sample builder) through the real CLI, and a slow fake reader."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from digest_helpers import (
    AGENT_ABSTRACT,
    AGENT_SECTIONS,
    CACHE_ABSTRACT,
    CACHE_SECTIONS,
    paper_pdf,
)

from paperdive import ingestion
from paperdive.config import Settings
from paperdive.episode import ingest_stage, open_episode
from paperdive.errors import IngestError
from paperdive.models import Paper

READ_S = 0.4


class SlowReader:
    """ingest() stand-in: takes READ_S per paper, counts how many run at once, fails some."""

    def __init__(self, fail: tuple[str, ...] = ()) -> None:
        self.fail = fail
        self.calls: list[str] = []
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def __call__(self, source: str, source_url: str | None = None) -> Paper:
        with self.lock:
            self.calls.append(source)
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(READ_S)
        with self.lock:
            self.running -= 1
        name = Path(source).stem
        if name in self.fail:
            raise IngestError(f"{source} has no text layer (a scanned PDF?)")
        return Paper(source=source, source_kind="local_pdf", title=f"Paper {name}")


def sources(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for n in range(count):
        path = tmp_path / "in" / f"p{n}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"%PDF-1.4 {n}".encode())
        paths.append(str(path))
    return paths


def opened(tmp_path: Path, count: int):  # type: ignore[no-untyped-def]
    return open_episode(Settings(library=tmp_path / "show"), sources(tmp_path, count))


def test_the_papers_are_read_at_once_and_kept_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = SlowReader()
    monkeypatch.setattr(ingestion, "ingest", reader)
    episode = opened(tmp_path, 4)
    started = time.monotonic()
    papers = ingest_stage(episode)
    assert time.monotonic() - started < 3 * READ_S  # one after another would take 4 × READ_S
    assert reader.most > 1
    assert [p.title for p in papers] == [f"Paper p{n}" for n in range(4)]
    assert ingest_stage(episode) == papers and len(reader.calls) == 4  # cached: not read again


def test_a_paper_that_fails_is_left_out_and_named_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(ingestion, "ingest", SlowReader(fail=("p1",)))
    episode = opened(tmp_path, 3)
    with caplog.at_level(logging.WARNING, logger="paperdive.episode"):
        papers = ingest_stage(episode)
    assert [p.title for p in papers] == ["Paper p0", "Paper p2"]
    (why,) = episode.left_out
    assert why == f"{episode.info.sources[1]} has no text layer (a scanned PDF?)"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"left out of the digest: {why}"]
    indexed = [title for _, title, _ in episode.library.papers(episode.info.slug)]
    assert indexed == ["Paper p0", "Paper p2"]


def test_a_digest_whose_papers_all_fail_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingestion, "ingest", SlowReader(fail=("p0", "p1")))
    with pytest.raises(IngestError, match="none of the 2 papers could be read"):
        ingest_stage(opened(tmp_path, 2))


def test_a_deep_dive_still_stops_at_its_papers_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingestion, "ingest", SlowReader(fail=("p0",)))
    with pytest.raises(IngestError, match="no text layer"):
        ingest_stage(opened(tmp_path, 1))


def test_real_pdfs_read_in_parallel_match_a_serial_read(tmp_path: Path) -> None:
    pdfs = [
        paper_pdf(tmp_path, "cache", "Four-bit KV cache", CACHE_ABSTRACT, CACHE_SECTIONS),
        paper_pdf(tmp_path, "agent", "Agents trained on tests", AGENT_ABSTRACT, AGENT_SECTIONS),
        paper_pdf(tmp_path, "cache2", "Paged cache, again", CACHE_ABSTRACT, CACHE_SECTIONS),
    ]
    episode = open_episode(Settings(library=tmp_path / "show"), [str(p) for p in pdfs])
    parallel = ingest_stage(episode)
    serial = [ingestion.ingest(str(p)) for p in pdfs]
    assert [p.model_dump(exclude={"ingested_at"}) for p in parallel] == [
        p.model_dump(exclude={"ingested_at"}) for p in serial
    ]


def test_paperdive_script_takes_several_sources_and_names_the_one_left_out(
    tmp_path: Path,
) -> None:
    cache = paper_pdf(tmp_path, "cache", "Four-bit KV cache", CACHE_ABSTRACT, CACHE_SECTIONS)
    agent = paper_pdf(tmp_path, "agent", "Agents trained on tests", AGENT_ABSTRACT, AGENT_SECTIONS)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not a PDF at all\n%%EOF\n")
    done = subprocess.run(
        [sys.executable, "-m", "paperdive.cli", "script", str(cache), str(agent), str(broken)]
        + ["--minutes", "3"],
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    left = [line for line in done.stderr.splitlines() if "left out" in line]
    assert len(left) == 1 and str(broken) in left[0]
    (folder,) = (tmp_path / "show" / "episodes").iterdir()
    notes = json.loads((folder / "shownotes.json").read_text())
    assert [p["title"] for p in notes["papers"]] == ["Four-bit KV cache", "Agents trained on tests"]
    assert len(notes["left_out"]) == 1 and notes["left_out"][0].startswith(str(broken))
