"""One overall deadline for a network call, however slowly the server dribbles its answer.

Per-read timeouts never fire against a server that sends a byte every few seconds, and
retries multiply whatever a single attempt costs. `within` runs the whole call, retries
included, in a worker thread and stops waiting when the deadline passes: it then aborts the
call (closing its client, which breaks the connection) and raises the caller's error. The
worker is a daemon thread, so an abandoned call never holds the process open.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def within(
    seconds: float,
    call: Callable[[], T],
    *,
    expired: Callable[[], Exception],
    abort: Callable[[], None] = lambda: None,
) -> T:
    """`call()`'s result, or `expired()` raised once `seconds` have passed without one."""
    outcome: list[T] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the waiting thread below
            failure.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name="paperdive-deadline", daemon=True).start()
    if not done.wait(seconds):
        abort()
        raise expired()
    if failure:
        raise failure[0]
    return outcome[0]
