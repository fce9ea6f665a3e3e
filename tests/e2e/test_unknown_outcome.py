"""A create whose outcome stays unknown (issue #9): `up` fails saying the endpoint may exist and
naming it; the next `up` adopts it instead of making a second."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from pulumi import automation as auto

from .harness import StackUnderTest, changes

pytestmark = pytest.mark.e2e

MakeStack = Callable[..., StackUnderTest]
PROGRAM = """
from novita_provider import Endpoint

Endpoint(
    "lost",
    image={"image": "registry.example.com/team/lost:1"},
    products=["SL-serverless-1"],
    worker_config={"min_num": 0, "max_num": 1, "free_timeout": 60, "max_concurrent": 1,
                   "request_timeout": 60},
    policy={"type": "queue", "value": 10},
    ports=[{"port": 8000}],
    health_check={"path": "/health"},
)
"""


def test_unknown_outcome_is_named_then_adopted(project_stack: MakeStack) -> None:
    stack = project_stack(program=PROGRAM)
    sim = stack.sim
    stack.set("novita:maxRetries", 1)
    stack.set("novita:retryTimeout", 5)
    sim.set_faults(
        [
            {"route": "POST /endpoint/create", "kinds": ["drop-after-commit"], "rate": 1.0},
            {"route": "GET /endpoints", "kinds": ["503"], "rate": 1.0},
        ]
    )
    with pytest.raises(auto.CommandError) as failed:
        stack.up()
    message = str(failed.value)
    assert "Traceback" not in message
    [line] = [line for line in message.splitlines() if "outcome is unknown" in line][:1]
    assert "may exist as 'lost-" in line and "run `pulumi up` again to adopt it" in line
    name = re.search(r"may exist as '([^']+)'", line)
    assert name is not None
    assert [e["name"] for e in sim.endpoints()] == [name.group(1)]  # it was made

    sim.clear_faults()
    sim.clear_requests()
    up = stack.up()
    assert changes(up.summary.resource_changes) == {"create": 1}
    assert [e["name"] for e in sim.endpoints()] == [name.group(1)]  # adopted, not a second
    assert not [c for c in sim.requests() if c["path"] == "/endpoint/create"]
    assert changes(stack.preview().change_summary) == {}
    assert not (stack.dir / ".novita-unknown-creates.json").exists()
    stack.destroy()
    assert sim.endpoints() == []
