"""The Endpoint resource: a Novita serverless GPU endpoint.

``resource`` (the class a program uses) is light; ``spec``, ``rules``, ``kind`` and
``readiness`` are the implementation, loaded only in the provider process.
"""

from .resource import (
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
]
