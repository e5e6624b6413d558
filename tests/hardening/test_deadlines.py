"""Servers that answer slowly, never, or in circles: each costs a bounded time and one line."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx2
import pytest
from cli_helpers import paperdive
from tenacity import wait_none

from paperdive.errors import IngestError, LLMError, VoiceError
from paperdive.ingestion import Fetcher
from paperdive.llm.base import Completion, with_retries
from paperdive.tts.http import post

DEADLINE = 2.0
SLACK = 3.0  # thread start-up and a loaded CI machine


class _Hostile(BaseHTTPRequestHandler):
    requests = 0

    def log_message(self, *_: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).requests += 1
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("location", "/loop-again" if self.path == "/loop" else "/loop")
            self.end_headers()
        elif self.path == "/ftp":
            self.send_response(302)
            self.send_header("location", "ftp://127.0.0.1/paper.pdf")
            self.end_headers()
        elif self.path == "/drip-body":
            self.send_response(200)
            self.send_header("content-type", "application/pdf")
            self.end_headers()
            self._drip(b"%PDF-1.7 " + b"x" * 10_000)
        elif self.path == "/drip-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self._drip(b"X-Slow: " + b"y" * 10_000)

    do_POST = do_GET

    def _drip(self, data: bytes) -> None:
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client hung up, as it should


@pytest.fixture
def hostile() -> Iterator[str]:
    _Hostile.requests = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _fetcher(deadline: float = DEADLINE) -> Fetcher:
    return Fetcher(backoff=wait_none(), sleep=lambda _s: None, deadline_s=deadline)


def _timed(call: Callable[[], object], error: type[Exception]) -> tuple[float, str]:
    start = time.monotonic()
    with pytest.raises(error) as caught:
        call()
    return time.monotonic() - start, str(caught.value)


@pytest.mark.network_server
@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_dripping_download_ends_at_the_deadline(hostile: str, path: str) -> None:
    with _fetcher() as fetcher:
        seconds, message = _timed(
            lambda: fetcher.get(hostile + path, what="the PDF", max_bytes=10**8), IngestError
        )
    assert seconds < DEADLINE + SLACK
    assert "did not finish within 2 s" in message and "\n" not in message


@pytest.mark.network_server
def test_a_redirect_loop_is_one_line(hostile: str) -> None:
    with _fetcher() as fetcher:
        _, message = _timed(
            lambda: fetcher.get(hostile + "/loop", what="the PDF", max_bytes=10**8), IngestError
        )
    assert "redirects in a loop" in message


@pytest.mark.network_server
def test_a_redirect_to_another_scheme_is_refused_without_retrying(hostile: str) -> None:
    with _fetcher() as fetcher:
        _, message = _timed(
            lambda: fetcher.get(hostile + "/ftp", what="the PDF", max_bytes=10**8), IngestError
        )
    assert "unsupported URL scheme" in message
    assert _Hostile.requests == 1


@pytest.mark.network_server
def test_the_cli_reports_a_redirect_loop_in_one_line(hostile: str, tmp_path) -> None:
    result = paperdive("ingest", hostile + "/loop", cwd=tmp_path, timeout=120)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error:") and "redirects in a loop" in line


def test_a_model_call_that_never_answers_ends_at_the_deadline() -> None:
    never = threading.Event()

    def hang() -> Completion:
        never.wait()
        raise TimeoutError

    seconds, message = _timed(
        lambda: with_retries(hang, lambda _s: None, deadline_s=DEADLINE, what="openai:m"),
        LLMError,
    )
    never.set()
    assert seconds < DEADLINE + SLACK
    assert message == "openai:m gave no complete answer within 2 s"


@pytest.mark.network_server
def test_a_tts_service_that_drips_ends_at_the_deadline(hostile: str) -> None:
    with httpx2.Client() as client:
        seconds, message = _timed(
            lambda: post(
                client,
                hostile + "/drip-headers",
                service="ElevenLabs",
                key_variable="ELEVENLABS_API_KEY",
                headers={},
                json={},
                deadline_s=DEADLINE,
            ),
            VoiceError,
        )
    assert seconds < DEADLINE + SLACK
    assert message == "ElevenLabs gave no complete answer within 2 s"


@pytest.mark.parametrize("source", ["2401.06066v0", "0612.01234", "0612.1234", "hep-th/0801001"])
def test_ids_arxiv_never_issued_are_refused(tmp_path, source: str) -> None:
    result = paperdive("ingest", source, cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "arXiv id" in line or "not an existing file" in line


def _deadline_workers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "paperdive-deadline" and t.is_alive()}


@pytest.mark.network_server
def test_an_abandoned_download_stops_reading_at_its_next_byte(hostile: str) -> None:
    before = _deadline_workers()
    with _fetcher() as fetcher, pytest.raises(IngestError):
        fetcher.get(hostile + "/drip-body", what="the PDF", max_bytes=10**8)
    end = time.monotonic() + 2.0
    while _deadline_workers() - before and time.monotonic() < end:
        time.sleep(0.1)
    assert not _deadline_workers() - before
