"""The HTTP client against the simulator: errors, retries, and creates whose answer is lost."""

from __future__ import annotations

import time

import pytest

from novita_provider.api.client import NovitaClient
from novita_provider.api.settings import ProviderSettings
from novita_provider.endpoint.spec import EndpointSpec
from novita_provider.errors import (
    NovitaApiError,
    NovitaConfigError,
    NovitaTransportError,
    UnknownOutcomeError,
)
from novita_provider.simulator import SimulatorServer

from ..unit.test_endpoint_spec import inputs
from .conftest import API_KEY, make_client


def create_body(name: str = "retry-test") -> EndpointSpec:
    return EndpointSpec.model_validate(inputs(name=name))


def test_api_error_is_one_line_with_reason_message_and_status(client: NovitaClient) -> None:
    with pytest.raises(NovitaApiError) as failure:
        client.get_endpoint("ep-missing")
    message = str(failure.value)
    assert message.startswith("read endpoint ep-missing failed: SERVERLESS_ENDPOINT_NOT_FOUND: ")
    assert message.endswith("(HTTP 400)")
    assert "\n" not in message
    assert failure.value.is_not_found


def test_wrong_key_is_unauthorized_and_never_echoed(sim: SimulatorServer) -> None:
    wrong = "wrong-key-0c7d"
    client = NovitaClient(ProviderSettings(api_url=sim.api_url, api_key=wrong))
    with pytest.raises(NovitaApiError) as failure:
        client.get_limits()
    assert failure.value.reason == "UNAUTHORIZED"
    assert failure.value.status == 401
    assert wrong not in str(failure.value)
    assert len(sim.requests()) == 1  # not retried


def test_missing_key_is_a_config_error() -> None:
    with pytest.raises(NovitaConfigError, match="novita:apiKey"):
        NovitaClient(ProviderSettings(api_url="http://127.0.0.1:9", api_key=None))


@pytest.mark.parametrize("kind", ["429", "429-retry-after", "500", "502", "503", "504"])
def test_reads_are_retried(sim: SimulatorServer, client: NovitaClient, kind: str) -> None:
    sim.set_faults([{"route": "GET /endpoint/limit", "kinds": [kind], "rate": 0.5}], seed=3)
    for _ in range(4):
        client.get_limits()
    log = sim.requests()
    assert {entry["fault"] for entry in log} == {kind, None}
    assert sum(entry["fault"] is None for entry in log) == 4


def test_retry_after_is_honoured(sim: SimulatorServer, client: NovitaClient) -> None:
    sim.set_faults(
        [{"route": "GET /clusters", "kinds": ["429-retry-after"], "rate": 1.0, "retryAfter": 1}]
    )
    started = time.monotonic()
    with pytest.raises(NovitaApiError) as failure:
        make_client(sim, max_retries=2, retry_timeout=10.0).list_clusters()
    elapsed = time.monotonic() - started
    assert failure.value.reason == "RATE_LIMIT_EXCEEDED"
    assert "after 3 attempts" in str(failure.value)
    # two waits of Retry-After: 1 s each (a lower bound: the server asked for them)
    assert elapsed >= 2.0


def test_retries_stop_at_the_budget(sim: SimulatorServer) -> None:
    sim.set_faults([{"route": "GET /clusters", "kinds": ["503"], "rate": 1.0}])
    client = make_client(sim, max_retries=3, retry_timeout=30.0)
    with pytest.raises(NovitaApiError) as failure:
        client.list_clusters()
    assert str(failure.value).startswith("list clusters failed: ")
    assert "(HTTP 503, after 4 attempts in " in str(failure.value)
    assert len(sim.requests()) == 4


def test_connection_refused_is_one_line(sim: SimulatorServer) -> None:
    settings = ProviderSettings(api_url="http://127.0.0.1:9/v1", api_key=API_KEY)
    object.__setattr__(settings, "max_retries", 1)
    with pytest.raises(NovitaTransportError) as failure:
        NovitaClient(settings).get_limits()
    message = str(failure.value)
    assert message.startswith("get endpoint limits failed: no answer from the Novita API (")
    assert "after 2 attempts" in message
    assert API_KEY not in message


