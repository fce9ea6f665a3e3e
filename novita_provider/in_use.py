"""Deleting things the API still considers in use, which it reports for a while after their
user is gone (a volume after its endpoint's deletion, a credential after its endpoint's update)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from .errors import NovitaApiError, NovitaError
from .readiness import MAX_POLL_INTERVAL, Clock, Sleep, poll_intervals
from .unknowns import is_unknown

DEFAULT_IN_USE_TIMEOUT_SECONDS = 300


def delete_when_released(
    delete: Callable[[], None],
    *,
    in_use_reason: str,
    what: str,
    timeout: float,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> None:
    """Call ``delete``; retry while it fails with ``in_use_reason``, up to ``timeout`` seconds.

    Already gone (a ``*_NOT_FOUND`` reason) is success.
    """
    deadline = clock() + timeout
    backoff = iter(poll_intervals())
    while True:
        try:
            delete()
            return
        except NovitaApiError as exc:
            if exc.is_not_found:
                return
            if exc.reason != in_use_reason:
                raise
            remaining = deadline - clock()
            if remaining <= 0:
                raise NovitaError(
                    f"{what} is still in use after {timeout:g} s of retrying ({exc.message}); "
                    "remove what uses it, or raise delete_timeout_seconds"
                ) from None
            sleep(min(next(backoff, MAX_POLL_INTERVAL), remaining))


def delete_timeout(props: Mapping[str, Any]) -> float:
    """The ``delete_timeout_seconds`` input, or the default."""
    value = props.get("delete_timeout_seconds")
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return float(DEFAULT_IN_USE_TIMEOUT_SECONDS)


def delete_timeout_failures(inputs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Check failures (path, reason) for the ``delete_timeout_seconds`` input."""
    value = inputs.get("delete_timeout_seconds")
    if value is None or is_unknown(value):
        return []
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return [("delete_timeout_seconds", "must be a positive number of seconds")]
    return []
