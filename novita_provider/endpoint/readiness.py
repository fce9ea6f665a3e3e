"""Waiting for an endpoint to serve, or to be gone."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..core.polling import Clock, Sleep, poll_until
from ..errors import EndpointNotReadyError, NovitaApiError

if TYPE_CHECKING:
    from ..api import models as api
    from ..api.client import NovitaClient

SERVING = "serving"
FAILED_STATES = frozenset({"failed", "error"})


def wait_until_serving(
    client: NovitaClient,
    endpoint_id: str,
    timeout: float,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> api.Endpoint:
    """The endpoint once it is ``serving``; raises if it fails or the timeout passes."""
    last: list[api.Endpoint] = []

    def probe() -> api.Endpoint | None:
        live = client.get_endpoint(endpoint_id)
        state = live.state.state
        if state == SERVING:
            return live
        if state in FAILED_STATES:
            raise EndpointNotReadyError(
                f"endpoint {endpoint_id} ({live.name}) did not become ready: state {state}: "
                f"{_describe(live.state)}"
            )
        last[:] = [live]
        return None

    def not_serving() -> Exception:
        live = last[0]
        return EndpointNotReadyError(
            f"endpoint {endpoint_id} ({live.name}) was not serving after {timeout:g} s: "
            f"state {live.state.state or 'unknown'}: {_describe(live.state)}"
        )

    return poll_until(probe, timeout=timeout, on_timeout=not_serving, sleep=sleep, clock=clock)


def wait_until_gone(
    client: NovitaClient,
    endpoint_id: str,
    timeout: float,
    *,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> None:
    """Return once GET reports the endpoint not found (deletion passes through terminating)."""
    last: list[str] = []

    def probe() -> bool | None:
        try:
            live = client.get_endpoint(endpoint_id)
        except NovitaApiError as exc:
            if exc.is_not_found:
                return True
            raise
        last[:] = [live.state.state or "present"]
        return None

    def still_there() -> Exception:
        return EndpointNotReadyError(
            f"endpoint {endpoint_id} was still {last[0]} {timeout:g} s after deletion was requested"
        )

    poll_until(probe, timeout=timeout, on_timeout=still_there, sleep=sleep, clock=clock)


def _describe(state: api.EndpointState) -> str:
    parts = [part for part in (state.error, state.message) if part]
    return ": ".join(parts) if parts else "no message"