def test_create_whose_response_is_lost_is_adopted_not_repeated(
    sim: SimulatorServer, client: NovitaClient
) -> None:
    sim.set_faults(
        [{"route": "POST /endpoint/create", "kinds": ["drop-after-commit"], "rate": 1.0}]
    )
    endpoint_id = client.create_endpoint(create_body().to_create())
    [endpoint] = sim.endpoints()
    assert endpoint["id"] == endpoint_id
    assert len([r for r in sim.requests() if r["path"] == "/endpoint/create"]) == 1


def test_create_refused_with_5xx_is_sent_again(sim: SimulatorServer, client: NovitaClient) -> None:
    sim.set_faults([{"route": "POST /endpoint/create", "kinds": ["503"], "rate": 0.5}], seed=1)
    for index in range(6):
        client.create_endpoint(create_body(f"retry-{index}").to_create())
    names = sorted(e["name"] for e in sim.endpoints())
    assert names == [f"retry-{index}" for index in range(6)]
    assert any(r["fault"] == "503" for r in sim.requests())


def test_lost_credential_and_volume_creates_are_adopted(
    sim: SimulatorServer, client: NovitaClient
) -> None:
    sim.set_faults(
        [
            {"route": "POST /repository/auth/save", "kinds": ["drop-after-commit"], "rate": 1.0},
            {"route": "POST /networkstorage/create", "kinds": ["drop-after-commit"], "rate": 1.0},
        ]
    )
    auth = client.create_registry_auth("ci-registry", "bot", "pw-1")
    storage = client.create_network_storage("as-sgp-2", "ci-volume", 20)
    assert [a["id"] for a in sim.registry_auths()] == [auth.id]
    assert [s["storageId"] for s in sim.network_storages()] == [storage.storage_id]


def test_lost_delete_response_is_retried_to_success(
    sim: SimulatorServer, client: NovitaClient
) -> None:
    ids = [client.create_endpoint(create_body(f"e{i}").to_create()) for i in range(6)]
    sim.set_faults(
        [{"route": "POST /endpoint/delete", "kinds": ["drop-after-commit"], "rate": 0.5}], seed=2
    )
    for endpoint_id in ids:
        try:
            client.delete_endpoint(endpoint_id)
        except NovitaApiError as exc:  # the retry found it gone, which the provider accepts
            assert exc.is_not_found
    assert sim.endpoints() == []
    assert any(r["fault"] == "drop-after-commit" for r in sim.requests())


def test_a_response_slower_than_the_timeout_is_a_read_timeout(sim: SimulatorServer) -> None:
    sim.set_faults(
        [{"route": "GET /clusters", "kinds": ["latency"], "rate": 1.0, "latencyMs": 600}]
    )
    client = make_client(sim, request_timeout=0.2, max_retries=1, retry_timeout=10.0)
    with pytest.raises(NovitaTransportError, match=r"ReadTimeout.*after 2 attempts"):
        client.list_clusters()


def test_a_created_credential_that_cannot_be_found_is_named_in_the_error(
    sim: SimulatorServer,
) -> None:
    """The save call answers without an id; when the look-up that learns it fails, the
    credential exists untracked: the error must say so and name it."""
    client = make_client(sim, max_retries=0, retry_timeout=5.0)
    sim.set_faults([{"route": "GET /repository/auths", "kinds": ["503"], "rate": 1.0}])
    with pytest.raises(UnknownOutcomeError) as raised:
        client.create_registry_auth("ci-registry-1a2b3c4", "bot", "pw-secret-93d1")
    message = str(raised.value)
    assert "'ci-registry-1a2b3c4'" in message and "may exist" in message
    assert "SERVICE_UNAVAILABLE" in message
    assert "pw-secret-93d1" not in message and "\n" not in message
    assert [a["name"] for a in sim.registry_auths()] == ["ci-registry-1a2b3c4"]


def test_the_user_agent_names_this_release() -> None:
    from importlib import metadata

    from novita_provider.api.client import USER_AGENT

    assert f"novita-pulumi/{metadata.version('novita-pulumi')}" == USER_AGENT
