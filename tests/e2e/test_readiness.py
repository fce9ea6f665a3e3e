"""Endpoints wait for readiness concurrently, not four at a time (issue #5), through the
dynamic resources and through the native provider (issue #14).

The dynamic provider's gRPC server has four threads and a create holds one while it waits for
its endpoint to serve; the provider widens that pool. The native provider serves every call on
one asyncio loop and runs the kinds' calls in a thread pool of the same width. The simulator
holds every endpoint in ``initializing`` until the test releases them, and the test counts how
many creates arrived before that: all of them, if waiting is concurrent.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable

import pytest

from novita_provider.simulator import SimulatorServer

from .harness import REPO, StackUnderTest, changes

pytestmark = pytest.mark.e2e

N = 10
PROGRAMS = {
    "dynamic": f"""
from novita_provider import Endpoint

for i in range({N}):
    Endpoint(
        f"endpoint-{{i}}",
        image={{"image": "vllm/vllm-openai:v0.6.3"}},
        products=["SL-serverless-1"],
        worker_config={{"min_num": 1, "max_num": 1, "free_timeout": 60, "max_concurrent": 1,
                       "request_timeout": 60}},
        policy={{"type": "queue", "value": 5}},
        ports=[{{"port": 8000}}],
        health_check={{"path": "/health"}},
    )
""",
    # No generated SDK needed: the type token and the schema's camelCase property names.
    "native": f"""
import pulumi

for i in range({N}):
    pulumi.CustomResource(
        "novita:index:Endpoint",
        f"endpoint-{{i}}",
        {{
            "image": {{"image": "vllm/vllm-openai:v0.6.3"}},
            "products": ["SL-serverless-1"],
            "workerConfig": {{"minNum": 1, "maxNum": 1, "freeTimeout": 60, "maxConcurrent": 1,
                             "requestTimeout": 60}},
            "policy": {{"type": "queue", "value": 5}},
            "ports": [{{"port": 8000}}],
            "healthCheck": {{"path": "/health"}},
        }},
    )
""",
}
NATIVE_PLUGIN = f"plugins:\n  providers:\n    - name: novita\n      path: {REPO / 'bin'}\n"


def release_when_all_created(sim: SimulatorServer, seen: list[int], done: threading.Event) -> None:
    """Wait (bounded) until N creates arrived and record how many did; from then on let every
    endpoint serve, until the deployment is over."""
    deadline = time.monotonic() + 20
    creates = 0
    while time.monotonic() < deadline and not done.is_set():
        creates = sum(r["path"] == "/endpoint/create" for r in sim.requests())
        if creates >= N:
            break
        time.sleep(0.05)
    seen.append(creates)
    released: set[str] = set()
    while not done.is_set():
        for endpoint in sim.endpoints():
            if endpoint["id"] not in released:
                sim.force_state(endpoint["id"], "serving")
                released.add(endpoint["id"])
        time.sleep(0.05)


@pytest.mark.parametrize("provider", ["dynamic", "native"])
def test_all_endpoints_wait_for_readiness_at_once(
    project_stack: Callable[..., StackUnderTest], provider: str
) -> None:
    env = {"PULUMI_PARALLEL": str(2 * N), "NOVITA_PROVIDER_PYTHON": sys.executable}
    stack = project_stack(program=PROGRAMS[provider], env=env)
    if provider == "native":
        with (stack.dir / "Pulumi.yaml").open("a") as settings:
            settings.write(NATIVE_PLUGIN)
    stack.sim.configure(ready_delay=600)  # nothing serves until released
    seen: list[int] = []
    done = threading.Event()
    releaser = threading.Thread(target=release_when_all_created, args=(stack.sim, seen, done))
    releaser.start()
    try:
        up = stack.up()
    finally:
        done.set()
        releaser.join()
    assert changes(up.summary.resource_changes) == {"create": N + 1}
    assert seen == [N], f"only {seen[0]} creates were in flight at once"
    stack.destroy()
