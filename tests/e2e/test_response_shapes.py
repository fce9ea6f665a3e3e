"""The root stack's whole lifecycle on the real engine against every response shape the
simulator can answer in (issue #10): one engine session per shape, each doing the whole
lifecycle (up, a preview with no changes, refresh, a preview with no changes, destroy).

In the paging shapes the account also holds 25 other endpoints (more than a page) and every
endpoint create's answer is lost, so `up` must adopt each endpoint it made, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from novita_provider.api.client import NovitaClient
from novita_provider.api.settings import ProviderSettings
from novita_provider.endpoint.spec import EndpointSpec
from novita_provider.simulator import SimulatorServer

from ..unit.test_endpoint_spec import inputs
from .harness import API_KEY, StackUnderTest, changes, simulator

pytestmark = pytest.mark.e2e

SHAPES: dict[str, dict[str, Any]] = {
    "omit-empty": {"omit_empty": True},
    "0-based-pages": {"page_base": 0},
    "page-cap-10": {"page_size_cap": 10},
    "newest-first": {"list_order": "newest-first"},
    "storage-id-key-id": {"storage_id_key": "id"},
    "extra-fields": {"extra_fields": True},
    "all-variants": {"all_shape_variants": True},
}
PAGING_SHAPES = {"0-based-pages", "page-cap-10", "newest-first", "all-variants"}
OTHERS = 25
STACK_ENDPOINTS = ("inference-", "batch-")


@pytest.fixture(params=list(SHAPES))
def shape(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def sim(shape: str) -> Iterator[SimulatorServer]:
    """Overrides conftest's: the simulator answering in ``shape``."""
    with simulator(ready_delay=0.0, terminate_delay=0.0, **SHAPES[shape]) as server:
        yield server


def create_others(sim: SimulatorServer) -> set[str]:
    """25 endpoints the stack does not own; their ids."""
    client = NovitaClient(ProviderSettings(api_url=sim.api_url, api_key=API_KEY))
    try:
        for n in range(OTHERS):
            body = EndpointSpec.model_validate(inputs(name=f"other-{n}")).to_create()
            client.create_endpoint(body)
    finally:
        client.close()
    return {e["id"] for e in sim.endpoints()}


def stack_endpoint_ids(sim: SimulatorServer) -> list[str]:
    return [e["id"] for e in sim.endpoints() if e["name"].startswith(STACK_ENDPOINTS)]


def test_root_stack_lifecycle(shape: str, root_stack: StackUnderTest) -> None:
    stack, sim = root_stack, root_stack.sim
    paging = shape in PAGING_SHAPES
    others = create_others(sim) if paging else set()
    if paging:
        sim.set_faults(
            [{"route": "POST /endpoint/create", "kinds": ["drop-after-commit"], "rate": 1.0}]
        )
    sim.clear_requests()

    up = stack.up()
    assert changes(up.summary.resource_changes) == {"create": 5}
    created = stack_endpoint_ids(sim)
    assert len(created) == 2  # each stack endpoint exists once: adopted, never created twice
    assert {e["id"] for e in sim.endpoints()} == others | set(created)
    assert up.outputs["endpoint_id"].value in created
    assert up.outputs["state"].value == "serving"
    assert up.outputs["volume_id"].value == _only(sim.network_storages())
    assert up.outputs["registry_credential_id"].value == sim.registry_auths()[0]["id"]
    stack_creates = [
        c
        for c in stack.api_calls("/endpoint/create")
        if c["body"]["endpoint"]["name"].startswith(STACK_ENDPOINTS)
    ]
    assert len(stack_creates) == 2
    if paging:
        assert all(c["fault"] == "drop-after-commit" for c in stack_creates)
        sim.clear_faults()

    sim.clear_requests()
    assert changes(stack.preview().change_summary) == {}
    assert changes(stack.refresh().summary.resource_changes) == {}
    assert changes(stack.preview().change_summary) == {}
    assert [c["path"] for c in stack.api_calls() if c["method"] == "POST"] == []

    assert changes(stack.destroy().summary.resource_changes) == {"delete": 5}
    assert {e["id"] for e in sim.endpoints()} == others
    assert sim.network_storages() == []
    assert sim.registry_auths() == []


def _only(storages: list[dict[str, Any]]) -> str:
    [storage] = storages
    return str(storage.get("storageId") or storage.get("id"))
