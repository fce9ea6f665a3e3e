"""The fixed cluster catalogue answered by `GET /clusters` (section 3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from .gpu_types import A100, H100, RTX_4090, RTX_5090


@dataclass(frozen=True)
class Cluster:
    """One cluster: where endpoints run and network storages live."""

    id: str
    name: str
    gpu_types: tuple[str, ...]
    network_storage: bool
    instance_network: bool

    def to_json(self) -> dict[str, Any]:
        """The `GET /clusters` item."""
        return {
            "id": self.id,
            "name": self.name,
            "availableGpuType": list(self.gpu_types),
            "supportNetworkStorage": self.network_storage,
            "supportInstanceNetwork": self.instance_network,
        }


CLUSTERS: Final = (
    Cluster("as-sgp-2", "Asia-Singapore-02", (RTX_4090, RTX_5090), True, True),
    Cluster("us-dallas-nas-2", "US-Dallas-NAS-02", (H100, A100), True, True),
    Cluster("5", "EU-West-05", (RTX_4090,), False, False),
)


def find_cluster(cluster_id: str) -> Cluster | None:
    """The cluster with this id, or None."""
    return next((cluster for cluster in CLUSTERS if cluster.id == cluster_id), None)
