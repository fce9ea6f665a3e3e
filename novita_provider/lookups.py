"""Lookups a Pulumi program can call: the account's clusters and endpoint limits.

They run in the program's process (during preview too) with the same settings as the
resources: stack config ``novita:apiKey``/``novita:apiUrl``, else the environment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import pulumi
from pulumi.runtime import get_config

from .errors import NovitaError

if TYPE_CHECKING:
    from .api.client import NovitaClient
    from .api.models import Cluster, EndpointLimits

T = TypeVar("T")


def _lookup(call: Callable[[NovitaClient], T]) -> T:
    """Run a lookup; an expected failure stops the program with one line, not a traceback.
    The client (httpx, pydantic) is imported here, on first use, not with the package."""
    from .api.client import shared_client
    from .api.settings import CONFIG_KEYS, ProviderSettings

    try:
        settings = ProviderSettings.resolve({key: get_config(key) for key in CONFIG_KEYS})
        return call(shared_client(settings))
    except NovitaError as exc:
        raise pulumi.RunError(str(exc)) from None


def get_clusters(
    *, supports_network_storage: bool | None = None, gpu_type: str | None = None
) -> list[Cluster]:
    """Clusters on the account, optionally only those with network storage support and/or
    offering a GPU type (exact name, e.g. ``"NVIDIA GeForce RTX 4090"``)."""
    clusters = _lookup(lambda client: client.list_clusters())
    return matching_clusters(
        clusters, supports_network_storage=supports_network_storage, gpu_type=gpu_type
    )


def matching_clusters(
    clusters: list[Cluster],
    *,
    supports_network_storage: bool | None = None,
    gpu_type: str | None = None,
) -> list[Cluster]:
    """The clusters that match both filters (a filter left None matches every cluster)."""
    return [
        cluster
        for cluster in clusters
        if (
            supports_network_storage is None
            or cluster.support_network_storage == supports_network_storage
        )
        and (gpu_type is None or gpu_type in cluster.available_gpu_type)
    ]


def get_endpoint_limits() -> EndpointLimits:
    """The ranges endpoint settings must fall in (``GET /endpoint/limit``)."""
    return _lookup(lambda client: client.get_limits())
