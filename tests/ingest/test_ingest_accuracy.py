"""The issue's evidence: bench/ingest_accuracy.py's figures on ../shared/papers meet the
targets (title and abstract on every paper, author F1 >= 0.95, heading F1 >= 0.9, reference
counts within 5%, body coverage >= 0.95), and the torn-out page is reported as no paper."""

from __future__ import annotations

import functools
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from paperdive.ingestion import ingest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ingest_accuracy.py"


@functools.cache
def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ingest_accuracy", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def labels(shared_dir: Path) -> list[dict]:
    path = shared_dir / "papers" / "LABELS.json"
    if not path.is_file():
        pytest.skip("no ../shared/papers/LABELS.json")
    return json.loads(path.read_text())


@pytest.fixture(scope="module")
def scores(labels: list[dict], shared_dir: Path) -> list:
    bench = _bench()
    return [
        bench.score(ingest(shared_dir / "papers" / label["file"], arxiv_lookup=False), label)
        for label in labels
        if label["title"] is not None
    ]


def test_titles_abstracts_and_reference_counts_are_right_on_every_paper(scores: list) -> None:
    assert [s.name for s in scores if not s.title] == []
    assert [s.name for s in scores if not s.abstract] == []
    assert [s.name for s in scores if not s.references] == []


def test_authors_and_headings_meet_the_targets(scores: list) -> None:
    assert sum(s.author_f1 for s in scores) / len(scores) >= 0.95
    assert min(s.author_f1 for s in scores) >= 0.8
    assert sum(s.heading_f1 for s in scores) / len(scores) >= 0.9


def test_no_body_text_is_lost_on_any_paper(scores: list) -> None:
    assert {s.name: s.coverage for s in scores if (s.coverage or 0) < 0.95} == {}


def test_the_torn_out_page_is_reported_as_no_paper(labels: list[dict], shared_dir: Path) -> None:
    bench = _bench()
    fragments = [label for label in labels if label["title"] is None]
    assert fragments
    for label in fragments:
        verdict = bench.not_a_paper_verdict(shared_dir / "papers" / label["file"])
        assert verdict.startswith(("refused:", "warned:")), verdict


def test_the_bench_skips_cleanly_without_the_shared_papers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _bench().main([str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out
