"""Lookups a Pulumi program can call: the account's clusters and endpoint limits.

They run in the program's process (during preview too) with the same settings as the
resources: stack config ``novita:apiKey``/``novita:apiUrl``, else the environment.
"""

from __future__ import annotations

from pulumi.runtime import get_config

from .api_models import Cluster, EndpointLimits
from .client import shared_client
from .settings import API_KEY_CONFIG, API_URL_CONFIG, ProviderSettings


def _program_settings() -> ProviderSettings:
    config = {key: get_config(key) for key in (API_KEY_CONFIG, API_URL_CONFIG)}
    return ProviderSettings.resolve(config)


def get_clusters(
    *, supports_network_storage: bool | None = None, gpu_type: str | None = None
) -> list[Cluster]:
    """Clusters on the account, optionally only those with network storage support and/or
    offering a GPU type (exact name, e.g. ``"NVIDIA GeForce RTX 4090"``)."""
    clusters = shared_client(_program_settings()).list_clusters()
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
    return shared_client(_program_settings()).get_limits()
