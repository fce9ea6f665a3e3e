"""Pulumi resources for Novita AI serverless GPU endpoints.

Importing this package is cheap: the resource classes register a provider reference, and the
implementation (pydantic models, the httpx client) loads only in the provider process, or in
the program when a lookup such as :func:`get_clusters` is called.
"""

from typing import TYPE_CHECKING, Any

# Hand-written: the package's public names are a choice, one import line per resource (each
# resource package's own exports are generated, see novita_provider/codegen/surface.py).
from .endpoint import (
    Endpoint,
    EndpointArgs,
    EndpointEnv,
    EndpointEnvArgs,
    EndpointEnvArgsDict,
    EndpointHealthCheck,
    EndpointHealthCheckArgs,
    EndpointHealthCheckArgsDict,
    EndpointImage,
    EndpointImageArgs,
    EndpointImageArgsDict,
    EndpointPolicy,
    EndpointPolicyArgs,
    EndpointPolicyArgsDict,
    EndpointPort,
    EndpointPortArgs,
    EndpointPortArgsDict,
    EndpointVolumeMount,
    EndpointVolumeMountArgs,
    EndpointVolumeMountArgsDict,
    EndpointWorkerConfig,
    EndpointWorkerConfigArgs,
    EndpointWorkerConfigArgsDict,
    PolicyType,
    VolumeMountType,
)
from .errors import NovitaApiError, NovitaError
from .lookups import get_clusters, get_endpoint_limits
from .network_volume import NetworkVolume, NetworkVolumeArgs
from .registry_credential import RegistryCredential, RegistryCredentialArgs

if TYPE_CHECKING:
    from .api.models import Cluster, EndpointLimits

_LAZY = {"Cluster": "novita_provider.api.models", "EndpointLimits": "novita_provider.api.models"}


def __getattr__(name: str) -> Any:
    """The lookups' result types, imported on first use (they are pydantic models)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'novita_provider' has no attribute {name!r}")


__all__ = [
    "Cluster",
    "Endpoint",
    "EndpointArgs",
    "EndpointEnv",
    "EndpointEnvArgs",
    "EndpointEnvArgsDict",
    "EndpointHealthCheck",
    "EndpointHealthCheckArgs",
    "EndpointHealthCheckArgsDict",
    "EndpointImage",
    "EndpointImageArgs",
    "EndpointImageArgsDict",
    "EndpointLimits",
    "EndpointPolicy",
    "EndpointPolicyArgs",
    "EndpointPolicyArgsDict",
    "EndpointPort",
    "EndpointPortArgs",
    "EndpointPortArgsDict",
    "EndpointVolumeMount",
    "EndpointVolumeMountArgs",
    "EndpointVolumeMountArgsDict",
    "EndpointWorkerConfig",
    "EndpointWorkerConfigArgs",
    "EndpointWorkerConfigArgsDict",
    "NetworkVolume",
    "NetworkVolumeArgs",
    "NovitaApiError",
    "NovitaError",
    "PolicyType",
    "RegistryCredential",
    "RegistryCredentialArgs",
    "VolumeMountType",
    "get_clusters",
    "get_endpoint_limits",
]
