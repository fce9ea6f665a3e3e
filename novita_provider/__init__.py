"""Pulumi resources for Novita AI serverless GPU endpoints."""

from .api_models import Cluster, EndpointLimits
from .endpoint import (
    Endpoint,
    EndpointArgs,
    EndpointEnvArgs,
    EndpointHealthCheckArgs,
    EndpointImageArgs,
    EndpointPolicyArgs,
    EndpointPortArgs,
    EndpointVolumeMountArgs,
    EndpointWorkerConfigArgs,
)
from .errors import NovitaApiError, NovitaError
from .lookups import get_clusters, get_endpoint_limits
from .network_volume import NetworkVolume, NetworkVolumeArgs
from .registry_credential import RegistryCredential, RegistryCredentialArgs

__all__ = [
    "Cluster",
    "Endpoint",
    "EndpointArgs",
    "EndpointEnvArgs",
    "EndpointHealthCheckArgs",
    "EndpointImageArgs",
    "EndpointLimits",
    "EndpointPolicyArgs",
    "EndpointPortArgs",
    "EndpointVolumeMountArgs",
    "EndpointWorkerConfigArgs",
    "NetworkVolume",
    "NetworkVolumeArgs",
    "NovitaApiError",
    "NovitaError",
    "RegistryCredential",
    "RegistryCredentialArgs",
    "get_clusters",
    "get_endpoint_limits",
]
