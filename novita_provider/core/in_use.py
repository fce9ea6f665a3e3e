"""Deleting what the API still considers in use, which it reports for a while after its user
is gone (a volume after its endpoint's deletion, a credential after its endpoint's update)."""

from __future__ import annotations

import time
from collections.abc import Callable

from ..errors import NovitaApiError, StillInUseError
from .polling import Clock, Sleep, poll_until

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
    last: list[NovitaApiError] = []

    def attempt() -> bool | None:
        try:
            delete()
        except NovitaApiError as exc:
            if exc.is_not_found:
                return True
            if exc.reason != in_use_reason:
                raise
            last[:] = [exc]
            return None
        return True

    def still_in_use() -> Exception:
        detail = last[0].message if last else in_use_reason
        return StillInUseError(
            f"{what} is still in use after {timeout:g} s of retrying ({detail}); "
            "remove what uses it, or raise delete_timeout_seconds"
        )

    poll_until(attempt, timeout=timeout, on_timeout=still_in_use, sleep=sleep, clock=clock)
