"""An endpoint's state and workers, computed lazily from its timestamps."""

from __future__ import annotations

import hashlib
from typing import Any

from .records import EndpointRecord, StateOverride

INITIALIZING_MESSAGE = "pulling image"
TERMINATING_MESSAGE = "deleting endpoint and workers"


def current_state(record: EndpointRecord, now: float) -> StateOverride:
    """The state at `now`: terminating > forced > initializing > failed (by rule) > serving."""
    if record.terminating_at is not None:
        return StateOverride("terminating", "", TERMINATING_MESSAGE)
    if record.forced is not None:
        return record.forced
    if now < record.ready_at:
        return StateOverride("initializing", "", INITIALIZING_MESSAGE)
    if record.failure is not None:
        return record.failure
    return StateOverride("serving", "", "")


def workers(record: EndpointRecord, now: float) -> list[dict[str, Any]]:
    """`minNum` running workers while serving; none otherwise."""
    if current_state(record, now).state != "serving":
        return []
    count = record.spec.get("workerConfig", {}).get("minNum", 0)
    if isinstance(count, bool) or not isinstance(count, int):
        count = 0
    return [_worker(record, index) for index in range(max(count, 0))]


def _worker(record: EndpointRecord, index: int) -> dict[str, Any]:
    seed = f"{record.id}/{record.generation}/{index}".encode()
    return {
        "id": "wk-" + hashlib.sha256(seed).hexdigest()[:12],
        "state": {"state": "running", "error": "", "message": ""},
        "log": "",
        "metrics": "",
        "healthy": True,
    }
