"""Fixtures shared by every test area. Area-specific ones live in tests/<area>/conftest.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder (real papers, recorded arXiv responses); skip if absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def shared_papers(shared_dir: Path) -> dict[str, dict]:
    """MANIFEST.json entries of ../shared/papers keyed by file name, with an absolute `path`."""
    manifest = shared_dir / "papers" / "MANIFEST.json"
    if not manifest.is_file():
        pytest.skip("../shared/papers/MANIFEST.json is absent")
    entries = json.loads(manifest.read_text())
    out = {}
    for entry in entries:
        path = shared_dir / "papers" / entry["file"]
        if path.is_file():
            out[entry["file"]] = {**entry, "path": path}
    return out
