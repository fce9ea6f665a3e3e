"""Lookups a Pulumi program can call: the account's clusters and endpoint limits.

They run in the program's process (during preview too) with the same settings as the
resources: stack config ``novita:apiKey``/``novita:apiUrl``, else the environment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pulumi
from pulumi.runtime import get_config

from .api_models import Cluster, EndpointLimits
from .client import NovitaClient, shared_client
from .errors import NovitaError
from .settings import (
    API_KEY_CONFIG,
    API_URL_CONFIG,
    MAX_RETRIES,
    REQUEST_TIMEOUT,
    RETRY_TIMEOUT,
    ProviderSettings,
)

T = TypeVar("T")
_KEYS = (API_KEY_CONFIG, API_URL_CONFIG, REQUEST_TIMEOUT[0], MAX_RETRIES[0], RETRY_TIMEOUT[0])


def _lookup(call: Callable[[NovitaClient], T]) -> T:
    """Run a lookup; an expected failure stops the program with one line, not a traceback."""
    try:
        settings = ProviderSettings.resolve({key: get_config(key) for key in _KEYS})
        return call(shared_client(settings))
    except NovitaError as exc:
        raise pulumi.RunError(str(exc)) from None


def get_clusters(
    *, supports_network_storage: bool | None = None, gpu_type: str | None = None
) -> list[Cluster]:
    """Clusters on the account, optionally only those with network storage support and/or
    offering a GPU type (exact name, e.g. ``"NVIDIA GeForce RTX 4090"``)."""
    clusters = _lookup(NovitaClient.list_clusters)
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
    return _lookup(NovitaClient.get_limits)
