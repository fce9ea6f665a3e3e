"""The simulator's state: endpoints, readiness-failure rules and delays, behind one lock.

Every mutation is saved to the state file (when one is set) before the lock is released.
Later API sections add their collections here and to the saved JSON under their own key.
"""

from __future__ import annotations

import copy
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from .endpoint_spec import CREATE_OPTIONAL, CREATE_REQUIRED
from .errors import SERVERLESS_APP_NAME_IS_EXIST, business, endpoint_not_found, invalid
from .persistence import load_state, save_state
from .records import EndpointRecord, StateOverride
from .render import render_endpoint

STATE_VERSION = 1
DEFAULT_FAILURE_ERROR = "IMAGE_PULL_FAILED"


class Store:
    """Thread-safe in-memory state, optionally persisted to a JSON file."""

    def __init__(
        self,
        *,
        ready_delay: float = 0.0,
        terminate_delay: float = 0.0,
        state_file: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._lock = threading.RLock()
        self._clock = clock
        self._state_file = state_file
        self.ready_delay = ready_delay
        self.terminate_delay = terminate_delay
        self._endpoints: dict[str, EndpointRecord] = {}
        self._ready_failures: dict[str, StateOverride] = {}
        if state_file is not None:
            saved = load_state(state_file)
            if saved is not None:
                self._restore(saved)

    # -- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[float]:
        """Hold the lock, drop endpoints whose termination has ended, yield the time."""
        with self._lock:
            now = self._clock()
            for endpoint_id in [k for k, r in self._endpoints.items() if _gone(r, now)]:
                del self._endpoints[endpoint_id]
            yield now

    @contextmanager
    def _mutating(self) -> Iterator[float]:
        """Like `_reading`, then save the state file if the body completed."""
        with self._reading() as now:
            yield now
            self._save()

    def _save(self) -> None:
        if self._state_file is None:
            return
        data = {
            "version": STATE_VERSION,
            "endpoints": [record.to_json() for record in self._endpoints.values()],
            "readyFailures": {image: asdict(rule) for image, rule in self._ready_failures.items()},
        }
        save_state(self._state_file, data)

    def _restore(self, saved: dict[str, Any]) -> None:
        try:
            for item in saved.get("endpoints", []):
                record = EndpointRecord.from_json(item)
                self._endpoints[record.id] = record
            for image, rule in saved.get("readyFailures", {}).items():
                self._ready_failures[image] = StateOverride(**rule)
        except (AttributeError, KeyError, TypeError) as error:
            raise ValueError(f"state file {self._state_file}: unreadable ({error!r})") from None

    def _live(self, endpoint_id: str) -> EndpointRecord:
        record = self._endpoints.get(endpoint_id)
        if record is None:
            raise endpoint_not_found(endpoint_id)
        return record

    def _new_id(self) -> str:
        taken = set(self._endpoints) | {r.app_name for r in self._endpoints.values()}
        while True:
            candidate = "ep-" + secrets.token_hex(6)
            if candidate not in taken:
                return candidate

    # -- endpoints (section 1) ------------------------------------------------------------

    def create_endpoint(self, spec: dict[str, Any], app_name: str) -> str:
        """Store a validated endpoint; fails if `app_name` is in use. Returns the new id."""
        with self._mutating() as now:
            if app_name and any(r.app_name == app_name for r in self._endpoints.values()):
                raise business(
                    SERVERLESS_APP_NAME_IS_EXIST, f"endpoint.appName: {app_name!r} already exists"
                )
            endpoint_id = self._new_id()
            self._endpoints[endpoint_id] = EndpointRecord(
                id=endpoint_id,
                app_name=app_name or endpoint_id,
                spec=copy.deepcopy(spec),
                created_at=now,
                ready_at=now + self.ready_delay,
                failure=self._ready_failures.get(spec["image"]["image"]),
            )
            return endpoint_id

    def get_endpoint(self, endpoint_id: str) -> dict[str, Any]:
        """The endpoint in read shape; not found once its termination has ended."""
        with self._reading() as now:
            return render_endpoint(self._live(endpoint_id), now)

    def list_endpoints(self, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """One page of endpoints in creation order, and the total count."""
        with self._reading() as now:
            records = list(self._endpoints.values())
            page = records[offset : offset + limit]
            return [render_endpoint(r, now) for r in page], len(records)

    def update_endpoint(self, endpoint_id: str, changes: dict[str, Any]) -> None:
        """Replace the updatable fields and restart the readiness timer."""
        with self._mutating() as now:
            record = self._live(endpoint_id)
            if record.terminating_at is not None:
                raise endpoint_not_found(endpoint_id)
            record.spec.update(copy.deepcopy(changes))
            record.generation += 1
            record.ready_at = now + self.ready_delay
            record.forced = None
            record.failure = self._ready_failures.get(record.spec["image"]["image"])

    def delete_endpoint(self, endpoint_id: str) -> None:
        """Start termination; a second delete of a terminating endpoint is a no-op."""
        with self._mutating() as now:
            record = self._live(endpoint_id)
            if record.terminating_at is None:
                record.terminating_at = now
                record.gone_at = now + self.terminate_delay

    # -- test controls (admin surface) ----------------------------------------------------

    def all_endpoints(self) -> list[dict[str, Any]]:
        """Every stored endpoint, terminating ones included, in read shape."""
        with self._reading() as now:
            return [render_endpoint(r, now) for r in self._endpoints.values()]

    def force_state(self, endpoint_id: str, state: str, message: str = "", error: str = "") -> None:
        """Force the reported state until the endpoint's next update."""
        with self._mutating():
            self._live(endpoint_id).forced = StateOverride(state, error, message)

    def edit_endpoint(self, endpoint_id: str, patch: Mapping[str, Any]) -> None:
        """Deep-merge a create-shaped partial object into the stored endpoint, unvalidated."""
        allowed = set(CREATE_REQUIRED) | set(CREATE_OPTIONAL)
        unknown = sorted(set(patch) - allowed)
        if unknown:
            raise invalid(f"{unknown[0]}: not an endpoint field")
        with self._mutating():
            record = self._live(endpoint_id)
            fields = dict(copy.deepcopy(patch))
            if "appName" in fields:
                record.app_name = str(fields.pop("appName"))
            _deep_merge(record.spec, fields)

    def add_ready_failure(
        self, image: str, message: str, error: str = DEFAULT_FAILURE_ERROR
    ) -> None:
        """Endpoints with this image end in `failed` instead of `serving` after the delay.

        Applies to later creates/updates and to endpoints still initializing now.
        """
        rule = StateOverride("failed", error, message)
        with self._mutating() as now:
            self._ready_failures[image] = rule
            for record in self._endpoints.values():
                if now < record.ready_at and record.spec.get("image", {}).get("image") == image:
                    record.failure = rule

    def ready_failures(self) -> dict[str, dict[str, str]]:
        """The readiness-failure rules by image."""
        with self._reading():
            return {image: asdict(rule) for image, rule in self._ready_failures.items()}

    def configure(
        self, *, ready_delay: float | None = None, terminate_delay: float | None = None
    ) -> dict[str, float]:
        """Change the delays used by later creates, updates and deletes; returns them."""
        with self._lock:
            if ready_delay is not None:
                self.ready_delay = ready_delay
            if terminate_delay is not None:
                self.terminate_delay = terminate_delay
            return {"readyDelay": self.ready_delay, "terminateDelay": self.terminate_delay}

    def reset(self) -> None:
        """Forget every endpoint and rule."""
        with self._mutating():
            self._endpoints.clear()
            self._ready_failures.clear()


def _gone(record: EndpointRecord, now: float) -> bool:
    return record.gone_at is not None and now >= record.gone_at


def _deep_merge(target: dict[str, Any], patch: Mapping[str, Any]) -> None:
    """Merge objects key by key; any other value (arrays included) replaces the old one."""
    for key, value in patch.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        else:
            target[key] = value
