"""Network storages (section 3): records, their collection and in-use release timers.

Kept inside the Store lock. A storage is in use while an endpoint mounts it (the Store passes
those endpoint ids) and until its `held_until` timestamp, which the Store pushes forward when
an endpoint that mounted it starts terminating or drops the mount.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Final

from ..errors import NETWORK_STORAGE_IN_USE, NETWORK_STORAGE_NOT_FOUND, business, invalid
from .clusters import find_cluster

PRICE_PER_GB_MONTH: Final = 0.07


@dataclass
class Storage:
    """One network storage. `held_until` is a wall-clock timestamp (0: no timer)."""

    id: str
    name: str
    size: int
    cluster_id: str
    held_until: float = 0.0

    def render(self) -> dict[str, Any]:
        """The `GET /networkstorages/list` item."""
        cluster = find_cluster(self.cluster_id)
        return {
            "storageId": self.id,
            "storageName": self.name,
            "storageSize": self.size,
            "clusterId": self.cluster_id,
            "clusterName": cluster.name if cluster else "",
            "price": f"{self.size * PRICE_PER_GB_MONTH:.2f}",
        }


class NetworkStorages:
    """Storages by id, in creation order. Not thread-safe: the Store holds its lock."""

    def __init__(self) -> None:
        self._items: dict[str, Storage] = {}

    def get(self, storage_id: str) -> Storage | None:
        """The storage with this id, or None."""
        return self._items.get(storage_id)

    def matching(self, name_part: str = "", storage_id: str = "") -> list[Storage]:
        """Storages whose name contains `name_part` (case-insensitive) and, if given, with id
        `storage_id`, in creation order."""
        needle = name_part.casefold()
        return [
            item
            for item in self._items.values()
            if needle in item.name.casefold() and storage_id in ("", item.id)
        ]

    def add(self, cluster_id: str, name: str, size: int) -> str:
        """Store a storage; its name must be unused. Returns the new id."""
        self._check_name_free(name, "")
        while (storage_id := "ns-" + secrets.token_hex(5)) in self._items:
            pass
        self._items[storage_id] = Storage(storage_id, name, size, cluster_id)
        return storage_id

    def update(self, storage_id: str, name: str, size: int) -> None:
        """Rename and/or grow a storage."""
        item = self._get(storage_id)
        self._check_name_free(name, storage_id)
        if size < item.size:
            raise invalid(f"storageSize: can only grow (currently {item.size} GB, asked {size})")
        item.name = name
        item.size = size

    def remove(self, storage_id: str, mounted_by: Iterable[str], now: float) -> None:
        """Delete a storage that no endpoint (`mounted_by`: their ids) mounts, once released."""
        item = self._get(storage_id)
        users = sorted(mounted_by)
        if users:
            raise business(
                NETWORK_STORAGE_IN_USE,
                f"storageId: network storage {storage_id!r} is mounted by endpoint(s) "
                + ", ".join(users),
            )
        if now < item.held_until:
            raise business(
                NETWORK_STORAGE_IN_USE,
                f"storageId: network storage {storage_id!r} is still being released "
                f"({item.held_until - now:.1f}s left)",
            )
        del self._items[storage_id]

    def hold(self, storage_ids: Iterable[str], until: float) -> None:
        """Keep these storages in use until at least `until` (unknown ids are ignored)."""
        for storage_id in storage_ids:
            item = self._items.get(storage_id)
            if item is not None:
                item.held_until = max(item.held_until, until)

    def edit(self, storage_id: str, patch: Mapping[str, Any]) -> None:
        """Set `storageSize` (an integer) and/or `storageName` (a string), no business rules."""
        for key, value in patch.items():
            if key == "storageSize":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise invalid("storageSize: must be an integer")
            elif key == "storageName":
                if not isinstance(value, str):
                    raise invalid("storageName: must be a string")
            else:
                raise invalid(f"{key}: not an editable network storage field")
        item = self._get(storage_id)
        if "storageSize" in patch:
            item.size = patch["storageSize"]
        if "storageName" in patch:
            item.name = patch["storageName"]

    def clear(self) -> None:
        """Forget every storage."""
        self._items.clear()

    def to_json(self) -> list[dict[str, Any]]:
        """The state-file form (release timers included)."""
        return [asdict(item) for item in self._items.values()]

    def load(self, saved: Iterable[Mapping[str, Any]]) -> None:
        """Add the storages of a state file (the form of `to_json`)."""
        for data in saved:
            item = Storage(**data)
            self._items[item.id] = item

    def _get(self, storage_id: str) -> Storage:
        item = self._items.get(storage_id)
        if item is None:
            raise business(
                NETWORK_STORAGE_NOT_FOUND, f"storageId: network storage {storage_id!r} not found"
            )
        return item

    def _check_name_free(self, name: str, own_id: str) -> None:
        if any(item.name == name and item.id != own_id for item in self._items.values()):
            raise invalid(f"storageName: a network storage named {name!r} already exists")
