from __future__ import annotations

from collections.abc import Iterator

import pytest

from novita_provider.api.client import NovitaClient
from novita_provider.api.settings import ProviderSettings
from novita_provider.simulator import SimulatorServer

API_KEY = "provider-test-key-5be0"


@pytest.fixture
def sim() -> Iterator[SimulatorServer]:
    with SimulatorServer(api_key=API_KEY) as server:
        server.start()
        yield server


def make_client(sim: SimulatorServer, **overrides: float | int | str) -> NovitaClient:
    settings = ProviderSettings(api_url=sim.api_url, api_key=API_KEY)
    for key, value in overrides.items():
        object.__setattr__(settings, key, value)
    return NovitaClient(settings)


@pytest.fixture
def client(sim: SimulatorServer) -> Iterator[NovitaClient]:
    c = make_client(sim, max_retries=6, retry_timeout=30.0)
    yield c
    c.close()
