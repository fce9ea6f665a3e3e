"""The stored form of a serverless endpoint and its JSON (state file) form."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class StateOverride:
    """A `{state, error, message}` triple: a forced state or a readiness failure."""

    state: str
    error: str
    message: str


@dataclass
class EndpointRecord:
    """One endpoint. Timestamps are wall-clock seconds (`time.time()`)."""

    id: str
    app_name: str
    spec: dict[str, Any]
    created_at: float
    ready_at: float
    generation: int = 0
    failure: StateOverride | None = None
    forced: StateOverride | None = None
    terminating_at: float | None = None
    gone_at: float | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of this record."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EndpointRecord:
        """The record saved by `to_json`."""
        fields = dict(data)
        for key in ("failure", "forced"):
            if fields.get(key) is not None:
                fields[key] = StateOverride(**fields[key])
        fields["spec"] = copy.deepcopy(fields["spec"])
        return cls(**fields)
