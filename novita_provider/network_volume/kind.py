"""The NetworkVolume resource against the Novita API.

Volumes grow in place and never shrink; a different cluster means a new volume. The create
call's response is not relied upon for the id: the volume is found by its unique name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..core.account_data import clusters_for
from ..core.check import Failure
from ..core.kind import Live, ResourceKind
from ..core.numbers import whole_number
from ..errors import NovitaError
from .spec import NetworkVolumeOutputs, NetworkVolumeSpec

if TYPE_CHECKING:
    from ..api import models as api


class NetworkVolumeKind(ResourceKind[NetworkVolumeSpec]):
    type_name = "NetworkVolume"
    spec = NetworkVolumeSpec
    output_spec = NetworkVolumeOutputs
    unique_field = "name"
    in_use_reason = "NETWORK_STORAGE_IN_USE"

    def rules(
        self, known: Mapping[str, Any], unknown_paths: set[str], olds: Mapping[str, Any]
    ) -> Iterable[Failure]:
        yield from self._shrink(known, olds)
        cluster_id = known.get("cluster_id")
        if isinstance(cluster_id, str) and cluster_id:
            yield from self._cluster(cluster_id)

    def _shrink(self, known: Mapping[str, Any], olds: Mapping[str, Any]) -> Iterator[Failure]:
        size, old_size = whole_number(known.get("size_gb")), whole_number(olds.get("size_gb"))
        if size is None or old_size is None or size >= old_size:
            return
        if self.would_replace(olds, known):
            return  # a new volume elsewhere may be any size
        yield Failure(
            "size_gb",
            f"network volumes can only grow: {old_size} GB cannot shrink to {size} GB "
            "(create a new volume to get a smaller one)",
        )

    def _cluster(self, cluster_id: str) -> Iterator[Failure]:
        clusters = clusters_for(self.client())
        if clusters is None:
            return
        cluster = next((c for c in clusters if c.id == cluster_id), None)
        if cluster is None:
            known = ", ".join(c.id for c in clusters if c.support_network_storage)
            yield Failure(
                "cluster_id", f"unknown cluster {cluster_id!r}; with network storage: {known}"
            )
        elif not cluster.support_network_storage:
            yield Failure(
                "cluster_id",
                f"cluster {cluster_id} ({cluster.name}) does not support network storage",
            )

    def api_create(self, spec: NetworkVolumeSpec) -> Live:
        client = self.client()
        return _live(client.create_network_storage(spec.cluster_id, spec.name, spec.size_gb))

    def api_find(self, spec: NetworkVolumeSpec) -> Live | None:
        storage = self.client().find_network_storage(name=spec.name)
        return None if storage is None else _live(storage)

    def api_read(self, id_: str) -> Live | None:
        storage = self.client().find_network_storage(storage_id=id_)
        return None if storage is None else _live(storage)

    def api_update(self, id_: str, spec: NetworkVolumeSpec, olds: Mapping[str, Any]) -> Live:
        client = self.client()
        client.update_network_storage(id_, spec.name, spec.size_gb)
        storage = client.find_network_storage(storage_id=id_)
        if storage is None:
            raise NovitaError(f"update network volume {id_}: it is no longer listed")
        return _live(storage)

    def api_delete(self, id_: str, props: Mapping[str, Any]) -> None:
        self.client().delete_network_storage(id_)


def _live(storage: api.NetworkStorage) -> Live:
    return Live(
        storage.storage_id,
        {
            "name": storage.storage_name,
            "cluster_id": storage.cluster_id,
            "size_gb": storage.storage_size,
        },
        {"cluster_name": storage.cluster_name, "price": storage.price},
    )
