"""The unauthenticated test-control surface under `/_sim/` (never written to the request log)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import admin_faults, admin_resources
from .checks import expect_object, expect_str, optional_str, present
from .endpoints.collection import DEFAULT_FAILURE_ERROR
from .errors import invalid
from .faults import FaultInjector
from .requestlog import RequestLog
from .router import Request, Router
from .shapes import json_keys, json_message, shape_changes_from_json
from .store import Store

_DELAYS = ("readyDelay", "terminateDelay", "storageReleaseDelay")


def register(
    router: Router,
    store: Store,
    log: RequestLog,
    faults: FaultInjector,
    reset: Callable[[], None],
) -> None:
    """Add the admin calls to `router` (paths relative to `/_sim`); `reset` forgets it all."""
    handlers = _AdminHandlers(store, log, reset)
    router.add("GET", "/health", handlers.health)
    router.add("GET", "/requests", handlers.requests)
    router.add("POST", "/requests/clear", handlers.clear_requests)
    router.add("POST", "/reset", handlers.reset)
    router.add("GET", "/endpoints", handlers.endpoints)
    router.add("POST", "/endpoints/{id}/state", handlers.force_state)
    router.add("POST", "/endpoints/{id}/edit", handlers.edit)
    router.add("GET", "/ready-failures", handlers.ready_failures)
    router.add("POST", "/ready-failures", handlers.add_ready_failure)
    router.add("GET", "/config", handlers.config)
    router.add("POST", "/config", handlers.configure)
    admin_resources.register(router, store)
    admin_faults.register(router, faults)


class _AdminHandlers:
    def __init__(self, store: Store, log: RequestLog, reset: Callable[[], None]) -> None:
        self._store = store
        self._log = log
        self._reset = reset

    def health(self, request: Request) -> dict[str, Any]:
        return {"ok": True}

    def requests(self, request: Request) -> dict[str, Any]:
        return {"requests": self._log.entries()}

    def clear_requests(self, request: Request) -> dict[str, Any]:
        self._log.clear()
        return {}

    def reset(self, request: Request) -> dict[str, Any]:
        self._reset()
        return {}

    def endpoints(self, request: Request) -> dict[str, Any]:
        return {"endpoints": self._store.all_endpoints()}

    def force_state(self, request: Request) -> dict[str, Any]:
        raw = expect_object(request.body, "", required=("state",), optional=("message", "error"))
        self._store.force_state(
            request.params["id"],
            expect_str(raw["state"], "state", min_len=1),
            message=optional_str(raw, "message", ""),
            error=optional_str(raw, "error", ""),
        )
        return {}

    def edit(self, request: Request) -> dict[str, Any]:
        if not isinstance(request.body, dict):
            raise invalid("body: must be an object")
        self._store.edit_endpoint(request.params["id"], request.body)
        return {}

    def ready_failures(self, request: Request) -> dict[str, Any]:
        return {"readyFailures": self._store.ready_failures()}

    def add_ready_failure(self, request: Request) -> dict[str, Any]:
        raw = expect_object(request.body, "", required=("image",), optional=("message", "error"))
        self._store.add_ready_failure(
            expect_str(raw["image"], "image", min_len=1),
            message=optional_str(raw, "message", "") or "failed to pull image",
            error=optional_str(raw, "error", "") or DEFAULT_FAILURE_ERROR,
        )
        return {}

    def config(self, request: Request) -> dict[str, Any]:
        return {**self._store.configure(), **self._store.shape.to_json()}

    def configure(self, request: Request) -> dict[str, Any]:
        """Change delays and/or response-shape options; all or nothing."""
        raw = expect_object(request.body, "", optional=(*_DELAYS, *json_keys()))
        delays = {key: _delay(raw, key) for key in _DELAYS}
        changes = shape_changes_from_json(raw)
        try:
            self._store.shape.changed(**changes)
        except ValueError as error:
            raise invalid(json_message(error)) from None
        self._store.reshape(**changes)
        configured = self._store.configure(
            ready_delay=delays["readyDelay"],
            terminate_delay=delays["terminateDelay"],
            storage_release_delay=delays["storageReleaseDelay"],
        )
        return {**configured, **self._store.shape.to_json()}


def _delay(raw: dict[str, Any], key: str) -> float | None:
    if not present(raw, key):
        return None
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise invalid(f"{key}: must be a non-negative number of seconds")
    return float(value)
