"""Fixtures for the daily pick: a localhost arXiv API serving one Thursday's listing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from arxiv_fixture import FakeArxiv, serve
from daily_helpers import fixture_papers


@pytest.fixture
def fake_arxiv() -> Iterator[FakeArxiv]:
    with serve(FakeArxiv(fixture_papers())) as fake:
        yield fake
