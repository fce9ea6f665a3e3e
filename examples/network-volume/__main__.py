"""A network volume in a cluster that supports it, and an endpoint mounting it there.

Config (optional): ``cluster`` (a cluster id; default: the first with network storage),
``volumeSize`` (GB, default 50).
"""

import pulumi

from novita_provider import (
    Endpoint,
    EndpointArgs,
    EndpointHealthCheckArgs,
    EndpointImageArgs,
    EndpointPolicyArgs,
    EndpointPortArgs,
    EndpointVolumeMountArgs,
    EndpointWorkerConfigArgs,
    NetworkVolume,
    NetworkVolumeArgs,
    get_clusters,
)

config = pulumi.Config()

cluster_id = config.get("cluster") or get_clusters(supports_network_storage=True)[0].id

models = NetworkVolume(
    "models",
    NetworkVolumeArgs(cluster_id=cluster_id, size_gb=config.get_int("volumeSize") or 50),
)

endpoint = Endpoint(
    "inference",
    EndpointArgs(
        image=EndpointImageArgs(image="vllm/vllm-openai:v0.6.3"),
        products=["SL-serverless-3"],
        worker_config=EndpointWorkerConfigArgs(
            min_num=1, max_num=3, free_timeout=300, max_concurrent=8, request_timeout=600
        ),
        policy=EndpointPolicyArgs(type="queue", value=20),
        ports=[EndpointPortArgs(port=8000)],
        health_check=EndpointHealthCheckArgs(path="/health"),
        # The endpoint must run in the volume's cluster.
        cluster_id=models.cluster_id,
        volume_mounts=[EndpointVolumeMountArgs(type="network", id=models.id, mount_path="/models")],
    ),
)

pulumi.export("cluster", models.cluster_name)
pulumi.export("volume_id", models.id)
pulumi.export("volume_price", models.price)
pulumi.export("url", endpoint.url)
