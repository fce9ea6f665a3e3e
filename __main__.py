"""The demo stack: a network volume, a registry credential, and two endpoints using them.

- ``inference`` serves a public vLLM image, with the ``models`` volume mounted at /models;
- ``batch`` runs a private image pulled with the ``registry`` credential.

Stack config (all optional except the registry password) tunes ``inference`` without editing
code: ``image``, ``product``, ``minWorkers``, ``maxWorkers``, ``port``, ``policyType``,
``policyValue``; and ``cluster``, ``registryUsername``, ``registryPassword`` (secret).
"""

from typing import cast

import pulumi

from novita_provider import (
    Endpoint,
    EndpointArgs,
    EndpointEnvArgs,
    EndpointHealthCheckArgs,
    EndpointImageArgs,
    EndpointPolicyArgs,
    EndpointPortArgs,
    EndpointVolumeMountArgs,
    EndpointWorkerConfigArgs,
    NetworkVolume,
    NetworkVolumeArgs,
    PolicyType,
    RegistryCredential,
    RegistryCredentialArgs,
    get_clusters,
)

config = pulumi.Config()


def setting(key: str, default: int) -> int:
    value = config.get_int(key)
    return default if value is None else value


cluster_id = config.get("cluster") or get_clusters(supports_network_storage=True)[0].id
models = NetworkVolume("models", NetworkVolumeArgs(cluster_id=cluster_id, size_gb=100))

registry = RegistryCredential(
    "registry",
    RegistryCredentialArgs(
        username=config.get("registryUsername") or "deploy-bot",
        password=config.require_secret("registryPassword"),
    ),
)

inference = Endpoint(
    "inference",
    EndpointArgs(
        image=EndpointImageArgs(image=config.get("image") or "vllm/vllm-openai:v0.6.3"),
        products=[config.get("product") or "SL-serverless-3"],
        worker_config=EndpointWorkerConfigArgs(
            min_num=setting("minWorkers", 1),
            max_num=setting("maxWorkers", 2),
            free_timeout=300,
            max_concurrent=8,
            request_timeout=600,
        ),
        policy=EndpointPolicyArgs(
            # Config is text: check rejects anything but "queue" or "concurrency" at preview.
            type=cast(PolicyType, config.get("policyType") or "queue"),
            value=setting("policyValue", 30),
        ),
        ports=[EndpointPortArgs(port=setting("port", 8000))],
        health_check=EndpointHealthCheckArgs(path="/health"),
        envs=[EndpointEnvArgs(key="MODEL", value="Qwen/Qwen2.5-0.5B-Instruct")],
        cluster_id=models.cluster_id,
        volume_mounts=[EndpointVolumeMountArgs(type="network", id=models.id, mount_path="/models")],
    ),
)

batch = Endpoint(
    "batch",
    EndpointArgs(
        image=EndpointImageArgs(
            image="registry.example.com/acme/batch-embedder:1.2.0", auth_id=registry.id
        ),
        products=["SL-serverless-1"],
        worker_config=EndpointWorkerConfigArgs(
            min_num=0, max_num=4, free_timeout=60, max_concurrent=2, request_timeout=900
        ),
        policy=EndpointPolicyArgs(type="concurrency", value=10),
        ports=[EndpointPortArgs(port=9000)],
        health_check=EndpointHealthCheckArgs(path="/ready"),
    ),
)

pulumi.export("endpoint_id", inference.id)
pulumi.export("url", inference.url)
pulumi.export("state", inference.state)
pulumi.export("batch_url", batch.url)
pulumi.export("volume_id", models.id)
pulumi.export("registry_credential_id", registry.id)
