"""Polling an endpoint until it serves, or until it is gone."""

from __future__ import annotations

import time
from collections.abc import Callable

from . import api_models as api
from .client import NovitaClient
from .errors import EndpointNotReadyError, NovitaApiError

SERVING = "serving"
FAILED_STATES = frozenset({"failed", "error"})
MAX_POLL_INTERVAL = 5.0

Sleep = Callable[[float], None]
Clock = Callable[[], float]


def poll_intervals() -> list[float]:
    """Waits between polls, after an immediate first one: every second for the first 5 s (a
    fast start is noticed within a second), every 2 s up to 15 s, then every 5 s. A ready
    endpoint is seen at most one interval late, for about as many calls as doubling backoff."""
    return [1.0] * 5 + [2.0] * 5


def wait_until_serving(
    client: NovitaClient,
    endpoint_id: str,
    timeout: float,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> api.Endpoint:
    """The endpoint once it is ``serving``; raises if it fails or the timeout passes."""
    deadline = clock() + timeout
    backoff = iter(poll_intervals())
    while True:
        live = client.get_endpoint(endpoint_id)
        state = live.state.state
        if state == SERVING:
            return live
        if state in FAILED_STATES:
            raise EndpointNotReadyError(
                f"endpoint {endpoint_id} ({live.name}) did not become ready: state {state}: "
                f"{_describe(live.state)}"
            )
        remaining = deadline - clock()
        if remaining <= 0:
            raise EndpointNotReadyError(
                f"endpoint {endpoint_id} ({live.name}) was not serving after {timeout:g} s: "
                f"state {state or 'unknown'}: {_describe(live.state)}"
            )
        sleep(min(next(backoff, MAX_POLL_INTERVAL), remaining))


def wait_until_gone(
    client: NovitaClient,
    endpoint_id: str,
    timeout: float,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> None:
    """Return once GET reports the endpoint not found (deletion passes through terminating)."""
    deadline = clock() + timeout
    backoff = iter(poll_intervals())
    while True:
        try:
            live = client.get_endpoint(endpoint_id)
        except NovitaApiError as exc:
            if exc.is_not_found:
                return
            raise
        remaining = deadline - clock()
        if remaining <= 0:
            raise EndpointNotReadyError(
                f"endpoint {endpoint_id} was still {live.state.state or 'present'} "
                f"{timeout:g} s after deletion was requested"
            )
        sleep(min(next(backoff, MAX_POLL_INTERVAL), remaining))


def _describe(state: api.EndpointState) -> str:
    parts = [part for part in (state.error, state.message) if part]
    return ": ".join(parts) if parts else "no message"
