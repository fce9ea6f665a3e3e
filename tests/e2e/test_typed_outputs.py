"""The typed outputs at run time: ``tests/typing/sample_stack.py`` (which mypy --strict accepts)
deployed on the real engine, each output read through its typed attribute (issue #11)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from novita_provider.api.client import NovitaClient
from novita_provider.api.settings import ProviderSettings

from .harness import API_KEY, REGISTRY_PASSWORD, REPO, StackUnderTest

pytestmark = pytest.mark.e2e

MakeStack = Callable[..., StackUnderTest]


def test_every_output_reads_through_its_typed_attribute(project_stack: MakeStack) -> None:
    program = (REPO / "tests" / "typing" / "sample_stack.py").read_text()
    stack = project_stack(program=program, secrets={"registryPassword": REGISTRY_PASSWORD})
    client = NovitaClient(ProviderSettings(api_url=stack.sim.api_url, api_key=API_KEY))
    cluster = next(c for c in client.list_clusters() if c.support_network_storage)
    stack.set("cluster", cluster.id)

    outputs = stack.up().outputs
    volume, registry = outputs["volume"].value, outputs["registry"].value
    live = {e["name"]: e for e in stack.sim.endpoints()}
    keyword, args = outputs["keyword"].value, outputs["args"].value

    assert keyword["output_types"] == [
        "EndpointWorkerConfig",
        "EndpointPolicy",
        "EndpointImage",
    ]
    assert keyword["health_check_type"] == "EndpointHealthCheck"
    assert keyword["port_types"] == ["EndpointPort"]
    assert keyword["name"] in live
    assert keyword["url"] == live[keyword["name"]]["url"]
    assert keyword["state"] == "serving"
    assert keyword["image"] == ["acme/server:1.0", registry["id"], "serve --port 8000"]
    assert keyword["worker_config"] == [0, 2, 60, 4, 300, 1, None]
    assert keyword["max_num"] == 2
    assert keyword["policy"] == ["concurrency", 5]
    assert keyword["ports"] == [8000]
    assert keyword["health_check"] == "/ready"
    assert keyword["products"] == ["SL-serverless-3"]
    assert keyword["cluster_id"] == cluster.id
    assert keyword["volume_mounts"] == [
        {"type": "network", "mount_path": "/models", "size": None, "id": volume["id"]}
    ]
    assert keyword["envs"] == [["MODEL", "qwen"]]
    assert keyword["wait_for_ready"] is True
    assert keyword["rootfs_size"] == 100

    assert args["app_name"] == live[args["name"]]["appName"]
    assert args["policy"] == ["queue", 30]
    assert args["volume_mounts"] == [
        {"type": "local", "mount_path": "/scratch", "size": 30, "id": None}
    ]
    assert args["envs"] == []
    assert args["ready_timeout_seconds"] == 120

    [storage] = stack.sim.network_storages()
    assert volume["id"] == storage["storageId"]
    assert (volume["cluster_id"], volume["size_gb"]) == (cluster.id, 20)
    assert volume["cluster_name"] == cluster.name
    assert volume["price"] == storage["price"]
    assert volume["delete_timeout_seconds"] == 300

    assert registry["username"] == "deploy-bot"
    assert outputs["registry_password"].secret
    assert outputs["registry_password"].value == REGISTRY_PASSWORD
    assert registry["delete_timeout_seconds"] == 300
    stack.destroy()
