"""Pulumi resources for Novita AI serverless GPU endpoints."""

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

__all__ = [
    "Endpoint",
    "EndpointArgs",
    "EndpointEnvArgs",
    "EndpointHealthCheckArgs",
    "EndpointImageArgs",
    "EndpointPolicyArgs",
    "EndpointPortArgs",
    "EndpointVolumeMountArgs",
    "EndpointWorkerConfigArgs",
    "NovitaApiError",
    "NovitaError",
]
