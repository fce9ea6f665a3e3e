"""Faults, retry budgets, secrets and a wrong key, on the real engine (issue #4)."""

from __future__ import annotations

import base64
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from pulumi import automation as auto

from novita_provider.simulator import SimulatorServer

from .harness import API_KEY, REGISTRY_PASSWORD, REPO, SECRET_ENV_VALUE, StackUnderTest, changes

pytestmark = pytest.mark.e2e

MakeStack = Callable[..., StackUnderTest]
ALL_FAULTS = ["429", "429-retry-after", "500", "502", "503", "504", "latency", "drop-after-commit"]

# 20 resources: 6 credentials, 6 volumes, 8 endpoints (6 pulling private images with a
# credential, 4 mounting a volume).
TWENTY_RESOURCES = """
import pulumi
from novita_provider import Endpoint, NetworkVolume, RegistryCredential

config = pulumi.Config()
max_workers = config.get_int("maxWorkers") or 2
size = config.get_int("volumeSize") or 20

credentials = [
    RegistryCredential(f"registry-{i}", username=f"bot-{i}", password=config.require_secret("pw"))
    for i in range(6)
]
volumes = [NetworkVolume(f"volume-{i}", cluster_id="as-sgp-2", size_gb=size) for i in range(6)]
for i in range(8):
    Endpoint(
        f"endpoint-{i}",
        image={
            "image": f"registry.example.com/team/model-{i}:1",
            "auth_id": credentials[i].id if i < 6 else None,
        },
        products=["SL-serverless-1"],
        worker_config={"min_num": 1, "max_num": max_workers, "free_timeout": 60,
                       "max_concurrent": 2, "request_timeout": 120},
        policy={"type": "queue", "value": 10},
        ports=[{"port": 8000}],
        health_check={"path": "/health"},
        cluster_id="as-sgp-2" if i < 4 else None,
        volume_mounts=(
            [{"type": "network", "id": volumes[i].id, "mount_path": "/data"}] if i < 4 else []
        ),
    )
"""


def twenty(project_stack: MakeStack) -> StackUnderTest:
    stack = project_stack(program=TWENTY_RESOURCES, secrets={"pw": REGISTRY_PASSWORD})
    return stack


def assert_no_orphans_or_duplicates(sim: SimulatorServer, expected: int) -> None:
    endpoints = [e["name"] for e in sim.endpoints()]
    auths = [a["name"] for a in sim.registry_auths()]
    volumes = [v["storageName"] for v in sim.network_storages()]
    counts = (len(endpoints), len(auths), len(volumes))
    assert counts == ((8, 6, 6) if expected else (0, 0, 0))
    for names in (endpoints, auths, volumes):
        assert len(set(names)) == len(names), f"duplicates: {names}"


def report_faults(sim: SimulatorServer, label: str) -> int:
    faulted = Counter(r["fault"] for r in sim.requests() if r["fault"])
    total = len(sim.requests())
    retried = sum(n for kind, n in faulted.items() if kind != "latency")
    print(f"{label}: {total} API requests, faults injected {dict(faulted)}, retries {retried}")
    return retried


def test_twenty_resources_converge_with_thirty_percent_faults(project_stack: MakeStack) -> None:
    stack = twenty(project_stack)
    sim = stack.sim
    sim.set_faults(
        [{"route": "*", "kinds": ALL_FAULTS, "rate": 0.3, "latencyMs": 50, "retryAfter": 1}],
        seed=20261126,
    )

    up = stack.up()
    assert changes(up.summary.resource_changes) == {"create": 21}
    assert_no_orphans_or_duplicates(sim, expected=20)
    retries = report_faults(sim, "up")
    sim.clear_requests()

    stack.set("maxWorkers", 3)
    stack.set("volumeSize", 30)
    up = stack.up()
    assert changes(up.summary.resource_changes) == {"update": 14}
    assert {e["workerConfig"]["maxNum"] for e in sim.endpoints()} == {3}
    assert {v["storageSize"] for v in sim.network_storages()} == {30}
    assert_no_orphans_or_duplicates(sim, expected=20)
    retries += report_faults(sim, "update")
    sim.clear_requests()

    stack.destroy()
    assert_no_orphans_or_duplicates(sim, expected=0)
    retries += report_faults(sim, "destroy")
    print("fault totals:", sim.fault_stats()["injected"])
    assert retries > 0  # the faults really happened


