"""``Endpoint.get``, ``RegistryCredential.get``, ``NetworkVolume.get``: read-only references to
resources made outside Pulumi, by id alone (issue #9, item 1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from novita_provider.api import models as api
from novita_provider.api.client import NovitaClient
from novita_provider.api.settings import ProviderSettings

from .harness import API_KEY, StackUnderTest, changes

pytestmark = pytest.mark.e2e

MakeStack = Callable[..., StackUnderTest]

PROGRAM = """\
import pulumi
from novita_provider import Endpoint, NetworkVolume, RegistryCredential

config = pulumi.Config()
endpoint = Endpoint.get("endpoint", config.require("endpointId"))
credential = RegistryCredential.get("credential", config.require("credentialId"))
volume = NetworkVolume.get("volume", config.require("volumeId"))

pulumi.export("endpoint", {
    "id": endpoint.id, "name": endpoint.name, "app_name": endpoint.app_name,
    "url": endpoint.url, "state": endpoint.state, "products": endpoint.products,
    "image": endpoint.image, "worker_config": endpoint.worker_config,
    "policy": endpoint.policy, "ports": endpoint.ports, "health_check": endpoint.health_check,
    "volume_mounts": endpoint.volume_mounts, "envs": endpoint.envs,
    "cluster_id": endpoint.cluster_id, "rootfs_size": endpoint.rootfs_size,
    "max_num": endpoint.worker_config.apply(lambda w: w.max_num),
    "auth_id": endpoint.image.apply(lambda i: i.auth_id),
})
pulumi.export("credential", {
    "id": credential.id, "name": credential.name, "username": credential.username,
})
pulumi.export("credential_password", credential.password)
pulumi.export("volume", {
    "id": volume.id, "name": volume.name, "cluster_id": volume.cluster_id,
    "size_gb": volume.size_gb, "cluster_name": volume.cluster_name, "price": volume.price,
})
"""


def test_get_references_live_resources_and_destroy_leaves_them(project_stack: MakeStack) -> None:
    stack = project_stack(program=PROGRAM)
    client = NovitaClient(ProviderSettings(api_url=stack.sim.api_url, api_key=API_KEY))
    cluster = next(c for c in client.list_clusters() if c.support_network_storage)
    credential = client.create_registry_auth("console-registry", "console-user", "console-pw-5e1")
    storage = client.create_network_storage(cluster.id, "console-models", 40)
    endpoint_id = client.create_endpoint(
        api.EndpointCreate(
            name="console-endpoint",
            app_name="console-app",
            products=[api.Product(id="SL-serverless-3")],
            rootfs_size=100,
            worker_config=api.WorkerConfig(
                min_num=1,
                max_num=2,
                free_timeout=60,
                max_concurrent=4,
                request_timeout=300,
                gpu_num=1,
            ),
            ports=[api.Port(port=8080)],
            policy=api.Policy(type="concurrency", value=7),
            image=api.Image(image="acme/private:2", auth_id=credential.id),
            volume_mounts=[
                api.VolumeMount(type="network", id=storage.storage_id, mount_path="/models")
            ],
            cluster_id=cluster.id,  # type: ignore[call-arg]  # pydantic alias (clusterID)
            envs=[api.Env(key="MODE", value="console")],
            healthy=api.HealthCheck(path="/healthz"),
        )
    )
    stack.sim.clear_requests()
    stack.set("endpointId", endpoint_id)
    stack.set("credentialId", credential.id)
    stack.set("volumeId", storage.storage_id)
    live_endpoint = client.get_endpoint(endpoint_id)

    up = stack.up()
    assert changes(up.summary.resource_changes) == {"create": 1}  # the stack itself
    assert [c["path"] for c in stack.api_calls() if "create" in c["path"]] == []
    endpoint = up.outputs["endpoint"].value
    assert endpoint == {
        "id": endpoint_id,
        "name": "console-endpoint",
        "app_name": "console-app",
        "url": live_endpoint.url,
        "state": live_endpoint.state.state,
        "products": ["SL-serverless-3"],
        "image": {"image": "acme/private:2", "auth_id": credential.id},
        "worker_config": {
            "min_num": 1,
            "max_num": 2,
            "free_timeout": 60,
            "max_concurrent": 4,
            "request_timeout": 300,
            "gpu_num": 1,
        },
        "policy": {"type": "concurrency", "value": 7},
        "ports": [{"port": 8080}],
        "health_check": {"path": "/healthz"},
        "volume_mounts": [{"type": "network", "id": storage.storage_id, "mount_path": "/models"}],
        "envs": [{"key": "MODE", "value": "console"}],
        "cluster_id": cluster.id,
        "rootfs_size": 100,
        "max_num": 2,
        "auth_id": credential.id,
    }
    assert up.outputs["credential"].value == {
        "id": credential.id,
        "name": "console-registry",
        "username": "console-user",
    }
    assert up.outputs["credential_password"].secret
    assert "console-pw-5e1" not in stack.export()
    assert up.outputs["volume"].value == {
        "id": storage.storage_id,
        "name": "console-models",
        "cluster_id": cluster.id,
        "size_gb": 40,
        "cluster_name": cluster.name,
        "price": client.find_network_storage(storage_id=storage.storage_id).price,  # type: ignore[union-attr]
    }

    # The live values, not the first ones: a change made outside shows on the next run.
    stack.sim.edit_network_storage(storage.storage_id, {"storageSize": 60})
    assert stack.up().outputs["volume"].value["size_gb"] == 60

    stack.sim.clear_requests()
    stack.destroy()
    deletes = [c for c in stack.api_calls() if "delete" in c["path"]]
    assert deletes == []
    assert [e["id"] for e in stack.sim.endpoints()] == [endpoint_id]
    assert [a["id"] for a in stack.sim.registry_auths()] == [credential.id]
    assert [s["storageId"] for s in stack.sim.network_storages()] == [storage.storage_id]
