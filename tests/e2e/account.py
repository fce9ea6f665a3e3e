"""Resources made directly through the simulator's API, as a console user would have made them."""

from __future__ import annotations

from typing import Any

from novita_provider.api.client import NovitaClient
from novita_provider.api.settings import ProviderSettings
from novita_provider.endpoint.spec import EndpointSpec
from novita_provider.simulator import SimulatorServer

from .harness import API_KEY

CLUSTER = "as-sgp-2"


def api_client(sim: SimulatorServer) -> NovitaClient:
    return NovitaClient(ProviderSettings(api_url=sim.api_url, api_key=API_KEY))


def endpoint_spec(name: str, **extra: Any) -> EndpointSpec:
    return EndpointSpec.model_validate(
        {
            "name": name,
            "image": {"image": f"registry.example.com/team/{name}:1"},
            "products": ["SL-serverless-1"],
            "worker_config": {
                "min_num": 0,
                "max_num": 2,
                "free_timeout": 60,
                "max_concurrent": 2,
                "request_timeout": 120,
            },
            "policy": {"type": "queue", "value": 10},
            "ports": [{"port": 8000}],
            "health_check": {"path": "/health"},
            **extra,
        }
    )


def make_endpoint(client: NovitaClient, name: str, **extra: Any) -> str:
    return client.create_endpoint(endpoint_spec(name, **extra).to_create())
