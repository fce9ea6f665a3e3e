"""One way to wait for the API: poll until a condition holds or a deadline passes."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
Sleep = Callable[[float], None]
Clock = Callable[[], float]

MAX_POLL_INTERVAL = 5.0


def poll_intervals() -> list[float]:
    """Waits between polls, after an immediate first one: every second for the first 5 s (a
    fast start is noticed within a second), every 2 s up to 15 s, then every 5 s. A ready
    endpoint is seen at most one interval late, for about as many calls as doubling backoff."""
    return [1.0] * 5 + [2.0] * 5


def poll_until(
    probe: Callable[[], T | None],
    *,
    timeout: float,
    on_timeout: Callable[[], Exception],
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> T:
    """Call ``probe`` until it returns something other than None, and return that.

    ``probe`` raises to stop early (a failed state, an unexpected error). When ``timeout``
    seconds pass first, the exception ``on_timeout()`` builds is raised.
    """
    deadline = clock() + timeout
    intervals = iter(poll_intervals())
    while True:
        result = probe()
        if result is not None:
            return result
        remaining = deadline - clock()
        if remaining <= 0:
            raise on_timeout()
        sleep(min(next(intervals, MAX_POLL_INTERVAL), remaining))
