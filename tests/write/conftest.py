"""Writing-test fixtures: the hand-built paper and a fresh episode folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from write_helpers import build_paper

from paperdive.models import Paper
from paperdive.store import EpisodeDir


@pytest.fixture
def paper() -> Paper:
    return build_paper()


@pytest.fixture
def episode(tmp_path: Path) -> EpisodeDir:
    return EpisodeDir(tmp_path / "episode")
