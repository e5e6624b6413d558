"""Fixtures for the publishing tests: a library with finished episodes, and a built site."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from pathlib import Path

import pytest
from publish_episodes import HOSTS, NOW, EpisodeFactory, write_episode

from paperdive.config import ShowConfig
from paperdive.library import Library
from paperdive.publishing import PublishResult, publish


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "show")


@pytest.fixture
def show() -> ShowConfig:
    return ShowConfig(base_url="https://podcast.example.org/show", email="owner@example.org")


@pytest.fixture
def make_episode(library: Library) -> EpisodeFactory:
    """write_episode into this test's library: make_episode(title, **options) -> slug."""
    return functools.partial(write_episode, library)


@pytest.fixture
def published(library: Library, show: ShowConfig, make_episode: EpisodeFactory) -> PublishResult:
    """A site with a deep dive from 9 hours ago and a digest from 2 days ago."""
    make_episode()
    make_episode(
        "Decoding digest",
        kind="digest",
        created=datetime(2026, 6, 25, 17, 0, tzinfo=UTC),
    )
    return publish(library, show, HOSTS, now=NOW)
