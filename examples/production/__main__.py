"""A production-style endpoint: private image, a network volume for model weights, autoscaling on
queue wait time, environment (one value secret), a custom health path, and stack outputs.

Config: ``registryUsername``, ``registryPassword`` (secret), ``hfToken`` (secret); optional
``cluster``, ``maxWorkers``.
"""

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
    RegistryCredential,
    RegistryCredentialArgs,
    get_clusters,
)

config = pulumi.Config()

cluster_id = config.get("cluster") or get_clusters(supports_network_storage=True)[0].id

registry = RegistryCredential(
    "registry",
    RegistryCredentialArgs(
        username=config.require("registryUsername"),
        password=config.require_secret("registryPassword"),
    ),
)

weights = NetworkVolume("weights", NetworkVolumeArgs(cluster_id=cluster_id, size_gb=200))

chat = Endpoint(
    "chat",
    EndpointArgs(
        app_name=config.get("appName"),
        image=EndpointImageArgs(
            image="registry.example.com/acme/chat-server:2.3.0",
            auth_id=registry.id,
            command="python -m server --model /weights/qwen2.5-7b-instruct",
        ),
        products=["SL-serverless-3"],
        worker_config=EndpointWorkerConfigArgs(
            min_num=1,
            max_num=config.get_int("maxWorkers") or 8,
            free_timeout=600,
            max_concurrent=16,
            request_timeout=900,
            cuda_version="12.4",
        ),
        # Add a worker when requests wait in the queue for more than 5 seconds.
        policy=EndpointPolicyArgs(type="queue", value=5),
        ports=[EndpointPortArgs(port=8000)],
        health_check=EndpointHealthCheckArgs(path="/v1/health/ready"),
        cluster_id=weights.cluster_id,
        volume_mounts=[
            EndpointVolumeMountArgs(type="network", id=weights.id, mount_path="/weights"),
            EndpointVolumeMountArgs(type="local", mount_path="/scratch"),
        ],
        envs=[
            EndpointEnvArgs(key="MODEL_DIR", value="/weights"),
            EndpointEnvArgs(key="MAX_MODEL_LEN", value="8192"),
            EndpointEnvArgs(key="LOG_LEVEL", value="info"),
            EndpointEnvArgs(key="HF_TOKEN", value=config.require_secret("hfToken")),
        ],
        ready_timeout_seconds=900,
    ),
)

pulumi.export("endpoint_id", chat.id)
pulumi.export("url", chat.url)
pulumi.export("state", chat.state)
pulumi.export("app_name", chat.app_name)
pulumi.export("cluster", weights.cluster_name)
pulumi.export("weights_volume_id", weights.id)
pulumi.export("registry_credential_id", registry.id)