def test_a_route_failing_every_time_fails_within_the_retry_budget(
    project_stack: MakeStack,
) -> None:
    stack = twenty(project_stack)
    stack.set("novita:maxRetries", 2)
    stack.set("novita:retryTimeout", 10)
    stack.sim.set_faults([{"route": "POST /endpoint/create", "kinds": ["503"], "rate": 1.0}])
    started = time.monotonic()
    with pytest.raises(auto.CommandError) as failure:
        stack.up()
    elapsed = time.monotonic() - started
    message = str(failure.value)
    print(f"up failed after {elapsed:.1f} s")
    assert "create endpoint endpoint-" in message
    assert "SERVICE_UNAVAILABLE" in message
    assert "(HTTP 503, after 3 attempts in " in message
    assert "Traceback" not in message

    stack.sim.clear_faults()
    stack.up()
    assert_no_orphans_or_duplicates(stack.sim, expected=20)
    stack.destroy()
    assert_no_orphans_or_duplicates(stack.sim, expected=0)


def encodings(secret: str) -> set[str]:
    return {
        secret,
        base64.b64encode(secret.encode()).decode(),
        base64.b64encode(secret.encode()).decode().rstrip("="),
        urllib.parse.quote(secret),
        urllib.parse.quote_plus(secret),
    }


def test_secrets_never_appear_in_state_output_logs_or_errors(
    project_stack: MakeStack, tmp_path: Path
) -> None:
    log_file = tmp_path / "provider.log"
    stack = project_stack(
        REPO / "examples" / "production",
        secrets={"registryPassword": REGISTRY_PASSWORD, "hfToken": SECRET_ENV_VALUE},
        env={"NOVITA_PROVIDER_LOG": str(log_file)},
    )
    stack.set("registryUsername", "deploy-bot")
    texts = [
        stack.up().stdout,
        stack.preview().stdout,
    ]
    stack.set("maxWorkers", 9)
    texts.append(stack.preview().stdout)  # a diff of a resource holding secrets
    stack.sim.set_faults([{"route": "POST /endpoint/update", "kinds": ["500"], "rate": 1.0}])
    stack.set("novita:maxRetries", 1)
    with pytest.raises(auto.CommandError) as failure:
        stack.up()
    texts.append(str(failure.value))
    stack.sim.clear_faults()
    texts.append(stack.export())
    texts.append("\n".join(stack.output))
    log = log_file.read_text()
    assert "POST /endpoint/create -> 200" in log  # the provider did log its requests
    texts.append(log)
    stack.destroy()

    everything = "\n".join(texts)
    for secret in (API_KEY, REGISTRY_PASSWORD, SECRET_ENV_VALUE):
        for encoded in encodings(secret):
            assert encoded not in everything, f"a secret leaked ({secret[:6]}...)"
    assert "authorization" not in everything.lower()


WRONG_KEY = "wrong-key-d00d"


@pytest.mark.parametrize("operation", ["preview", "up"])
@pytest.mark.parametrize("project", ["root", "private-image"])
def test_wrong_api_key_is_one_clear_unauthorized_error(
    request: pytest.FixtureRequest, operation: str, project: str
) -> None:
    """The root stack fails in its get_clusters() lookup, the example in the provider's check."""
    if project == "root":
        stack: StackUnderTest = request.getfixturevalue("root_stack")
    else:
        make: MakeStack = request.getfixturevalue("project_stack")
        stack = make(
            REPO / "examples" / "private-image", secrets={"registryPassword": REGISTRY_PASSWORD}
        )
        stack.set("registryUsername", "deploy-bot")
    stack.set("novita:apiKey", WRONG_KEY, secret=True)
    with pytest.raises(auto.CommandError) as failure:
        getattr(stack, operation)()
    message = str(failure.value)
    assert "UNAUTHORIZED" in message
    assert "(HTTP 401)" in message
    assert "Traceback" not in message
    assert WRONG_KEY not in message
    assert len(stack.sim.requests()) == 1  # the first call, and no other
