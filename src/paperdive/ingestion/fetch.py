"""Downloads with retries and backoff, a size cap enforced while streaming, one overall
deadline per download (retries included), and pacing for APIs that ask callers to wait
between requests (arXiv: one request every 3 seconds)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime

import httpx2
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)
from tenacity.wait import wait_base

from paperdive.deadline import within
from paperdive.errors import IngestError

DOWNLOAD_DEADLINE_S = 600.0  # a 100 MB PDF at 200 kB/s, with room for retries
_MAX_RETRY_AFTER = 120.0
_USER_AGENT = "paperdive (research podcast generator)"


class NotFound(IngestError):
    """The server answered 404/410: nothing to retry."""


class _Abandoned(Exception):
    """The caller stopped waiting (the deadline passed): end this attempt, retry nothing."""


class _Transient(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Pacer:
    """Keeps at least `interval` seconds between the starts of successive requests."""

    def __init__(
        self,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None
        self._lock = threading.Lock()

    def wait_turn(self) -> None:
        with self._lock:
            if self._last is not None:
                remaining = self.interval - (self._clock() - self._last)
                if remaining > 0:
                    self._sleep(remaining)
            self._last = self._clock()


class Fetcher:
    """HTTP GETs for ingestion. Pass a client built on httpx2.MockTransport to test offline."""

    def __init__(
        self,
        client: httpx2.Client | None = None,
        *,
        attempts: int = 4,
        backoff: wait_base | None = None,
        sleep: Callable[[float], None] = time.sleep,
        deadline_s: float = DOWNLOAD_DEADLINE_S,
    ) -> None:
        self._owns_client = client is None
        self.client = client or httpx2.Client(
            follow_redirects=True,
            timeout=httpx2.Timeout(30.0, connect=10.0),
            headers={"user-agent": _USER_AGENT},
        )
        self.attempts = attempts
        self.backoff = backoff or wait_exponential(multiplier=2, min=2, max=60)
        self.sleep = sleep
        self.deadline_s = deadline_s

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._owns_client:
            self.client.close()

    def get(self, url: str, *, what: str, max_bytes: int, pacer: Pacer | None = None) -> bytes:
        """The body of `url`; raises IngestError (NotFound for 404) naming `what` failed.

        All attempts together get `deadline_s`: a server that answers a byte at a time
        cannot hold the download open for longer.
        """
        abandoned = threading.Event()
        retrying = Retrying(
            stop=stop_after_attempt(self.attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_Transient),
            sleep=self.sleep,
            reraise=True,
        )

        def attempts() -> bytes:
            return retrying(self._get_once, url, what, max_bytes, pacer, abandoned)

        def expired() -> IngestError:
            return IngestError(
                f"could not download {what}: {_host(url)} did not finish within "
                f"{self.deadline_s:g} s"
            )

        try:
            return within(self.deadline_s, attempts, expired=expired, abort=abandoned.set)
        except _Transient as exc:
            raise IngestError(f"could not download {what}: {exc} (gave up after retries)") from exc

    def _wait(self, state: RetryCallState) -> float:
        delay = self.backoff(state)
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Transient) and error.retry_after is not None:
            delay = max(delay, min(error.retry_after, _MAX_RETRY_AFTER))
        return delay

    def _get_once(
        self,
        url: str,
        what: str,
        max_bytes: int,
        pacer: Pacer | None,
        abandoned: threading.Event,
    ) -> bytes:
        if pacer is not None:
            pacer.wait_turn()
        if abandoned.is_set():
            raise _Abandoned
        try:
            with self.client.stream("GET", url) as response:
                _check_status(response, url, what)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise IngestError(_too_big(what, max_bytes))
                body = bytearray()
                for chunk in response.iter_bytes():  # as it arrives: checks stay prompt
                    if abandoned.is_set():
                        raise _Abandoned
                    body += chunk
                    if len(body) > max_bytes:
                        raise IngestError(_too_big(what, max_bytes))
                return bytes(body)
        except httpx2.TimeoutException as exc:
            raise _Transient(f"{_host(url)} timed out") from exc
        except httpx2.TooManyRedirects as exc:
            raise IngestError(
                f"could not download {what}: {_host(url)} redirects in a loop"
            ) from exc
        except httpx2.UnsupportedProtocol as exc:  # a redirect to ftp:// or file://: no retry
            raise IngestError(
                f"could not download {what}: {_host(url)} sent it to an unsupported URL scheme"
            ) from exc
        except httpx2.TransportError as exc:
            raise _Transient(f"network unreachable ({_host(url)}: {type(exc).__name__})") from exc
        except (httpx2.HTTPError, httpx2.InvalidURL) as exc:  # e.g. a body that fails to decode
            raise IngestError(
                f"could not download {what}: {_host(url)} sent a broken answer "
                f"({type(exc).__name__})"
            ) from exc


def _check_status(response: httpx2.Response, url: str, what: str) -> None:
    status = response.status_code
    if status in (404, 410):
        raise NotFound(f"{what} not found (HTTP {status} from {_host(url)})")
    if status == 429 or status >= 500:
        raise _Transient(
            f"HTTP {status} from {_host(url)}", _retry_after(response.headers.get("retry-after"))
        )
    if status >= 400:
        raise IngestError(f"could not download {what}: HTTP {status} from {_host(url)}")


def _retry_after(header: str | None) -> float | None:
    if not header:
        return None
    if header.strip().isdigit():
        return float(header)
    try:
        return max(0.0, parsedate_to_datetime(header).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _too_big(what: str, max_bytes: int) -> str:
    return f"{what} is larger than the {max_bytes:,}-byte limit; refusing to download it"


def _host(url: str) -> str:
    return httpx2.URL(url).host or url
