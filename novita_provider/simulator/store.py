"""The simulator's state behind one lock: the three sections' collections, the rules that
span sections (references, in-use checks, storage release timers), delays and response shape.

Every mutation is saved to the state file (when one is set) before the lock is released.
Each collection is saved under its own key of the state file.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .endpoints.collection import DEFAULT_FAILURE_ERROR, Endpoints
from .endpoints.records import StateOverride
from .errors import endpoint_not_found
from .network_storage.collection import NetworkStorages
from .persistence import load_state, save_state
from .references import auth_id, check_references, network_storage_ids
from .registry_auths.collection import Credentials
from .shapes import DOCUMENTED, ResponseShape

STATE_VERSION = 1


class Store:
    """Thread-safe in-memory state, optionally persisted to a JSON file."""

    def __init__(
        self,
        *,
        ready_delay: float = 0.0,
        terminate_delay: float = 0.0,
        storage_release_delay: float = 0.0,
        shape: ResponseShape = DOCUMENTED,
        state_file: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._lock = threading.RLock()
        self._clock = clock
        self._state_file = state_file
        self.ready_delay = ready_delay
        self.terminate_delay = terminate_delay
        self.storage_release_delay = storage_release_delay
        self.shape = shape
        """Replaced whole (never mutated), so a reader may use it without the lock."""
        self._endpoints = Endpoints()
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
            self._endpoints.prune(now)
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
            **self._endpoints.to_json(),
            "registryAuths": self._credentials.to_json(),
            "networkStorages": self._storages.to_json(),
        }
        save_state(self._state_file, data)

    def _restore(self, saved: dict[str, Any]) -> None:
        try:
            self._endpoints.load(saved)
            self._credentials.load(saved.get("registryAuths", []))
            self._storages.load(saved.get("networkStorages", []))
        except (AttributeError, KeyError, TypeError) as error:
            raise ValueError(f"state file {self._state_file}: unreadable ({error!r})") from None

    # -- endpoints (section 1) ------------------------------------------------------------

    def create_endpoint(self, spec: dict[str, Any], app_name: str) -> str:
        """Store a validated endpoint; fails if `app_name` is in use. Returns the new id."""
        with self._mutating() as now:
            check_references(spec, "endpoint", self._credentials, self._storages)
            return self._endpoints.add(spec, app_name, now, self.ready_delay)

    def get_endpoint(self, endpoint_id: str) -> dict[str, Any]:
        """The endpoint in read shape; not found once its termination has ended."""
        with self._reading() as now:
            return self._endpoints.rendered(now, [self._endpoints.live(endpoint_id)])[0]

    def list_endpoints(self, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """One page of endpoints in the shape's list order, and the total count."""
        with self._reading() as now:
            records = self.shape.ordered(self._endpoints.records())
            return self._endpoints.rendered(now, records[offset : offset + limit]), len(records)

    def update_endpoint(self, endpoint_id: str, changes: dict[str, Any]) -> None:
        """Replace the updatable fields and restart the readiness timer."""
        with self._mutating() as now:
            record = self._endpoints.live(endpoint_id)
            if record.terminating_at is not None:
                raise endpoint_not_found(endpoint_id)
            check_references(changes, "", self._credentials, self._storages)
            dropped = network_storage_ids(record.spec) - network_storage_ids(changes)
            self._storages.hold(dropped, now + self.storage_release_delay)
            self._endpoints.update(record, changes, now + self.ready_delay)

    def delete_endpoint(self, endpoint_id: str) -> None:
        """Start termination; a second delete of a terminating endpoint is a no-op."""
        with self._mutating() as now:
            record = self._endpoints.live(endpoint_id)
            if record.terminating_at is None:
                record.terminating_at = now
                record.gone_at = now + self.terminate_delay
                released = network_storage_ids(record.spec)
                self._storages.hold(released, now + self.storage_release_delay)

    # -- registry credentials (section 2) -------------------------------------------------

    def list_credentials(self) -> list[dict[str, str]]:
        """Every credential in the shape's list order, passwords included."""
        with self._reading():
            return self.shape.ordered(self._credentials.listed())

    def save_credential(self, name: str, username: str, password: str) -> str:
        """Store a credential with an unused name; returns its id."""
        with self._mutating():
            return self._credentials.add(name, username, password)

    def delete_credential(self, credential_id: str) -> None:
        """Delete a credential that no endpoint (terminating ones included) references."""
        with self._mutating():
            users = [r.id for r in self._endpoints.records() if auth_id(r.spec) == credential_id]
            self._credentials.remove(credential_id, users)

    # -- network storage (section 3) ------------------------------------------------------

    def list_storages(
        self, name_part: str, storage_id: str, offset: int, limit: int
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the storages matching the filters (in the shape's list order), and how
        many match."""
        with self._reading():
            matches = self.shape.ordered(self._storages.matching(name_part, storage_id))
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
                r.id for r in self._endpoints.records() if storage_id in network_storage_ids(r.spec)
            ]
            self._storages.remove(storage_id, users, now)

    # -- test controls (admin surface; always the documented shape) -----------------------

    def all_endpoints(self) -> list[dict[str, Any]]:
        """Every stored endpoint, terminating ones included, in read shape."""
        with self._reading() as now:
            return self._endpoints.rendered(now)

    def force_state(self, endpoint_id: str, state: str, message: str = "", error: str = "") -> None:
        """Force the reported state until the endpoint's next update."""
        with self._mutating():
            self._endpoints.force_state(endpoint_id, state, message, error)

    def edit_endpoint(self, endpoint_id: str, patch: Mapping[str, Any]) -> None:
        """Deep-merge a create-shaped partial object into the stored endpoint, unvalidated."""
        with self._mutating():
            self._endpoints.edit(endpoint_id, patch)

    def all_credentials(self) -> list[dict[str, str]]:
        """Every credential in creation order, passwords included (the admin view)."""
        with self._reading():
            return self._credentials.listed()

    def edit_credential(self, credential_id: str, patch: Mapping[str, Any]) -> None:
        """Change a credential's `username` and/or `password`, as if edited in the console."""
        with self._mutating():
            self._credentials.edit(credential_id, patch)

    def all_storages(self) -> list[dict[str, Any]]:
        """Every storage in documented list shape, creation order (the admin view)."""
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
        with self._mutating() as now:
            self._endpoints.add_ready_failure(image, StateOverride("failed", error, message), now)

    def ready_failures(self) -> dict[str, dict[str, str]]:
        """The readiness-failure rules by image."""
        with self._reading():
            return self._endpoints.ready_failures()

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

    def reshape(self, all_variants: bool | None = None, **changes: Any) -> ResponseShape:
        """Change the response shape (see `ResponseShape.changed`); returns the new one.
        Raises ValueError, changing nothing, for an invalid option."""
        with self._lock:
            self.shape = self.shape.changed(all_variants, **changes)
            return self.shape

    def reset(self) -> None:
        """Forget every endpoint, rule, credential and storage (delays and shape are kept)."""
        with self._mutating():
            self._endpoints.clear()
            self._credentials.clear()
            self._storages.clear()
