"""adopt_id against the simulator: read, at most one update, never a create or a delete."""

from __future__ import annotations

from typing import Any

import pytest

from novita_provider.api.settings import ProviderSettings
from novita_provider.dynamic.provider import DynamicProvider
from novita_provider.endpoint.spec import EndpointSpec
from novita_provider.errors import NovitaError
from novita_provider.simulator import SimulatorServer

from ..unit.test_endpoint_spec import inputs
from .conftest import API_KEY

PASSWORD = "adopt-unit-password-31c8"


def provider(sim: SimulatorServer, type_name: str) -> DynamicProvider:
    p = DynamicProvider(type_name)
    p._settings = ProviderSettings(api_url=sim.api_url, api_key=API_KEY, max_retries=0)
    return p


def writes(sim: SimulatorServer) -> list[str]:
    return [c["path"] for c in sim.requests() if c["method"] == "POST"]


def existing_endpoint(sim: SimulatorServer, **overrides: Any) -> str:
    spec = EndpointSpec.model_validate(inputs(**overrides))
    endpoint_id = provider(sim, "Endpoint").kind.client().create_endpoint(spec.to_create())
    sim.clear_requests()
    return endpoint_id


def test_adopting_an_unchanged_endpoint_sends_no_write(sim: SimulatorServer) -> None:
    endpoint_id = existing_endpoint(sim)
    result = provider(sim, "Endpoint").create(inputs(adopt_id=endpoint_id))
    assert result.id == endpoint_id and "adopt_id" not in (result.outs or {})
    assert writes(sim) == []


def test_adopting_a_different_endpoint_sends_one_update(sim: SimulatorServer) -> None:
    endpoint_id = existing_endpoint(sim)
    wanted = inputs(adopt_id=endpoint_id, envs=[{"key": "MODE", "value": "fast"}])
    result = provider(sim, "Endpoint").create(wanted)
    assert (result.outs or {})["envs"] == [{"key": "MODE", "value": "fast"}]
    assert writes(sim) == ["/endpoint/update"]


def test_adoption_fails_in_one_line_for_a_missing_id_or_a_fixed_field(sim: SimulatorServer) -> None:
    with pytest.raises(NovitaError, match=r"^adopt endpoint ep-nope failed: no such endpoint"):
        provider(sim, "Endpoint").create(inputs(adopt_id="ep-nope"))
    endpoint_id = existing_endpoint(sim)
    with pytest.raises(NovitaError, match="differs in products"):
        provider(sim, "Endpoint").create(inputs(adopt_id=endpoint_id, products=["SL-serverless-1"]))
    assert writes(sim) == []


def test_a_credential_is_adopted_only_with_its_password(sim: SimulatorServer) -> None:
    credentials = provider(sim, "RegistryCredential")
    auth = credentials.kind.client().create_registry_auth("bot", "robot", PASSWORD)
    sim.clear_requests()
    with pytest.raises(NovitaError) as wrong:
        credentials.create(
            {"name": "bot", "username": "robot", "password": "nope-4d1", "adopt_id": auth.id}
        )
    assert "differs in password" in str(wrong.value)
    assert PASSWORD not in str(wrong.value) and "nope-4d1" not in str(wrong.value)
    adopted = credentials.create(
        {"name": "bot", "username": "robot", "password": PASSWORD, "adopt_id": auth.id}
    )
    assert adopted.id == auth.id
    assert writes(sim) == []


def test_check_requires_a_name_and_drops_adopt_id_once_in_the_stack(sim: SimulatorServer) -> None:
    endpoints = provider(sim, "Endpoint")
    unnamed = {**inputs(adopt_id="ep-1"), "autoname_prefix": "web"}
    del unnamed["name"]
    failures = endpoints.check({}, unnamed).failures
    assert [f.property for f in failures] == ["name"]
    olds = inputs(adopt_id="ep-1")
    assert "adopt_id" not in endpoints.check(olds, inputs(adopt_id="ep-1")).inputs
    # the replacement's second check (without olds) must not adopt ep-1 again either
    assert "adopt_id" not in endpoints.check({}, inputs(adopt_id="ep-1")).inputs
