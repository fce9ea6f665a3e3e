"""One Novita serverless GPU endpoint serving a public image.

Stack config (all optional) tunes it without editing code:
``image``, ``product``, ``minWorkers``, ``maxWorkers``, ``port``, ``policyType``, ``policyValue``.
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
    EndpointWorkerConfigArgs,
)

config = pulumi.Config()


def setting(key: str, default: int) -> int:
    value = config.get_int(key)
    return default if value is None else value


endpoint = Endpoint(
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
            type=config.get("policyType") or "queue",
            value=setting("policyValue", 30),
        ),
        ports=[EndpointPortArgs(port=setting("port", 8000))],
        health_check=EndpointHealthCheckArgs(path="/health"),
        envs=[EndpointEnvArgs(key="MODEL", value="Qwen/Qwen2.5-0.5B-Instruct")],
    ),
)

pulumi.export("endpoint_id", endpoint.id)
pulumi.export("url", endpoint.url)
pulumi.export("state", endpoint.state)
