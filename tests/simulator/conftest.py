"""Fixtures: one simulator and one pair of clients per session, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from novita_provider.simulator import SimulatorServer

API_KEY = "sim-key"


@pytest.fixture(scope="session")
def _session_sim() -> Iterator[SimulatorServer]:
    with SimulatorServer(api_key=API_KEY) as server:
        yield server


@pytest.fixture(scope="session")
def _session_api(_session_sim: SimulatorServer) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(base_url=_session_sim.api_url, headers=headers, timeout=5.0) as client:
        yield client


@pytest.fixture(scope="session")
def _session_admin(_session_sim: SimulatorServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=_session_sim.url + "/_sim", timeout=5.0) as client:
        yield client


@pytest.fixture
def sim(_session_sim: SimulatorServer) -> SimulatorServer:
    """A started simulator, empty, without faults, with every delay 0, in the documented shape."""
    _session_sim.reset()
    _session_sim.configure(
        ready_delay=0.0, terminate_delay=0.0, storage_release_delay=0.0, all_shape_variants=False
    )
    return _session_sim


@pytest.fixture
def api(sim: SimulatorServer, _session_api: httpx.Client) -> httpx.Client:
    """An authenticated client rooted at the API (`/gpu-instance/openapi/v1`)."""
    return _session_api


@pytest.fixture
def admin(sim: SimulatorServer, _session_admin: httpx.Client) -> httpx.Client:
    """An unauthenticated client rooted at the admin surface (`/_sim`)."""
    return _session_admin
