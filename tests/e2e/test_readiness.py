"""Endpoints wait for readiness concurrently, not four at a time (issue #5).

The dynamic provider's gRPC server has four threads and a create holds one while it waits for
its endpoint to serve; the provider widens that pool. The simulator holds every endpoint in
``initializing`` until the test releases them, and the test counts how many creates arrived
before that: all of them, if waiting is concurrent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from novita_provider.simulator import SimulatorServer

from .harness import StackUnderTest, changes

pytestmark = pytest.mark.e2e

N = 10
PROGRAM = f"""
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
"""


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


def test_all_endpoints_wait_for_readiness_at_once(
    project_stack: Callable[..., StackUnderTest],
) -> None:
    stack = project_stack(program=PROGRAM, env={"PULUMI_PARALLEL": str(2 * N)})
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
