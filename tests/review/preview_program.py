"""The stack program the review tests preview: every setting comes from stack config.

Each scenario changes config and runs ``pulumi preview --json`` against the deployed stack.
"""

PROGRAM = """
import pulumi

from novita_provider import (
    Endpoint,
    EndpointArgs,
    EndpointEnvArgs,
    EndpointHealthCheckArgs,
    EndpointImageArgs,
    EndpointPolicyArgs,
    EndpointPortArgs,
    EndpointWorkerConfigArgs,
    NetworkVolume,
    NetworkVolumeArgs,
    RegistryCredential,
    RegistryCredentialArgs,
)

config = pulumi.Config()

registry = RegistryCredential(
    "registry",
    RegistryCredentialArgs(
        username="deploy-bot", password=config.require_secret("registryPassword")
    ),
)
models = NetworkVolume(
    "models", NetworkVolumeArgs(cluster_id=config.require("volumeCluster"), size_gb=50)
)


def endpoint(name: str, *, app_name=None, auth_id=None, extra_envs=()) -> Endpoint:
    return Endpoint(
        name,
        EndpointArgs(
            image=EndpointImageArgs(image="acme/llm-server:1.4.2", auth_id=auth_id),
            products=[config.require(f"{name}Product")],
            worker_config=EndpointWorkerConfigArgs(
                min_num=0,
                max_num=config.require_int(f"{name}MaxWorkers"),
                free_timeout=120,
                max_concurrent=4,
                request_timeout=300,
            ),
            policy=EndpointPolicyArgs(type="queue", value=30),
            ports=[EndpointPortArgs(port=8080)],
            health_check=EndpointHealthCheckArgs(path="/health"),
            envs=[
                EndpointEnvArgs(key="LOG_LEVEL", value=config.require(f"{name}LogLevel")),
                *extra_envs,
            ],
            app_name=app_name,
        ),
    )


# `api` gets its URL from its id; `chat` keeps a fixed app name (and so its URL) across replaces.
api = endpoint("api", auth_id=registry.id)
chat = endpoint(
    "chat",
    app_name="review-chat",
    extra_envs=[EndpointEnvArgs(key="HF_TOKEN", value=config.require_secret("hfToken"))],
)

pulumi.export("api_url", api.url)
pulumi.export("chat_url", chat.url)
"""

REGISTRY_PASSWORD = "review-registry-password-41d8"
ROTATED_PASSWORD = "review-rotated-password-9c0e"
HF_TOKEN = "review-hf-token-5e7a"
ROTATED_HF_TOKEN = "review-hf-token-rotated-0b3d"

BASE_CONFIG: dict[str, str] = {
    "volumeCluster": "as-sgp-2",
    "apiProduct": "SL-serverless-3",
    "apiMaxWorkers": "2",
    "apiLogLevel": "info",
    "chatProduct": "SL-serverless-3",
    "chatMaxWorkers": "2",
    "chatLogLevel": "info",
}
