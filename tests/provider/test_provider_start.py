"""What the provider process loads: a preview without changes (configure, then check and diff of
unchanged inputs) needs neither httpx nor the API's wire models, so it does not pay for
building them (about 35 ms of the process's start). A read loads both."""

from __future__ import annotations

import json
import subprocess
import sys

from novita_provider.simulator import SimulatorServer

from .conftest import API_KEY

SCRIPT = """
import json, os, sys
from pulumi.dynamic import Config, ConfigureRequest
from novita_provider.endpoint.spec import EndpointSpec
from novita_provider.state_contract import provider

inputs = {
    "name": "start-1", "image": {"image": "vllm/vllm-openai:v0.6.3"},
    "products": ["SL-serverless-3"], "ports": [{"port": 8000}],
    "worker_config": {"min_num": 1, "max_num": 2, "free_timeout": 300, "max_concurrent": 8,
                      "request_timeout": 600},
    "policy": {"type": "queue", "value": 30}, "health_check": {"path": "/health"},
}
ours = provider("Endpoint")
ours.configure(ConfigureRequest(Config({}, "project")))
olds = {**EndpointSpec.model_validate(inputs).canonical(), "url": "u", "state": "serving"}
checked = ours.check(olds, dict(inputs))
diff = ours.diff("ep-1", olds, checked.inputs)
loaded = lambda: sorted({"httpx", "novita_provider.api.models"} & set(sys.modules))
result = {"failures": len(checked.failures), "changes": diff.changes, "preview": loaded()}
if sys.argv[1:] == ["read"]:
    ours.read("ep-missing", olds)
    result["read"] = loaded()
print(json.dumps(result))
"""


def run(*args: str, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_no_change_preview_loads_neither_httpx_nor_the_wire_models(
    sim: SimulatorServer,
) -> None:
    env = {"NOVITA_API_KEY": API_KEY, "NOVITA_API_URL": sim.api_url, "PATH": ""}
    result = run("read", env=env)
    assert result["failures"] == 0
    assert result["changes"] is False
    assert result["preview"] == []
    assert result["read"] == ["httpx", "novita_provider.api.models"]
    assert [(r["method"], r["path"]) for r in sim.requests()] == [("GET", "/endpoint")]
