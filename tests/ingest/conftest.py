"""Fixtures for ingestion tests: the sample paper, bad files, and an offline arXiv."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx2
import pytest
import pytest_socket
from tenacity import wait_none

from paperdive.ingestion import Fetcher, Pacer
from paperdive.sample import sample_pdf

Handler = Callable[[httpx2.Request], httpx2.Response]


@pytest.fixture(autouse=True)
def _no_network() -> Iterator[None]:
    """Ingestion tests never reach the network: HTTP goes through httpx2.MockTransport."""
    pytest_socket.disable_socket(allow_unix_socket=True)
    yield
    pytest_socket.enable_socket()


@pytest.fixture(scope="session")
def sample_paper_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_pdf(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def offline_fetcher() -> Callable[[Handler], Fetcher]:
    """A Fetcher whose requests go to `handler`, retrying without waiting."""

    def build(handler: Handler) -> Fetcher:
        client = httpx2.Client(transport=httpx2.MockTransport(handler))
        return Fetcher(client, backoff=wait_none(), sleep=lambda _seconds: None)

    return build


@pytest.fixture
def no_pacing() -> Pacer:
    return Pacer(0.0, sleep=lambda _seconds: None)
