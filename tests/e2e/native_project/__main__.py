"""The root stack's resources through the native provider (generated SDK ``pulumi_novita``).

Config ``mode``: ``deploy`` (default) declares a volume, a credential and two endpoints using
them; ``adopted`` declares the three resources the import test made through the API, by the
names and settings it gave them.
"""

import pulumi
import pulumi_novita as novita

config = pulumi.Config()

if config.get("mode") == "adopted":
    novita.NetworkVolume("adopted-volume", name="adopted-vol", cluster_id="as-sgp-2", size_gb=20)
    novita.RegistryCredential(
        "adopted-credential",
        name="adopted-cred",
        username="adopter",
        password=config.require_secret("registryPassword"),
    )
    novita.Endpoint(
        "adopted-endpoint",
        name="adopted-ep",
        image=novita.EndpointImageArgs(image="nginx:1.27"),
        products=["SL-serverless-1"],
        worker_config=novita.EndpointWorkerConfigArgs(
            min_num=0, max_num=1, free_timeout=60, max_concurrent=1, request_timeout=60
        ),
        policy=novita.EndpointPolicyArgs(type="queue", value=10),
        ports=[novita.EndpointPortArgs(port=8080)],
        health_check=novita.EndpointHealthCheckArgs(path="/"),
    )
else:
    clusters = novita.get_clusters(supports_network_storage=True).clusters
    models = novita.NetworkVolume("models", cluster_id=clusters[0].id, size_gb=100)
    registry = novita.RegistryCredential(
        "registry", username="deploy-bot", password=config.require_secret("registryPassword")
    )
    inference = novita.Endpoint(
        "inference",
        image=novita.EndpointImageArgs(image="vllm/vllm-openai:v0.6.3"),
        products=[config.get("product") or "SL-serverless-3"],
        worker_config=novita.EndpointWorkerConfigArgs(
            min_num=1,
            max_num=config.get_int("maxWorkers") or 2,
            free_timeout=300,
            max_concurrent=8,
            request_timeout=600,
        ),
        policy=novita.EndpointPolicyArgs(type="queue", value=30),
        ports=[novita.EndpointPortArgs(port=8000)],
        health_check=novita.EndpointHealthCheckArgs(path="/health"),
        envs=[novita.EndpointEnvArgs(key="MODEL", value="Qwen/Qwen2.5-0.5B-Instruct")],
        cluster_id=models.cluster_id,
        volume_mounts=[
            novita.EndpointVolumeMountArgs(type="network", id=models.id, mount_path="/models")
        ],
    )
    batch = novita.Endpoint(
        "batch",
        image=novita.EndpointImageArgs(
            image="registry.example.com/acme/batch-embedder:1.2.0", auth_id=registry.id
        ),
        products=["SL-serverless-1"],
        worker_config=novita.EndpointWorkerConfigArgs(
            min_num=0, max_num=4, free_timeout=60, max_concurrent=2, request_timeout=900
        ),
        policy=novita.EndpointPolicyArgs(type="concurrency", value=10),
        ports=[novita.EndpointPortArgs(port=9000)],
        health_check=novita.EndpointHealthCheckArgs(path="/ready"),
    )
    pulumi.export("endpoint_id", inference.id)
    pulumi.export("state", inference.state)
    pulumi.export("batch_url", batch.url)
    pulumi.export("volume_id", models.id)
