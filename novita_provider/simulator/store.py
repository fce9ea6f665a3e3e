"""The simulator's state behind one lock: endpoints, readiness-failure rules, registry
credentials, network storages and delays.

Every mutation is saved to the state file (when one is set) before the lock is released.
Each collection is saved under its own key of the state file.
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

from .credentials import Credentials
from .endpoint_spec import CREATE_OPTIONAL, CREATE_REQUIRED
from .errors import SERVERLESS_APP_NAME_IS_EXIST, business, endpoint_not_found, invalid
from .persistence import load_state, save_state
from .records import EndpointRecord, StateOverride
from .references import auth_id, check_references, network_storage_ids
from .render import render_endpoint
from .storages import NetworkStorages

STATE_VERSION = 1
DEFAULT_FAILURE_ERROR = "IMAGE_PULL_FAILED"


class Store:
    """Thread-safe in-memory state, optionally persisted to a JSON file."""

    def __init__(
        self,
        *,
        ready_delay: float = 0.0,
        terminate_delay: float = 0.0,
        storage_release_delay: float = 0.0,
        state_file: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._lock = threading.RLock()
        self._clock = clock
        self._state_file = state_file
        self.ready_delay = ready_delay
        self.terminate_delay = terminate_delay
        self.storage_release_delay = storage_release_delay
        self._endpoints: dict[str, EndpointRecord] = {}
        self._ready_failures: dict[str, StateOverride] = {}
        self._credentials = Credentials()
        self._storages = NetworkStorages()
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
            "registryAuths": self._credentials.to_json(),
            "networkStorages": self._storages.to_json(),
        }
        save_state(self._state_file, data)

    def _restore(self, saved: dict[str, Any]) -> None:
        try:
            for item in saved.get("endpoints", []):
                record = EndpointRecord.from_json(item)
                self._endpoints[record.id] = record
            for image, rule in saved.get("readyFailures", {}).items():
                self._ready_failures[image] = StateOverride(**rule)
            self._credentials.load(saved.get("registryAuths", []))
            self._storages.load(saved.get("networkStorages", []))
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
            check_references(spec, "endpoint", self._credentials, self._storages)
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
            check_references(changes, "", self._credentials, self._storages)
            dropped = network_storage_ids(record.spec) - network_storage_ids(changes)
            self._storages.hold(dropped, now + self.storage_release_delay)
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
                released = network_storage_ids(record.spec)
                self._storages.hold(released, now + self.storage_release_delay)

    # -- registry credentials (section 2) -------------------------------------------------

    def list_credentials(self) -> list[dict[str, str]]:
        """Every credential in creation order, passwords included."""
        with self._reading():
            return self._credentials.listed()

    def save_credential(self, name: str, username: str, password: str) -> str:
        """Store a credential with an unused name; returns its id."""
        with self._mutating():
            return self._credentials.add(name, username, password)

    def delete_credential(self, credential_id: str) -> None:
        """Delete a credential that no endpoint (terminating ones included) references."""
        with self._mutating():
            users = [r.id for r in self._endpoints.values() if auth_id(r.spec) == credential_id]
            self._credentials.remove(credential_id, users)

    # -- network storage (section 3) ------------------------------------------------------

    def list_storages(
        self, name_part: str, storage_id: str, offset: int, limit: int
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the storages matching the filters, and how many match."""
        with self._reading():
            matches = self._storages.matching(name_part, storage_id)
            return [item.render() for item in matches[offset : offset + limit]], len(matches)

    def create_storage(self, cluster_id: str, name: str, size: int) -> str:
        """Store a storage (in a cluster already checked) with an unused name; returns its id."""
        with self._mutating():
            return self._storages.add(cluster_id, name, size)

    def update_storage(self, storage_id: str, name: str, size: int) -> None:
        """Rename and/or grow a storage."""
        with self._mutating():
            self._storages.update(storage_id, name, size)

    def delete_storage(self, storage_id: str) -> None:
        """Delete a storage no endpoint mounts (terminating ones included), once released."""
        with self._mutating() as now:
            users = [
                r.id for r in self._endpoints.values() if storage_id in network_storage_ids(r.spec)
            ]
            self._storages.remove(storage_id, users, now)

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

    def all_credentials(self) -> list[dict[str, str]]:
        """Every credential, passwords included (the admin view)."""
        return self.list_credentials()

    def edit_credential(self, credential_id: str, patch: Mapping[str, Any]) -> None:
        """Change a credential's `username` and/or `password`, as if edited in the console."""
        with self._mutating():
            self._credentials.edit(credential_id, patch)

    def all_storages(self) -> list[dict[str, Any]]:
        """Every storage in list shape (the admin view)."""
        with self._reading():
            return [item.render() for item in self._storages.matching()]

    def edit_storage(self, storage_id: str, patch: Mapping[str, Any]) -> None:
        """Set a storage's `storageSize` and/or `storageName` without business rules."""
        with self._mutating():
            self._storages.edit(storage_id, patch)

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
        self,
        *,
        ready_delay: float | None = None,
        terminate_delay: float | None = None,
        storage_release_delay: float | None = None,
    ) -> dict[str, float]:
        """Change the delays used by later creates, updates and deletes; returns them."""
        with self._lock:
            if ready_delay is not None:
                self.ready_delay = ready_delay
            if terminate_delay is not None:
                self.terminate_delay = terminate_delay
            if storage_release_delay is not None:
                self.storage_release_delay = storage_release_delay
            return {
                "readyDelay": self.ready_delay,
                "terminateDelay": self.terminate_delay,
                "storageReleaseDelay": self.storage_release_delay,
            }

    def reset(self) -> None:
        """Forget every endpoint, rule, credential and storage."""
        with self._mutating():
            self._endpoints.clear()
            self._ready_failures.clear()
            self._credentials.clear()
            self._storages.clear()


def _gone(record: EndpointRecord, now: float) -> bool:
    return record.gone_at is not None and now >= record.gone_at


def _deep_merge(target: dict[str, Any], patch: Mapping[str, Any]) -> None:
    """Merge objects key by key; any other value (arrays included) replaces the old one."""
    for key, value in patch.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        else:
            target[key] = value
