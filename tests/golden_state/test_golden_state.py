"""The state contract: stacks written by earlier releases still load, refresh and destroy.

``tests/golden_state/<release>/`` holds, per stack, what ``pulumi stack export --show-secrets``
wrote after ``pulumi up`` with that release (``*.deployment.json``) and the simulator's state
at that moment (``*.simulator.json``). See ``capture.py``.
"""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path
from typing import Any

import dill
import pytest

from novita_provider.dynamic.provider import DynamicProvider
from novita_provider.simulator import SimulatorServer
from tests.e2e.harness import API_KEY, StackUnderTest, changes

HERE = Path(__file__).resolve().parent
DEPLOYMENTS = sorted(HERE.glob("*/*.deployment.json"))
TYPE_PREFIX = "pulumi-python:dynamic/novita:"


def _fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name.removesuffix('.deployment.json')}"


def _resources(path: Path) -> list[dict[str, Any]]:
    deployment = json.loads(path.read_text())["deployment"]
    return [r for r in deployment["resources"] if r["type"].startswith(TYPE_PREFIX)]


def _pickled_provider(value: Any) -> bytes:
    """The ``__provider`` blob: a secret in 0.1.0 (exported as plaintext JSON), plain since."""
    if isinstance(value, dict) and "plaintext" in value:
        value = json.loads(value["plaintext"])
    assert isinstance(value, str)
    return base64.b64decode(value)


def test_every_release_has_golden_states() -> None:
    assert {p.parent.name for p in DEPLOYMENTS} >= {"0.1.0", "0.2.0"}


@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=_fixture_id)
def test_every_stored_provider_loads(deployment: Path) -> None:
    resources = _resources(deployment)
    assert resources
    for resource in resources:
        for props in (resource["inputs"], resource["outputs"]):
            provider = dill.loads(_pickled_provider(props["__provider"]))
            assert isinstance(provider, DynamicProvider)
            assert provider.type_name == resource["type"].removeprefix(TYPE_PREFIX)
            assert provider.kind.type_name == provider.type_name


@pytest.mark.e2e
@pytest.mark.parametrize("deployment", DEPLOYMENTS, ids=_fixture_id)
def test_imported_state_refreshes_and_destroys(deployment: Path, tmp_path: Path) -> None:
    """Import the stack into a fresh local backend, then refresh and destroy it with today's
    code against a simulator holding what the release had created."""
    exported = json.loads(deployment.read_text())
    resources = _resources(deployment)
    project_name = resources[0]["urn"].split("::")[1]
    sim_state = tmp_path / "simulator.json"
    shutil.copy(deployment.with_name(deployment.name.replace("deployment", "simulator")), sim_state)

    project = tmp_path / "src"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(f"name: {project_name}\nruntime: python\n")
    with SimulatorServer(api_key=API_KEY, state_file=str(sim_state)) as sim:
        live_before = len(sim.endpoints()) + len(sim.registry_auths()) + len(sim.network_storages())
        assert live_before == len(resources)
        stack = StackUnderTest(project, tmp_path, sim)
        _point_providers_at(exported, sim.api_url)
        state_file = tmp_path / "import.json"
        state_file.write_text(json.dumps(exported))
        stack.stack._run_pulumi_cmd_sync(
            ["stack", "import", "--file", str(state_file), "--stack", "test"]
        )

        refresh = stack.refresh()
        assert refresh.summary.result == "succeeded"
        assert changes(refresh.summary.resource_changes).get("delete", 0) == 0

        destroy = stack.destroy()
        # The stack resource is deleted too.
        assert changes(destroy.summary.resource_changes) == {"delete": len(resources) + 1}
        assert sim.endpoints() == []
        assert sim.registry_auths() == []
        assert sim.network_storages() == []


def _point_providers_at(exported: dict[str, Any], api_url: str) -> None:
    """The engine refreshes and destroys with the provider configuration stored in the state:
    point it at this test's simulator (the recorded one listened on a port long gone)."""
    for resource in exported["deployment"]["resources"]:
        if resource["type"].startswith("pulumi:providers:"):
            for props in (resource.get("inputs", {}), resource.get("outputs", {})):
                if "novita:apiUrl" in props:
                    props["novita:apiUrl"] = api_url
