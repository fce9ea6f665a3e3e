"""Moving a stack from the dynamic resources to the native provider with ``aliases``: each
resource keeps its id and its name, the first ``up`` after the switch updates it without one
API write and rewrites its state in the native form (no pickled ``__provider``, camelCase
outputs), and from then on it previews empty, refreshes quietly and destroys like any other."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import pytest

from .harness import API_KEY, REGISTRY_PASSWORD, REPO, StackUnderTest, changes

pytestmark = pytest.mark.e2e

DYNAMIC = """
import pulumi
from novita_provider import Endpoint, NetworkVolume, RegistryCredential

config = pulumi.Config()
volume = NetworkVolume("models", cluster_id="as-sgp-2", size_gb=50)
credential = RegistryCredential(
    "registry", username="deploy-bot", password=config.require_secret("registryPassword")
)
Endpoint(
    "inference",
    image={"image": "registry.example.com/acme/server:1.0", "auth_id": credential.id},
    products=["SL-serverless-1"],
    worker_config={"min_num": 1, "max_num": 2, "free_timeout": 60, "max_concurrent": 4,
                   "request_timeout": 120},
    policy={"type": "queue", "value": 10},
    ports=[{"port": 8000}],
    health_check={"path": "/health"},
    cluster_id=volume.cluster_id,
    volume_mounts=[{"type": "network", "id": volume.id, "mount_path": "/models"}],
)
"""

# The same resources through the native provider (camelCase names, the same settings, no
# names given: the autonames stored in the state are kept), each with an alias to its old type.
NATIVE = """
import pulumi

config = pulumi.Config()


def moved(type_name: str) -> pulumi.ResourceOptions:
    old_type = f"pulumi-python:dynamic/novita:{type_name}"
    return pulumi.ResourceOptions(aliases=[pulumi.Alias(type_=old_type)])


volume = pulumi.CustomResource(
    "novita:index:NetworkVolume", "models", {"clusterId": "as-sgp-2", "sizeGb": 50},
    moved("NetworkVolume"),
)
credential = pulumi.CustomResource(
    "novita:index:RegistryCredential", "registry",
    {"username": "deploy-bot", "password": config.require_secret("registryPassword")},
    moved("RegistryCredential"),
)
pulumi.CustomResource(
    "novita:index:Endpoint", "inference",
    {
        "image": {"image": "registry.example.com/acme/server:1.0", "authId": credential.id},
        "products": ["SL-serverless-1"],
        "workerConfig": {"minNum": 1, "maxNum": 2, "freeTimeout": 60, "maxConcurrent": 4,
                         "requestTimeout": 120},
        "policy": {"type": "queue", "value": 10},
        "ports": [{"port": 8000}],
        "healthCheck": {"path": "/health"},
        "clusterId": "as-sgp-2",
        "volumeMounts": [{"type": "network", "id": volume.id, "mountPath": "/models"}],
    },
    moved("Endpoint"),
)
"""
NATIVE_PLUGIN = f"plugins:\n  providers:\n    - name: novita\n      path: {REPO / 'bin'}\n"


def novita_resources(stack: StackUnderTest) -> dict[str, dict[str, Any]]:
    """The state's Novita resources (either form) by name."""
    resources = json.loads(stack.export())["deployment"]["resources"]
    return {r["urn"].rsplit("::", 1)[1]: r for r in resources if "novita:" in r["type"]}


def writes(stack: StackUnderTest) -> list[str]:
    return [call["path"] for call in stack.api_calls() if call["method"] != "GET"]


def test_aliases_move_dynamic_resources_to_the_native_provider(
    project_stack: Callable[..., StackUnderTest],
) -> None:
    stack = project_stack(
        program=DYNAMIC,
        secrets={"registryPassword": REGISTRY_PASSWORD},
        env={"NOVITA_PROVIDER_PYTHON": sys.executable},
    )
    sim = stack.sim
    assert changes(stack.up().summary.resource_changes) == {"create": 4}
    ids = {name: r["id"] for name, r in novita_resources(stack).items()}

    (stack.dir / "__main__.py").write_text(NATIVE)
    with (stack.dir / "Pulumi.yaml").open("a") as settings:
        settings.write(NATIVE_PLUGIN)
    sim.clear_requests()

    # the preview names what the move changes: the pickled provider goes; nothing is replaced
    result = stack.stack._run_pulumi_cmd_sync(["preview", "--json", "--stack", "test"])
    steps = [s for s in json.loads(result.stdout)["steps"] if "novita:index" in s["urn"]]
    assert {s["urn"].rsplit("::", 1)[1]: s["op"] for s in steps} == {
        "models": "update",
        "registry": "update",
        "inference": "update",
    }
    for step in steps:
        assert step["detailedDiff"] == {"__provider": {"kind": "delete", "inputDiff": False}}

    up = stack.up()
    assert changes(up.summary.resource_changes) == {"update": 3}
    assert writes(stack) == []  # no API write: same resources, same settings
    moved = novita_resources(stack)
    assert {name: r["id"] for name, r in moved.items()} == ids
    assert {r["type"] for r in moved.values()} == {
        f"novita:index:{t}" for t in ("NetworkVolume", "RegistryCredential", "Endpoint")
    }
    text = stack.export()
    assert "__provider" not in text and "pulumi-python:dynamic" not in text
    assert REGISTRY_PASSWORD not in text and API_KEY not in text
    endpoint = moved["inference"]["outputs"]
    assert endpoint["state"] == "serving" and endpoint["workerConfig"]["maxNum"] == 2
    assert "worker_config" not in endpoint

    assert changes(stack.preview().change_summary) == {}
    assert changes(stack.refresh().summary.resource_changes) == {}
    assert writes(stack) == []
    assert changes(stack.destroy().summary.resource_changes) == {"delete": 4}
    assert sim.endpoints() == [] and sim.registry_auths() == [] and sim.network_storages() == []
