"""The Endpoint resource: a Novita serverless GPU endpoint.

``resource`` (the class a program uses), ``inputs`` and ``outputs`` (its nested types) are
light; ``spec``, ``rules``, ``kind`` and ``readiness`` are the implementation, loaded only in
the provider process.
"""

from .inputs import (
    EndpointEnvArgs,
    EndpointEnvArgsDict,
    EndpointHealthCheckArgs,
    EndpointHealthCheckArgsDict,
    EndpointImageArgs,
    EndpointImageArgsDict,
    EndpointPolicyArgs,
    EndpointPolicyArgsDict,
    EndpointPortArgs,
    EndpointPortArgsDict,
    EndpointVolumeMountArgs,
    EndpointVolumeMountArgsDict,
    EndpointWorkerConfigArgs,
    EndpointWorkerConfigArgsDict,
    PolicyType,
    VolumeMountType,
)
from .outputs import (
    EndpointEnv,
    EndpointHealthCheck,
    EndpointImage,
    EndpointPolicy,
    EndpointPort,
    EndpointVolumeMount,
    EndpointWorkerConfig,
)
from .resource import Endpoint, EndpointArgs

__all__ = [
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
    "PolicyType",
    "VolumeMountType",
]
