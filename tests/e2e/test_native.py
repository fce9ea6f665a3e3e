"""The native provider on the real engine, through its generated Python SDK: the root stack's
resources deployed, changed (``preview --json`` carries ``detailedDiff``), refreshed, drifted,
destroyed; then resources made through the API adopted with ``pulumi import``. One stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from novita_provider.api.client import NovitaClient
from novita_provider.api.settings import ProviderSettings
from novita_provider.endpoint.spec import EndpointSpec
from novita_provider.simulator import SimulatorServer

from .harness import API_KEY, REGISTRY_PASSWORD, REPO, StackUnderTest, changes

pytestmark = pytest.mark.e2e


def python_sdk(workdir: Path) -> Path:
    """The Python SDK generated from schema.json, installed into a directory for PYTHONPATH
    (installed, not just generated: the SDK reads its version from its package metadata)."""
    subprocess.run(
        ["bash", str(REPO / "scripts" / "gen-sdks.sh"), "--out", str(workdir / "sdk"), "python"],
        check=True,
        capture_output=True,
    )
    site = workdir / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(workdir / "sdk" / "python"),
        ],
        check=True,
        capture_output=True,
    )
    return site


@pytest.fixture
def native_stack(tmp_path: Path, sim: SimulatorServer) -> StackUnderTest:
    project = tmp_path / "src"
    project.mkdir()
    source = Path(__file__).parent / "native_project"
    (project / "__main__.py").write_text((source / "__main__.py").read_text())
    settings = (source / "Pulumi.yaml").read_text()
    settings = settings.replace("virtualenv: venv", f"virtualenv: {sys.prefix}")
    (project / "Pulumi.yaml").write_text(settings.replace("PLUGIN_DIR", str(REPO / "bin")))
    env = {
        "PYTHONPATH": str(python_sdk(tmp_path)),
        "NOVITA_PROVIDER_PYTHON": sys.executable,
    }
    return StackUnderTest(project, tmp_path, sim, {"registryPassword": REGISTRY_PASSWORD}, env)


def preview_json(stack: StackUnderTest) -> list[dict[str, object]]:
    result = stack.stack._run_pulumi_cmd_sync(["preview", "--json", "--stack", "test"])
    steps: list[dict[str, object]] = json.loads(result.stdout)["steps"]
    return steps


def test_native_lifecycle_and_import(native_stack: StackUnderTest) -> None:
    stack, sim = native_stack, native_stack.sim

    up = stack.up()
    assert changes(up.summary.resource_changes) == {"create": 5}
    assert up.outputs["state"].value == "serving"
    state = stack.export()
    assert "__provider" not in state
    assert REGISTRY_PASSWORD not in state and API_KEY not in state
    assert '"type": "novita:index:Endpoint"' in state

    # unchanged: an empty preview that writes nothing
    sim.clear_requests()
    assert changes(stack.preview().change_summary) == {}

    # a worker setting (in place) and the product (replaces), each named in detailedDiff;
    # the preview calls no API that writes
    stack.set("maxWorkers", 5)
    stack.set("product", "SL-serverless-1")
    steps = preview_json(stack)
    assert [c for c in stack.api_calls() if c["method"] == "POST"] == []
    inference = next(s for s in steps if str(s["urn"]).endswith("::inference"))
    assert inference["op"] == "replace"
    assert inference["detailedDiff"] == {  # property paths in the schema's camelCase
        "products[0]": {"kind": "update-replace", "inputDiff": True},
        "workerConfig.maxNum": {"kind": "update", "inputDiff": True},
    }
    assert inference["diffReasons"] == ["products", "workerConfig"]
    stack.set("product", "SL-serverless-3")
    first_id = up.outputs["endpoint_id"].value
    up = stack.up()
    assert changes(up.summary.resource_changes) == {"update": 1}
    assert up.outputs["endpoint_id"].value == first_id
    assert stack.api_calls("/endpoint/update")[0]["body"]["workerConfig"]["maxNum"] == 5

    # drift: an edit behind Pulumi's back shows on refresh; up restores it
    sim.edit_endpoint(first_id, {"workerConfig": {"maxNum": 9}})
    assert changes(stack.refresh().summary.resource_changes) == {"update": 1}
    assert changes(stack.up().summary.resource_changes) == {"update": 1}
    assert sim.requests()[-1]["method"] in {"GET", "POST"}

    assert changes(stack.destroy().summary.resource_changes) == {"delete": 5}
    assert "novita:index" not in stack.export()

    # import: resources made through the API are adopted with no create and no delete
    client = NovitaClient(ProviderSettings(api_url=sim.api_url, api_key=API_KEY))
    volume = client.create_network_storage("as-sgp-2", "adopted-vol", 20)
    credential = client.create_registry_auth("adopted-cred", "adopter", REGISTRY_PASSWORD)
    endpoint_spec = EndpointSpec.model_validate(
        {
            "name": "adopted-ep",
            "image": {"image": "nginx:1.27"},
            "products": ["SL-serverless-1"],
            "worker_config": {
                "min_num": 0,
                "max_num": 1,
                "free_timeout": 60,
                "max_concurrent": 1,
                "request_timeout": 60,
            },
            "policy": {"type": "queue", "value": 10},
            "ports": [{"port": 8080}],
            "health_check": {"path": "/"},
        }
    )
    endpoint_id = client.create_endpoint(endpoint_spec.to_create())
    stack.set("mode", "adopted")
    sim.clear_requests()
    for type_, name, id_ in (
        ("NetworkVolume", "adopted-volume", volume.storage_id),
        ("RegistryCredential", "adopted-credential", credential.id),
        ("Endpoint", "adopted-endpoint", endpoint_id),
    ):
        stack.stack._run_pulumi_cmd_sync(
            [
                "import",
                f"novita:index:{type_}",
                name,
                id_,
                "--yes",
                "--generate-code=false",
                "--protect=false",
                "--stack",
                "test",
            ]
        )
    assert [c["path"] for c in stack.api_calls() if c["method"] != "GET"] == []
    assert changes(stack.preview().change_summary) == {}
    assert [c["path"] for c in stack.api_calls() if c["method"] != "GET"] == []
    assert changes(stack.destroy().summary.resource_changes) == {"delete": 4}
