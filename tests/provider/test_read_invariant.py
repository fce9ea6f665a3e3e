"""``read`` of an unchanged resource gives back exactly what ``check`` and ``create`` gave
(issue #12), for every resource, through the dynamic provider against the simulator.

A refresh compares what ``read`` reports with what is stored: inputs from ``check``, outputs
from ``create``. Any difference in form (an unset optional field read back as empty, a default
missing, a number as a string) shows as drift nobody made.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from novita_provider.api.client import shared_client
from novita_provider.api.settings import ProviderSettings
from novita_provider.dynamic.provider import DynamicProvider
from novita_provider.simulator import SimulatorServer

from .conftest import API_KEY
from .test_check_properties import configured, valid_credential, valid_endpoint, valid_volume

INVARIANT_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_unique = itertools.count()


SHAPES = [
    pytest.param({}, id="documented"),
    pytest.param({"omit_empty": True}, id="omit_empty"),
    pytest.param({"page_base": 0}, id="page_base_0"),
    pytest.param({"page_size_cap": 1}, id="page_size_cap_1"),
    pytest.param({"list_order": "newest-first"}, id="newest_first"),
    pytest.param({"storage_id_key": "id"}, id="storage_id_key"),
    pytest.param({"extra_fields": True}, id="extra_fields"),
    pytest.param({"all_shape_variants": True}, id="all_variants"),
]


@pytest.fixture(scope="module", params=SHAPES)
def sim(request: pytest.FixtureRequest) -> Iterator[SimulatorServer]:
    """A simulator (ready at once) answering in one response shape (simulator README,
    "Response shapes")."""
    shape: dict[str, Any] = request.param
    with SimulatorServer(api_key=API_KEY, ready_delay=0.0, terminate_delay=0.0, **shape) as server:
        yield server


def assert_reads_back_as_checked(provider: DynamicProvider, news: dict[str, Any]) -> None:
    """check -> create -> read: read's inputs are check's, read's outputs are create's."""
    checked = provider.check({}, news)
    assert checked.failures == []
    inputs = checked.inputs
    created = provider.create(dict(inputs))
    try:
        outputs = created.outs or {}
        read = provider.read(created.id, dict(outputs))
        assert read.id == created.id
        assert read.inputs == inputs
        assert read.outs == outputs
    finally:
        provider.delete(created.id, dict(created.outs or {}))


def unique_name(props: dict[str, Any]) -> dict[str, Any]:
    """Names are unique on the account and examples may repeat one: make each distinct."""
    if props.get("name") is not None:
        return {**props, "name": f"{props['name'][:200]}-{next(_unique)}"}
    return props


def test_an_endpoint_reads_back_as_checked_and_created(sim: SimulatorServer) -> None:
    client = shared_client(ProviderSettings(api_url=sim.api_url, api_key=API_KEY))
    storage_id = client.create_network_storage("as-sgp-2", "mounted", 50).storage_id
    provider = configured(DynamicProvider("Endpoint"), sim)

    @INVARIANT_SETTINGS
    @given(props=valid_endpoint(storage_id), app_name=st.booleans())
    def run(props: dict[str, Any], app_name: bool) -> None:
        if app_name:  # otherwise Novita names the app after the id: still unset on read
            props = {**props, "app_name": f"app-{next(_unique)}"}
        assert_reads_back_as_checked(provider, props)

    run()


def test_a_registry_credential_reads_back_as_checked_and_created(sim: SimulatorServer) -> None:
    provider = configured(DynamicProvider("RegistryCredential"), sim)

    @INVARIANT_SETTINGS
    @given(props=valid_credential())
    def run(props: dict[str, Any]) -> None:
        assert_reads_back_as_checked(provider, unique_name(props))

    run()


def test_a_network_volume_reads_back_as_checked_and_created(sim: SimulatorServer) -> None:
    provider = configured(DynamicProvider("NetworkVolume"), sim)

    @INVARIANT_SETTINGS
    @given(props=valid_volume())
    def run(props: dict[str, Any]) -> None:
        assert_reads_back_as_checked(provider, unique_name(props))

    run()
