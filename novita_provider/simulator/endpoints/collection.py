"""Serverless endpoints (section 1): the stored endpoints and the readiness-failure rules.

Not thread-safe: the Store holds its lock and passes the time. Checks that involve other
sections (credential and storage references, storage release timers) stay in the Store.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any, Final

from ..errors import SERVERLESS_APP_NAME_IS_EXIST, business, endpoint_not_found, invalid
from .records import EndpointRecord, StateOverride
from .render import render_endpoint
from .spec import CREATE_OPTIONAL, CREATE_REQUIRED

DEFAULT_FAILURE_ERROR: Final = "IMAGE_PULL_FAILED"


class Endpoints:
    """Endpoints by id, in creation order, and readiness-failure rules by image."""

    def __init__(self) -> None:
        self._items: dict[str, EndpointRecord] = {}
        self._ready_failures: dict[str, StateOverride] = {}

    def prune(self, now: float) -> None:
        """Forget endpoints whose termination has ended."""
        for endpoint_id in [k for k, r in self._items.items() if _gone(r, now)]:
            del self._items[endpoint_id]

    def records(self) -> list[EndpointRecord]:
        """Every stored endpoint (terminating ones included), in creation order."""
        return list(self._items.values())

    def live(self, endpoint_id: str) -> EndpointRecord:
        """The stored endpoint (possibly terminating); not found otherwise."""
        record = self._items.get(endpoint_id)
        if record is None:
            raise endpoint_not_found(endpoint_id)
        return record

    def rendered(
        self, now: float, records: Iterable[EndpointRecord] | None = None
    ) -> list[dict[str, Any]]:
        """`records` (default: all, in creation order) in read shape."""
        chosen = self._items.values() if records is None else records
        return [render_endpoint(record, now) for record in chosen]

    def add(self, spec: dict[str, Any], app_name: str, now: float, ready_delay: float) -> str:
        """Store a validated endpoint; fails if `app_name` is in use. Returns the new id."""
        if app_name and any(r.app_name == app_name for r in self._items.values()):
            raise business(
                SERVERLESS_APP_NAME_IS_EXIST, f"endpoint.appName: {app_name!r} already exists"
            )
        endpoint_id = self._new_id()
        self._items[endpoint_id] = EndpointRecord(
            id=endpoint_id,
            app_name=app_name or endpoint_id,
            spec=copy.deepcopy(spec),
            created_at=now,
            ready_at=now + ready_delay,
            failure=self._ready_failures.get(spec["image"]["image"]),
        )
        return endpoint_id

    def update(self, record: EndpointRecord, changes: dict[str, Any], ready_at: float) -> None:
        """Replace the updatable fields and restart the readiness timer."""
        record.spec.update(copy.deepcopy(changes))
        record.generation += 1
        record.ready_at = ready_at
        record.forced = None
        record.failure = self._ready_failures.get(record.spec["image"]["image"])

    def force_state(self, endpoint_id: str, state: str, message: str, error: str) -> None:
        """Force the reported state until the endpoint's next update."""
        self.live(endpoint_id).forced = StateOverride(state, error, message)

    def edit(self, endpoint_id: str, patch: Mapping[str, Any]) -> None:
        """Deep-merge a create-shaped partial object into the stored endpoint, unvalidated."""
        allowed = set(CREATE_REQUIRED) | set(CREATE_OPTIONAL)
        unknown = sorted(set(patch) - allowed)
        if unknown:
            raise invalid(f"{unknown[0]}: not an endpoint field")
        record = self.live(endpoint_id)
        fields = dict(copy.deepcopy(patch))
        if "appName" in fields:
            record.app_name = str(fields.pop("appName"))
        _deep_merge(record.spec, fields)

    def add_ready_failure(self, image: str, rule: StateOverride, now: float) -> None:
        """Endpoints with this image end in `rule` instead of `serving` after the delay: later
        creates and updates, and endpoints still initializing now."""
        self._ready_failures[image] = rule
        for record in self._items.values():
            if now < record.ready_at and record.spec.get("image", {}).get("image") == image:
                record.failure = rule

    def ready_failures(self) -> dict[str, dict[str, str]]:
        """The readiness-failure rules by image."""
        return {image: asdict(rule) for image, rule in self._ready_failures.items()}

    def clear(self) -> None:
        """Forget every endpoint and rule."""
        self._items.clear()
        self._ready_failures.clear()

    def to_json(self) -> dict[str, Any]:
        """The state-file form: `{"endpoints": [...], "readyFailures": {...}}`."""
        return {
            "endpoints": [record.to_json() for record in self._items.values()],
            "readyFailures": self.ready_failures(),
        }

    def load(self, saved: Mapping[str, Any]) -> None:
        """Add the endpoints and rules of a state file (the form of `to_json`)."""
        for item in saved.get("endpoints", []):
            record = EndpointRecord.from_json(item)
            self._items[record.id] = record
        for image, rule in saved.get("readyFailures", {}).items():
            self._ready_failures[image] = StateOverride(**rule)

    def _new_id(self) -> str:
        taken = set(self._items) | {r.app_name for r in self._items.values()}
        while True:
            candidate = "ep-" + secrets.token_hex(6)
            if candidate not in taken:
                return candidate


def _gone(record: EndpointRecord, now: float) -> bool:
    return record.gone_at is not None and now >= record.gone_at


def _deep_merge(target: dict[str, Any], patch: Mapping[str, Any]) -> None:
    """Merge objects key by key; any other value (arrays included) replaces the old one."""
    for key, value in patch.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        else:
            target[key] = value
