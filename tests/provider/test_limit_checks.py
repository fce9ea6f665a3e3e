"""``check`` holds new and changed values to the account's limits, and only those: an endpoint
whose limited fields are as deployed makes no API call, so a no-change preview makes none."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from novita_provider.api.client import NovitaClient
from novita_provider.core.account_data import limits_for
from novita_provider.endpoint.kind import EndpointKind
from novita_provider.simulator import SimulatorServer

from ..unit.test_endpoint_spec import inputs
from .conftest import make_client

LIMITS = ("GET", "/endpoint/limit")
INPUTS = inputs(name="limits-check")


@pytest.fixture
def kind(sim: SimulatorServer) -> Iterator[EndpointKind]:
    """A fresh client each time: limits are fetched at most once per client."""
    client: NovitaClient = make_client(sim)
    yield EndpointKind(lambda: client)
    client.close()


def limit_calls(sim: SimulatorServer) -> int:
    calls = [(r["method"], r["path"]) for r in sim.requests()]
    assert set(calls) <= {LIMITS}
    return len(calls)


def with_worker(**changes: int) -> dict[str, Any]:
    return {**INPUTS, "worker_config": {**INPUTS["worker_config"], **changes}}


def test_a_new_endpoint_is_checked_against_the_limits(
    kind: EndpointKind, sim: SimulatorServer
) -> None:
    checked = kind.check({}, with_worker(max_num=100_000))
    assert [f.path for f in checked.failures] == ["worker_config.max_num"]
    assert limit_calls(sim) == 1


def test_an_unchanged_endpoint_makes_no_call(kind: EndpointKind, sim: SimulatorServer) -> None:
    deployer = make_client(sim)  # what the inputs were checked with when deployed
    olds = EndpointKind(lambda: deployer).check({}, INPUTS).inputs
    deployer.close()
    sim.clear_requests()
    checked = kind.check(olds, dict(INPUTS))
    assert checked.failures == []
    assert limit_calls(sim) == 0
    # Nor does a change to a field no limit bounds.
    assert kind.check(olds, {**INPUTS, "image": {"image": "nginx:1"}}).failures == []
    assert limit_calls(sim) == 0


def test_a_changed_limited_value_is_checked(kind: EndpointKind, sim: SimulatorServer) -> None:
    olds = kind.check({}, INPUTS).inputs
    sim.clear_requests()
    checked = kind.check(olds, with_worker(max_num=100_000))
    assert [f.path for f in checked.failures] == ["worker_config.max_num"]
    assert limit_calls(sim) == 0  # fetched once per client: by the first check


def test_a_deployed_value_beyond_todays_limits_is_not_held_to_them(
    kind: EndpointKind, sim: SimulatorServer
) -> None:
    # As if deployed when the account allowed more: left alone until it changes.
    olds = {**with_worker(max_num=100_000), "rootfs_size": 100, "wait_for_ready": True}
    assert kind.check(olds, with_worker(max_num=100_000)).failures == []
    assert limit_calls(sim) == 0
    changed = kind.check(olds, with_worker(max_num=100_000, free_timeout=301))
    assert [f.path for f in changed.failures] == ["worker_config.max_num"]
    assert limit_calls(sim) == 1


def test_each_client_fetches_the_limits_itself(sim: SimulatorServer) -> None:
    """Answers are kept per client object: a new client may get a freed one's id(), and must
    not inherit its answers (nor its refusal of a wrong key)."""
    for _ in range(5):
        client = make_client(sim)
        assert limits_for(client) is not None
        client.close()
        del client
    assert limit_calls(sim) == 5
