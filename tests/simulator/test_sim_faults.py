"""Fault injection: seeded, per route, each kind's observable behaviour, counters, clear."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from novita_provider.simulator import ApiError, SimulatorServer

from .sim_helpers import assert_error, create_body, save_auth

ERROR_KINDS = {
    "429": (429, "RATE_LIMIT_EXCEEDED"),
    "429-retry-after": (429, "RATE_LIMIT_EXCEEDED"),
    "500": (500, "INTERNAL_ERROR"),
    "502": (502, "BAD_GATEWAY"),
    "503": (503, "SERVICE_UNAVAILABLE"),
    "504": (504, "GATEWAY_TIMEOUT"),
}
SAVE = "POST /repository/auth/save"


def _rule(kinds: list[str], route: str = "*", rate: Any = 1.0, **extra: Any) -> dict[str, Any]:
    return {"route": route, "kinds": kinds, "rate": rate, **extra}


def _save(api: httpx.Client, name: str) -> httpx.Response:
    return api.post("/repository/auth/save", json={"name": name, "username": "u", "password": "p"})


def _credential_names(sim: SimulatorServer) -> list[str]:
    return [credential["name"] for credential in sim.registry_auths()]


def test_no_faults_by_default(sim: SimulatorServer, api: httpx.Client, admin: httpx.Client) -> None:
    empty = {"seed": 0, "rules": [], "injected": {}, "byRoute": {}}
    assert admin.get("/faults").json() == empty
    assert sim.fault_stats() == empty
    assert api.get("/clusters").status_code == 200
    assert sim.requests()[-1]["fault"] is None


def test_set_over_http_fills_defaults(admin: httpx.Client) -> None:
    body = {"seed": 7, "rules": [_rule(["latency", "429-retry-after"], SAVE, 0.25)]}
    response = admin.post("/faults", json=body)
    assert response.status_code == 200
    expected = {
        "seed": 7,
        "rules": [
            {
                "route": SAVE,
                "kinds": ["latency", "429-retry-after"],
                "rate": 0.25,
                "latencyMs": 500,
                "retryAfter": 1,
            }
        ],
        "injected": {},
        "byRoute": {},
    }
    assert response.json() == expected
    assert admin.get("/faults").json() == expected


def _run_sequence(api: httpx.Client) -> list[int]:
    statuses = []
    for index in range(40):
        if index % 3 == 0:
            statuses.append(_save(api, f"c{index}").status_code)
        else:
            statuses.append(api.get("/repository/auths").status_code)
    return statuses


def test_same_seed_same_faults(sim: SimulatorServer, api: httpx.Client) -> None:
    rules = [_rule(["429", "500", "503"], rate=0.5)]
    runs: list[tuple[list[int], list[str | None]]] = []
    for _ in range(2):
        sim.reset()
        sim.set_faults(rules, seed=1234)
        statuses = _run_sequence(api)
        runs.append((statuses, [entry["fault"] for entry in sim.requests()]))
    assert runs[0] == runs[1]
    statuses, faults = runs[0]
    assert 5 < faults.count(None) < 35  # some requests faulted, some not
    assert {fault for fault in faults if fault} == {"429", "500", "503"}
    assert [status != 200 for status in statuses] == [fault is not None for fault in faults]
    sim.reset()
    sim.set_faults(rules, seed=4321)
    _run_sequence(api)
    assert [entry["fault"] for entry in sim.requests()] != faults


def test_setting_the_rules_again_reseeds(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.set_faults([_rule(["500"], rate=0.5)], seed=99)
    first = [api.get("/clusters").status_code for _ in range(20)]
    sim.set_faults([_rule(["500"], rate=0.5)], seed=99)
    assert [api.get("/clusters").status_code for _ in range(20)] == first


@pytest.mark.parametrize("kind", sorted(ERROR_KINDS))
def test_error_kinds_answer_before_any_effect(
    sim: SimulatorServer, api: httpx.Client, kind: str
) -> None:
    sim.set_faults([_rule([kind], SAVE)])
    response = _save(api, "never")
    status, reason = ERROR_KINDS[kind]
    assert response.status_code == status
    body = response.json()
    assert body == {"code": status, "reason": reason, "message": body["message"], "metadata": {}}
    if kind == "429-retry-after":
        assert response.headers["retry-after"] == "1"
    else:
        assert "retry-after" not in response.headers
    assert _credential_names(sim) == []
    entry = sim.requests()[-1]
    assert (entry["status"], entry["reason"], entry["fault"]) == (status, reason, kind)
    assert entry["body"] == {"name": "never", "username": "u", "password": "p"}


def test_retry_after_value(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.set_faults([_rule(["429-retry-after"], retryAfter=7)])
    assert api.get("/clusters").headers["retry-after"] == "7"


def test_latency_then_served(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.set_faults([_rule(["latency"], SAVE, latencyMs=150)])
    started = time.monotonic()
    response = _save(api, "slow")
    assert time.monotonic() - started >= 0.15
    assert response.status_code == 200
    assert response.json() == {}
    assert _credential_names(sim) == ["slow"]
    assert sim.requests()[-1]["fault"] == "latency"
    assert sim.requests()[-1]["status"] == 200


def test_drop_after_commit(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.set_faults([_rule(["drop-after-commit"], "POST /endpoint/create")])
    with pytest.raises(httpx.TransportError):
        api.post("/endpoint/create", json=create_body(appName="dropped"))
    [endpoint] = sim.endpoints()
    assert endpoint["appName"] == "dropped"
    entry = sim.requests()[-1]
    assert (entry["status"], entry["fault"]) == (200, "drop-after-commit")
    # the client recovers on a new connection and sees the effect
    listed = api.get("/endpoints").json()
    assert [e["appName"] for e in listed["endpoints"]] == ["dropped"]
    sim.clear_faults()
    retry = api.post("/endpoint/create", json=create_body(appName="dropped"))
    assert_error(retry, "SERVERLESS_APP_NAME_IS_EXIST")  # a blind retry meets its own commit


def test_drop_sends_no_bytes_and_closes(sim: SimulatorServer) -> None:
    sim.set_faults([_rule(["drop-after-commit"], "GET /clusters")])
    request = (
        f"GET /gpu-instance/openapi/v1/clusters HTTP/1.1\r\nHost: {sim.host}\r\n"
        "Authorization: Bearer sim-key\r\n\r\n"
    ).encode()
    with socket.create_connection((sim.host, sim.port), timeout=5.0) as connection:
        connection.sendall(request)
        try:
            received = connection.recv(65536)
        except ConnectionResetError:
            received = b""
    assert received == b""  # end of stream at once, not a timeout (which would raise)


def test_drop_after_commit_of_an_error(sim: SimulatorServer, api: httpx.Client) -> None:
    save_auth(api, "taken")
    sim.set_faults([_rule(["drop-after-commit"], SAVE)])
    with pytest.raises(httpx.TransportError):
        _save(api, "taken")
    entry = sim.requests()[-1]
    assert (entry["status"], entry["reason"], entry["fault"]) == (
        400,
        "VALIDATOR_PARAM",
        "drop-after-commit",
    )


def test_drop_after_commit_is_persisted(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    headers = {"Authorization": "Bearer sim-key"}
    with (
        SimulatorServer(state_file=str(state)) as server,
        httpx.Client(base_url=server.api_url, headers=headers, timeout=5.0) as api,
    ):
        server.set_faults([_rule(["drop-after-commit"], SAVE)])
        with pytest.raises(httpx.TransportError):
            _save(api, "kept")
        saved = json.loads(state.read_text())
    assert [c["name"] for c in saved["registryAuths"]] == ["kept"]


def test_counters(sim: SimulatorServer, api: httpx.Client, admin: httpx.Client) -> None:
    sim.set_faults([_rule(["503"], "GET /clusters"), _rule(["429"], SAVE)])
    for _ in range(3):
        api.get("/clusters")
    _save(api, "x")
    api.get("/repository/auths")
    stats = admin.get("/faults").json()
    assert stats["injected"] == {"503": 3, "429": 1}
    assert stats["byRoute"] == {"GET /clusters": {"503": 3}, SAVE: {"429": 1}}
    assert sim.fault_stats() == stats
    logged = [(e["method"], e["path"], e["fault"]) for e in sim.requests()]
    assert logged == [
        ("GET", "/clusters", "503"),
        ("GET", "/clusters", "503"),
        ("GET", "/clusters", "503"),
        ("POST", "/repository/auth/save", "429"),
        ("GET", "/repository/auths", None),
    ]


def test_rules_per_route_first_match_wins(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.set_faults([_rule(["500"], "GET /clusters", rate=0.0), _rule(["502"])])
    assert api.get("/clusters").status_code == 200
    assert api.get("/repository/auths").status_code == 502
    assert api.get("/endpoints").status_code == 502
    assert sim.fault_stats()["byRoute"] == {
        "GET /repository/auths": {"502": 1},
        "GET /endpoints": {"502": 1},
    }


def test_route_matches_method_and_path_only(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.set_faults([_rule(["504"], "GET /endpoint")])
    assert api.get("/endpoint", params={"id": "ep-000000000000"}).status_code == 504
    assert api.get("/endpoints").status_code == 200
    assert api.post("/endpoint/delete", json={"name": "x"}).status_code == 400


def test_clear_keeps_counters(sim: SimulatorServer, api: httpx.Client, admin: httpx.Client) -> None:
    sim.set_faults([_rule(["500"])], seed=3)
    api.get("/clusters")
    response = admin.post("/faults/clear")
    assert response.json() == {
        "seed": 3,
        "rules": [],
        "injected": {"500": 1},
        "byRoute": {"GET /clusters": {"500": 1}},
    }
    assert api.get("/clusters").status_code == 200
    sim.set_faults([_rule(["500"])])
    sim.clear_faults()
    assert api.get("/clusters").status_code == 200
    assert sim.fault_stats()["injected"] == {"500": 1}


@pytest.mark.parametrize("via_http", [True, False])
def test_reset_clears_rules_and_counters(
    sim: SimulatorServer, api: httpx.Client, admin: httpx.Client, via_http: bool
) -> None:
    sim.set_faults([_rule(["500"])], seed=5)
    api.get("/clusters")
    if via_http:
        admin.post("/reset")
    else:
        sim.reset()
    assert sim.fault_stats() == {"seed": 0, "rules": [], "injected": {}, "byRoute": {}}
    assert api.get("/clusters").status_code == 200


def test_admin_calls_are_never_faulted(sim: SimulatorServer, admin: httpx.Client) -> None:
    sim.set_faults([_rule(["500", "drop-after-commit"])])
    for _ in range(5):
        assert admin.get("/health").json() == {"ok": True}
    assert admin.get("/faults").json()["injected"] == {}


def test_faults_come_before_auth(sim: SimulatorServer) -> None:
    sim.set_faults([_rule(["503"])])
    response = httpx.get(sim.api_url + "/clusters", headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 503


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "rules"),
        ({"rules": {}}, "rules"),
        ({"rules": [], "seed": "1"}, "seed"),
        ({"rules": [], "extra": 1}, "extra"),
        ({"rules": [{"kinds": ["500"], "rate": 1}]}, "rules[0].route"),
        ({"rules": [_rule(["500"], "GET /nowhere")]}, "rules[0].route"),
        ({"rules": [_rule(["500"], "POST /clusters")]}, "rules[0].route"),
        ({"rules": [_rule(["500"], "/clusters")]}, "rules[0].route"),
        ({"rules": [_rule([])]}, "rules[0].kinds"),
        ({"rules": [_rule(["418"])]}, "rules[0].kinds[0]"),
        ({"rules": [_rule(["500"], rate=1.5)]}, "rules[0].rate"),
        ({"rules": [_rule(["500"], rate=-0.1)]}, "rules[0].rate"),
        ({"rules": [_rule(["500"], rate="0.5")]}, "rules[0].rate"),
        ({"rules": [_rule(["500"], rate=True)]}, "rules[0].rate"),
        ({"rules": [_rule(["latency"], latencyMs=10_001)]}, "rules[0].latencyMs"),
        ({"rules": [_rule(["latency"], latencyMs=-1)]}, "rules[0].latencyMs"),
        ({"rules": [_rule(["429-retry-after"], retryAfter=1.5)]}, "rules[0].retryAfter"),
        ({"rules": [{**_rule(["500"]), "x": 1}]}, "rules[0].x"),
    ],
)
def test_bad_config(sim: SimulatorServer, admin: httpx.Client, body: Any, field: str) -> None:
    sim.set_faults([_rule(["500"], SAVE)], seed=2)
    before = sim.fault_stats()
    assert_error(admin.post("/faults", json=body), "VALIDATOR_PARAM", field)
    assert sim.fault_stats() == before  # a rejected config changes nothing


def test_bad_config_via_method(sim: SimulatorServer) -> None:
    with pytest.raises(ApiError) as raised:
        sim.set_faults([_rule(["teapot"])])
    assert raised.value.reason == "VALIDATOR_PARAM"
