"""A Pulumi program that reads every output of every resource through its typed attribute.

``mypy --strict`` must accept it (it is part of the project's own mypy run, and of
``test_typing.py``), and ``tests/e2e/test_typed_outputs.py`` deploys it against the simulator
to prove that the attributes hold what their types say (output types, not plain dicts).
Every nested input form appears once: ``*Args`` objects, and plain dicts (``*ArgsDict``).

Config: ``cluster`` (a cluster with network storage), ``registryPassword`` (secret).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pulumi

from novita_provider import (
    Endpoint,
    EndpointArgs,
    EndpointEnv,
    EndpointHealthCheckArgs,
    EndpointImageArgs,
    EndpointPolicyArgs,
    EndpointPortArgs,
    EndpointVolumeMount,
    EndpointVolumeMountArgs,
    EndpointWorkerConfigArgs,
    NetworkVolume,
    NetworkVolumeArgs,
    RegistryCredential,
)

config = pulumi.Config()

volume = NetworkVolume(
    "models", NetworkVolumeArgs(cluster_id=config.require("cluster"), size_gb=20)
)
registry = RegistryCredential(
    "registry", username="deploy-bot", password=config.require_secret("registryPassword")
)

# The keyword form, with plain dicts for nested inputs.
keyword = Endpoint(
    "keyword",
    image={"image": "acme/server:1.0", "auth_id": registry.id, "command": "serve --port 8000"},
    products=["SL-serverless-3"],
    worker_config={
        "min_num": 0,
        "max_num": 2,
        "free_timeout": 60,
        "max_concurrent": 4,
        "request_timeout": 300,
    },
    policy={"type": "concurrency", "value": 5},
    ports=[{"port": 8000}],
    health_check={"path": "/ready"},
    cluster_id=volume.cluster_id,
    volume_mounts=[{"type": "network", "id": volume.id, "mount_path": "/models"}],
    envs=[{"key": "MODEL", "value": "qwen"}],
)

# The Args form.
args = Endpoint(
    "args",
    EndpointArgs(
        image=EndpointImageArgs(image="vllm/vllm-openai:v0.6.3"),
        products=["SL-serverless-1"],
        worker_config=EndpointWorkerConfigArgs(
            min_num=1, max_num=3, free_timeout=300, max_concurrent=8, request_timeout=600
        ),
        policy=EndpointPolicyArgs(type="queue", value=30),
        ports=[EndpointPortArgs(port=9000)],
        health_check=EndpointHealthCheckArgs(path="/health"),
        volume_mounts=[EndpointVolumeMountArgs(type="local", mount_path="/scratch")],
        ready_timeout_seconds=120,
    ),
)


def mount_facts(mounts: Sequence[EndpointVolumeMount]) -> list[dict[str, Any]]:
    return [
        {"type": m.type, "mount_path": m.mount_path, "size": m.size, "id": m.id} for m in mounts
    ]


def env_facts(envs: Sequence[EndpointEnv]) -> list[list[str]]:
    return [[e.key, e.value] for e in envs]


def endpoint_facts(endpoint: Endpoint) -> dict[str, pulumi.Input[Any]]:
    """Every output of an endpoint, each read through its typed attribute."""
    worker_config = endpoint.worker_config
    max_num: pulumi.Output[int] = worker_config.apply(lambda w: w.max_num)
    policy_type: pulumi.Output[str] = endpoint.policy.apply(lambda p: p.type)
    return {
        "name": endpoint.name,
        "app_name": endpoint.app_name,
        "url": endpoint.url,
        "state": endpoint.state,
        "state_message": endpoint.state_message,
        "products": endpoint.products.apply(list),
        "rootfs_size": endpoint.rootfs_size,
        "cluster_id": endpoint.cluster_id,
        "wait_for_ready": endpoint.wait_for_ready,
        "ready_timeout_seconds": endpoint.ready_timeout_seconds,
        "image": endpoint.image.apply(lambda i: [i.image, i.auth_id, i.command]),
        "worker_config": worker_config.apply(
            lambda w: [
                w.min_num,
                w.max_num,
                w.free_timeout,
                w.max_concurrent,
                w.request_timeout,
                w.gpu_num,
                w.cuda_version,
            ]
        ),
        "max_num": max_num,
        "policy": pulumi.Output.all(policy_type, endpoint.policy.apply(lambda p: p.value)),
        "ports": endpoint.ports.apply(lambda ports: [p.port for p in ports]),
        "health_check": endpoint.health_check.apply(lambda h: h.path),
        "volume_mounts": endpoint.volume_mounts.apply(mount_facts),
        "envs": endpoint.envs.apply(env_facts),
        # The SDK builds output types, not plain dicts (Output.all would flatten them).
        "output_types": [
            typed.apply(lambda value: type(value).__name__)
            for typed in (endpoint.worker_config, endpoint.policy, endpoint.image)
        ],
        "health_check_type": endpoint.health_check.apply(lambda h: type(h).__name__),
        "port_types": endpoint.ports.apply(lambda ports: [type(p).__name__ for p in ports]),
    }


pulumi.export("keyword", endpoint_facts(keyword))
pulumi.export("args", endpoint_facts(args))
pulumi.export(
    "volume",
    {
        "id": volume.id,
        "name": volume.name,
        "cluster_id": volume.cluster_id,
        "size_gb": volume.size_gb,
        "delete_timeout_seconds": volume.delete_timeout_seconds,
        "cluster_name": volume.cluster_name,
        "price": volume.price,
    },
)
pulumi.export(
    "registry",
    {
        "id": registry.id,
        "name": registry.name,
        "username": registry.username,
        "delete_timeout_seconds": registry.delete_timeout_seconds,
    },
)
pulumi.export("registry_password", registry.password)
