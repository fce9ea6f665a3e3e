"""A registry credential, and an endpoint that pulls a private image with it.

Config: ``registryUsername``, ``registryPassword`` (secret), optional ``image``.
"""

import pulumi

from novita_provider import (
    Endpoint,
    EndpointArgs,
    EndpointHealthCheckArgs,
    EndpointImageArgs,
    EndpointPolicyArgs,
    EndpointPortArgs,
    EndpointWorkerConfigArgs,
    RegistryCredential,
    RegistryCredentialArgs,
)

config = pulumi.Config()

# Autonamed: a password rotation creates the new credential first, moves the endpoint to it,
# then deletes the old one, so the endpoint can always pull.
registry = RegistryCredential(
    "registry",
    RegistryCredentialArgs(
        username=config.require("registryUsername"),
        password=config.require_secret("registryPassword"),
    ),
)

endpoint = Endpoint(
    "private-model",
    EndpointArgs(
        image=EndpointImageArgs(
            image=config.get("image") or "registry.example.com/acme/llm-server:1.4.2",
            auth_id=registry.id,
        ),
        products=["SL-serverless-3"],
        worker_config=EndpointWorkerConfigArgs(
            min_num=0, max_num=2, free_timeout=120, max_concurrent=4, request_timeout=300
        ),
        policy=EndpointPolicyArgs(type="concurrency", value=8),
        ports=[EndpointPortArgs(port=8080)],
        health_check=EndpointHealthCheckArgs(path="/healthz"),
    ),
)

pulumi.export("credential_id", registry.id)
pulumi.export("endpoint_id", endpoint.id)
pulumi.export("url", endpoint.url)
