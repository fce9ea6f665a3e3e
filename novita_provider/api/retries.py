"""When and how long to wait before trying a request again."""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass

import httpx

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
BASE_DELAY = 0.25
MAX_DELAY = 8.0

NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
"""Transport failures that happen before any byte of the request reaches the server."""


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int
    retry_timeout: float

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Full-jitter exponential backoff; a server's ``Retry-After`` takes precedence."""
        if retry_after is not None:
            return retry_after
        return random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1)))


class Attempts:
    """The retry budget of one operation: attempts and elapsed time."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        self.count = 0
        self.started = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def next_delay(self, retry_after: float | None) -> float | None:
        """How long to sleep before the next attempt, or None when the budget is spent."""
        if self.count > self.policy.max_retries:
            return None
        delay = self.policy.delay(self.count, retry_after)
        if self.elapsed() + delay > self.policy.retry_timeout:
            return None
        return delay

    def summary(self) -> str:
        return f"{self.count} attempt{'s' if self.count != 1 else ''} in {self.elapsed():.1f} s"


def retry_after_seconds(response: httpx.Response) -> float | None:
    """``Retry-After`` as seconds: either delta-seconds or an HTTP date."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
