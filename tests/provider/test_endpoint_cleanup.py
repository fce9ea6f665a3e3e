"""A create whose endpoint never becomes ready removes it again, and says so when it cannot."""

from __future__ import annotations

import pytest

from novita_provider.api.settings import ProviderSettings
from novita_provider.dynamic.provider import DynamicProvider
from novita_provider.errors import CleanupFailedError, EndpointNotReadyError, NovitaError
from novita_provider.simulator import SimulatorServer

from ..unit.test_endpoint_spec import inputs
from .conftest import API_KEY

BROKEN_IMAGE = "registry.example.com/acme/broken:1"


def endpoint_provider(sim: SimulatorServer) -> DynamicProvider:
    provider = DynamicProvider("Endpoint")
    provider._settings = ProviderSettings(
        api_url=sim.api_url, api_key=API_KEY, max_retries=0, retry_timeout=5.0
    )
    return provider


def test_failed_readiness_deletes_the_endpoint(sim: SimulatorServer) -> None:
    sim.fail_ready(BROKEN_IMAGE, message="failed to pull image")
    props = inputs(image={"image": BROKEN_IMAGE}, ready_timeout_seconds=30)
    with pytest.raises(EndpointNotReadyError, match="failed to pull image"):
        endpoint_provider(sim).create(props)
    assert sim.endpoints() == []


def test_failed_readiness_and_failed_cleanup_name_the_endpoint_in_one_line(
    sim: SimulatorServer,
) -> None:
    sim.fail_ready(BROKEN_IMAGE, message="failed to pull image")
    sim.set_faults([{"route": "POST /endpoint/delete", "kinds": ["503"], "rate": 1.0}])
    props = inputs(image={"image": BROKEN_IMAGE}, ready_timeout_seconds=30)
    with pytest.raises(CleanupFailedError) as raised:
        endpoint_provider(sim).create(props)
    [left] = sim.endpoints()
    message = str(raised.value)
    assert isinstance(raised.value, NovitaError)
    assert "\n" not in message
    assert "failed to pull image" in message
    assert "SERVICE_UNAVAILABLE" in message
    assert f"delete {left['id']}" in message and "Novita console" in message


def test_api_errors_while_waiting_and_cleaning_up_name_the_endpoint(sim: SimulatorServer) -> None:
    """The readiness poll and the clean-up both meet API errors (0.1.0 turned this into a
    TypeError traceback by re-raising ``type(exc)(message)``)."""
    sim.set_faults(
        [
            {"route": "GET /endpoint", "kinds": ["502"], "rate": 1.0},
            {"route": "POST /endpoint/delete", "kinds": ["503"], "rate": 1.0},
        ]
    )
    with pytest.raises(CleanupFailedError) as raised:
        endpoint_provider(sim).create(inputs(ready_timeout_seconds=30))
    [left] = sim.endpoints()
    message = str(raised.value)
    assert "\n" not in message
    assert "BAD_GATEWAY" in message and "SERVICE_UNAVAILABLE" in message
    assert f"delete {left['id']}" in message
