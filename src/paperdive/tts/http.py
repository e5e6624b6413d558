"""One POST with the retry policy every hosted TTS API needs (429 and 5xx are retried).

A service that says how long to back off (Retry-After) is waited for, up to a minute.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx2
import numpy as np
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential,
)
from tenacity.wait import WaitBaseT

from paperdive.deadline import within
from paperdive.errors import VoiceError

ATTEMPTS = 4
TIMEOUT_S = 120.0
DEADLINE_S = 300.0  # one clip, every retry included
DEFAULT_WAIT = wait_exponential(multiplier=1, max=20)
MAX_RETRY_AFTER_S = 60.0


class RetryableStatus(Exception):
    def __init__(self, response: httpx2.Response):
        super().__init__(response.status_code)
        self.response = response


def api_key(variable: str, service: str) -> str:
    key = os.environ.get(variable, "").strip()
    if not key:
        raise VoiceError(f"{service} needs an API key: set {variable}")
    return key


def post(
    client: httpx2.Client,
    url: str,
    *,
    service: str,
    key_variable: str,
    headers: dict[str, str],
    json: dict[str, Any],
    wait: WaitBaseT = DEFAULT_WAIT,
    sleep: Callable[[float], None] = time.sleep,
    deadline_s: float = DEADLINE_S,
) -> httpx2.Response:
    """POST and return the 2xx response; failures become a VoiceError that never holds the key.

    All attempts together get `deadline_s`, however slowly the service answers."""

    abandoned = threading.Event()

    def attempt() -> httpx2.Response:
        if abandoned.is_set():  # the deadline passed: start no new request
            raise VoiceError(f"{service}: abandoned after the deadline")
        try:
            response = client.post(url, headers=headers, json=json, timeout=TIMEOUT_S)
        except httpx2.TransportError as exc:
            raise VoiceError(f"{service} is unreachable: {type(exc).__name__}") from None
        if response.status_code == 429 or response.status_code >= 500:
            raise RetryableStatus(response)
        return response

    retrying = Retrying(
        retry=retry_if_exception(lambda exc: isinstance(exc, RetryableStatus)),
        stop=stop_after_attempt(ATTEMPTS) | stop_after_delay(deadline_s),
        wait=_retry_after_or(wait),
        sleep=sleep,
        reraise=True,
    )

    def expired() -> VoiceError:
        return VoiceError(f"{service} gave no complete answer within {deadline_s:g} s")

    try:
        response = within(
            deadline_s, lambda: retrying(attempt), expired=expired, abort=abandoned.set
        )
    except RetryableStatus as exc:
        response = exc.response
    if response.status_code in (401, 403):
        raise VoiceError(
            f"{service} rejected the key in {key_variable} (HTTP {response.status_code})"
        )
    if response.status_code >= 400:
        raise VoiceError(
            f"{service} failed with HTTP {response.status_code} after {ATTEMPTS} attempts"
            if response.status_code == 429 or response.status_code >= 500
            else f"{service} refused the request: HTTP {response.status_code} {_reason(response)}"
        )
    return response


def _retry_after_or(fallback: WaitBaseT) -> Callable[[RetryCallState], float]:
    def wait(state: RetryCallState) -> float:
        failure = state.outcome.exception() if state.outcome else None
        if isinstance(failure, RetryableStatus):
            asked = retry_after_seconds(failure.response)
            if asked is not None:
                return asked
        return fallback(state)

    return wait


def retry_after_seconds(response: httpx2.Response) -> float | None:
    """The wait a Retry-After header asks for (seconds or an HTTP date), at most a minute."""
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None  # absent or unreadable: back off on our own schedule
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def _reason(response: httpx2.Response) -> str:
    try:
        detail = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(detail, dict):
        error = detail.get("detail") or detail.get("error") or detail
        if isinstance(error, dict):
            error = error.get("message") or error
        return str(error)[:200]
    return str(detail)[:200]


def pcm16_to_float(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
