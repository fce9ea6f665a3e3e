"""The functions (invokes) the native provider serves: each declared by an arguments model and
a result model (from which the schema is generated), and run by the same lookups the Python
programs of the dynamic resources call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, StrictStr

from ..api.client import NovitaClient
from ..api.models import Cluster, EndpointLimits
from ..lookups import matching_clusters


class NoArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GetClustersArgs(NoArgs):
    supports_network_storage: StrictBool | None = None
    """Only clusters that do (true) or do not (false) support network volumes."""
    gpu_type: StrictStr | None = None
    """Only clusters offering this GPU type (exact name, e.g. "NVIDIA GeForce RTX 4090")."""


class GetClustersResult(BaseModel):
    clusters: list[Cluster]
    """The matching clusters, in the API's order."""


@dataclass(frozen=True)
class Function:
    name: str
    """The function's name in its token: ``getClusters`` in ``novita:index:getClusters``."""
    description: str
    args: type[BaseModel]
    result: type[BaseModel]
    run: Callable[[NovitaClient, Any], BaseModel]


def _get_clusters(client: NovitaClient, args: GetClustersArgs) -> GetClustersResult:
    return GetClustersResult(
        clusters=matching_clusters(
            client.list_clusters(),
            supports_network_storage=args.supports_network_storage,
            gpu_type=args.gpu_type,
        )
    )


def _get_endpoint_limits(client: NovitaClient, args: NoArgs) -> EndpointLimits:
    return client.get_limits()


FUNCTIONS: tuple[Function, ...] = (
    Function(
        "getClusters",
        "Clusters on the account, optionally only those with network storage support and/or "
        "offering a GPU type.",
        GetClustersArgs,
        GetClustersResult,
        _get_clusters,
    ),
    Function(
        "getEndpointLimits",
        "The ranges endpoint settings must fall in.",
        NoArgs,
        EndpointLimits,
        _get_endpoint_limits,
    ),
)
