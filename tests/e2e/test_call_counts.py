"""API calls per operation for a stack of endpoints: the counts `make bench` reports.

The stack is the benchmark's own (``benchmarks/stacks.py``), so the test and the benchmark count
the same thing. Counts only, never timings. The simulator has no ready or terminate delay, so
readiness and deletion each take exactly one GET per endpoint.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.stacks import (
    COUNT_KEY,
    CREATE_ROUTE,
    DELETE_ROUTE,
    GET_ROUTE,
    LIMITS_ROUTE,
    route_counts,
    write_project,
)
from novita_provider.simulator import SimulatorServer

from .harness import StackUnderTest, changes

pytestmark = pytest.mark.e2e

N = 3


@pytest.fixture
def endpoints_stack(tmp_path: Path, sim: SimulatorServer) -> StackUnderTest:
    """The benchmark's stack of N endpoints, configured like the root stack's."""
    project = write_project("endpoint", tmp_path / "src", virtualenv=sys.prefix)
    stack = StackUnderTest(project, tmp_path, sim)
    stack.set(COUNT_KEY, N)
    return stack


def calls_since_last(sim: SimulatorServer) -> dict[str, int]:
    """API calls by ``"METHOD /path"`` since the last call of this function; empties the log."""
    calls = route_counts(sim.requests())
    sim.clear_requests()
    return calls


def test_api_calls_per_operation(endpoints_stack: StackUnderTest) -> None:
    stack, sim = endpoints_stack, endpoints_stack.sim
    sim.clear_requests()

    # up: one create per endpoint, then one GET each finds it serving; the account's limits at
    # most once (one provider process)
    up = stack.up()
    assert changes(up.summary.resource_changes) == {"create": N + 1}  # + the stack
    calls = calls_since_last(sim)
    assert calls.pop(LIMITS_ROUTE, 0) <= 1
    assert calls == {CREATE_ROUTE: N, GET_ROUTE: N}

    # a no-change preview calls nothing: unchanged values are not checked against the limits
    assert changes(stack.preview().change_summary) == {}
    assert calls_since_last(sim) == {}

    # refresh: exactly one GET per endpoint
    assert changes(stack.refresh().summary.resource_changes) == {}
    assert calls_since_last(sim) == {GET_ROUTE: N}

    # destroy: one delete per endpoint, then one GET each finds it gone
    assert changes(stack.destroy().summary.resource_changes) == {"delete": N + 1}
    assert calls_since_last(sim) == {DELETE_ROUTE: N, GET_ROUTE: N}
    assert sim.endpoints() == []
