"""Section 3: the network storage and cluster calls, registered into the API router."""

from __future__ import annotations

from typing import Any

from ..checks import expect_int, expect_object, expect_str
from ..errors import invalid
from ..query import check_query, page_window
from ..router import Request, Router
from ..shapes import renamed_key
from ..store import Store
from .clusters import CLUSTERS, find_cluster

NAME_MAX = 255
MIN_SIZE_GB = 10
MAX_SIZE_GB = 10000
_FIELDS = ("storageId", "storageName", "storageSize")


def register(router: Router, store: Store) -> None:
    """Add the cluster list and the four network storage calls to `router`."""
    handlers = _StorageHandlers(store)
    router.add("GET", "/clusters", handlers.clusters)
    router.add("GET", "/networkstorages/list", handlers.list_storages)
    router.add("POST", "/networkstorage/create", handlers.create)
    router.add("POST", "/networkstorage/update", handlers.update)
    router.add("POST", "/networkstorage/delete", handlers.delete)


class _StorageHandlers:
    def __init__(self, store: Store) -> None:
        self._store = store

    def clusters(self, request: Request) -> dict[str, Any]:
        check_query(request, ())
        return {"data": [cluster.to_json() for cluster in CLUSTERS]}

    def list_storages(self, request: Request) -> dict[str, Any]:
        check_query(request, ("pageNo", "pageSize", "storageName", "storageId"))
        offset, limit = page_window(request, "pageNo", "pageSize", self._store.shape)
        name_part = request.query.get("storageName", "")
        storage_id = request.query.get("storageId", "")
        data, total = self._store.list_storages(name_part, storage_id, offset, limit)
        id_key = self._store.shape.storage_id_key
        return {"data": renamed_key(data, "storageId", id_key), "total": total}

    def create(self, request: Request) -> str:
        raw = expect_object(request.body, "", required=("clusterId", "storageName", "storageSize"))
        cluster_id = expect_str(raw["clusterId"], "clusterId", min_len=1)
        name = expect_str(raw["storageName"], "storageName", min_len=1, max_len=NAME_MAX)
        size = expect_int(raw["storageSize"], "storageSize", MIN_SIZE_GB, MAX_SIZE_GB)
        cluster = find_cluster(cluster_id)
        if cluster is None:
            raise invalid(f"clusterId: unknown cluster {cluster_id!r}")
        if not cluster.network_storage:
            raise invalid(
                f"clusterId: cluster {cluster_id!r} ({cluster.name}) does not support network "
                "storage (supportNetworkStorage is false)"
            )
        return self._store.create_storage(cluster_id, name, size)

    def update(self, request: Request) -> dict[str, Any]:
        raw = expect_object(request.body, "", required=_FIELDS)
        storage_id = expect_str(raw["storageId"], "storageId", min_len=1)
        name = expect_str(raw["storageName"], "storageName", min_len=1, max_len=NAME_MAX)
        size = expect_int(
            raw["storageSize"], "storageSize", MIN_SIZE_GB, MAX_SIZE_GB, numeric_string=True
        )
        self._store.update_storage(storage_id, name, size)
        return {}

    def delete(self, request: Request) -> dict[str, Any]:
        raw = expect_object(request.body, "", required=("storageId",))
        self._store.delete_storage(expect_str(raw["storageId"], "storageId", min_len=1))
        return {}
