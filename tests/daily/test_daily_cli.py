"""`paperdive daily` as a user runs it, pointed at a localhost arXiv API by PAPERDIVE_ARXIV_API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from arxiv_fixture import FakeArxiv
from daily_helpers import ON_TOPIC

pytestmark = pytest.mark.network_server


def paperdive(*args: str, cwd: Path, api: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PAPERDIVE_ARXIV_API": api, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "paperdive.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_dry_run_prints_the_ranked_table_with_reasons(tmp_path: Path, fake_arxiv: FakeArxiv):
    done = paperdive("daily", "--dry-run", "--date", "2025-01-09", cwd=tmp_path, api=fake_arxiv.url)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    ranked = [line for line in lines if "2501.100" in line]
    assert [next(i for i in ON_TOPIC if i in line) for line in ranked[:3]]  # on-topic first
    assert "kv" in done.stdout and "nothing was made or published" in done.stdout
    assert not (tmp_path / "show").exists()


def test_a_weekend_date_is_nothing_new_and_exit_0(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    done = paperdive("daily", "--date", "2025-01-12", cwd=tmp_path, api=fake_arxiv.url)
    assert done.returncode == 0 and "nothing new" in done.stdout
    assert fake_arxiv.requests == []


def test_arxiv_down_is_one_line_and_exit_1(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_always = 404
    done = paperdive("daily", "--dry-run", "--date", "2025-01-09", cwd=tmp_path, api=fake_arxiv.url)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "arXiv API unavailable" in errors[0]


def test_digest_on_a_weekend_is_nothing_new(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    done = paperdive("digest", "--date", "2025-01-11", cwd=tmp_path, api=fake_arxiv.url)
    assert done.returncode == 0 and "nothing new" in done.stdout, done.stderr
    assert fake_arxiv.requests == []


def test_digest_refuses_a_limit_out_of_range(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    done = paperdive("digest", "--limit", "0", cwd=tmp_path, api=fake_arxiv.url)
    assert done.returncode == 2 and "--limit" in done.stderr
