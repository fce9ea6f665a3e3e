"""Section 0: auth, error bodies, unknown paths, wrong methods; and GET /endpoint/limit."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from novita_provider.simulator import SimulatorServer

from .sim_helpers import assert_error, create_body

LIMITS = {
    "minRootfsSize": 10,
    "maxRootfsSize": 1000,
    "freeRootfsSize": 100,
    "minLocalVolumeSize": 10,
    "maxLocalVolumeSize": 500,
    "freeLocalVolumeSize": 30,
    "minWorkerNum": 0,
    "maxWorkerNum": 100,
    "minFreeTimeout": 1,
    "maxFreeTimeout": 3600,
    "minConcurrencyNum": 1,
    "maxConcurrencyNum": 1000,
    "minQueueWaitTime": 1,
    "maxQueueWaitTime": 3600,
    "minRequestNum": 1,
    "maxRequestNum": 1000,
    "minGPUNum": 1,
    "maxGPUNum": 8,
    "minRequestTimeout": 1,
    "maxRequestTimeout": 3600,
    "cudaVersionList": ["11.8", "12.1", "12.4", "12.8"],
}


def test_limits(api: httpx.Client) -> None:
    response = api.get("/endpoint/limit")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == LIMITS


def test_limits_rejects_unknown_query(api: httpx.Client) -> None:
    assert_error(api.get("/endpoint/limit", params={"x": "1"}), "VALIDATOR_PARAM", "x")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-key"},
        {"Authorization": "sim-key"},
        {"Authorization": "Basic sim-key"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer sim-key-and-more"},
    ],
    ids=["missing", "wrong", "no-scheme", "basic", "empty", "prefix"],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/endpoint/limit"), ("POST", "/endpoint/create"), ("GET", "/nowhere")],
)
def test_unauthorized(
    sim: SimulatorServer, headers: dict[str, str], method: str, path: str
) -> None:
    response = httpx.request(method, sim.api_url + path, headers=headers, json={})
    assert response.status_code == 401
    body = response.json()
    assert body == {
        "code": 401,
        "reason": "UNAUTHORIZED",
        "message": body["message"],
        "metadata": {},
    }
    assert body["message"]
    sent = headers.get("Authorization", "")
    if sent.strip():
        assert sent.split()[-1] not in body["message"]
    assert "sim-key" not in response.text


def test_bearer_scheme_is_case_insensitive(sim: SimulatorServer) -> None:
    response = httpx.get(
        sim.api_url + "/endpoint/limit", headers={"Authorization": "bearer sim-key"}
    )
    assert response.status_code == 200


def test_unauthorized_creates_nothing(sim: SimulatorServer, api: httpx.Client) -> None:
    httpx.post(sim.api_url + "/endpoint/create", json=create_body())
    assert api.get("/endpoints").json()["total"] == 0


@pytest.mark.parametrize("path", ["/nowhere", "/endpoint/create/extra", "/", "/endpoints/x"])
def test_unknown_path_is_404(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == 404 and body["reason"] == "NOT_FOUND" and body["metadata"] == {}


def test_path_outside_api_root_is_404(sim: SimulatorServer) -> None:
    response = httpx.get(sim.url + "/v1/endpoints", headers={"Authorization": "Bearer sim-key"})
    assert response.status_code == 404
    assert response.json()["reason"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/endpoint/create", "POST"),
        ("POST", "/endpoint/limit", "GET"),
        ("POST", "/endpoints", "GET"),
        ("PUT", "/endpoint/update", "POST"),
        ("DELETE", "/endpoint/delete", "POST"),
        ("PATCH", "/endpoint", "GET"),
    ],
)
def test_wrong_method_is_405(api: httpx.Client, method: str, path: str, allow: str) -> None:
    response = api.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    body = response.json()
    assert body["code"] == 405 and body["reason"] == "METHOD_NOT_ALLOWED"


def test_malformed_json_is_validator_param(api: httpx.Client) -> None:
    for raw in (b"{", b"not json", b"\xff\xfe", b"1" * 5000, b"[" * 100_000):
        response = api.post("/endpoint/delete", content=raw)
        assert_error(response, "VALIDATOR_PARAM", "body")


def test_chunked_request_body(api: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"name": '
        yield b'"ep-000000000000"}'

    response = api.post("/endpoint/delete", content=chunks())
    assert_error(response, "SERVERLESS_ENDPOINT_NOT_FOUND")


def test_servers_are_independent() -> None:
    with SimulatorServer(api_key="a") as first, SimulatorServer(api_key="b") as second:
        assert first.url != second.url
        assert first.api_url == first.url + "/gpu-instance/openapi/v1"
        ok = httpx.get(first.api_url + "/endpoints", headers={"Authorization": "Bearer a"})
        assert ok.status_code == 200
        denied = httpx.get(second.api_url + "/endpoints", headers={"Authorization": "Bearer a"})
        assert denied.status_code == 401
        assert second.requests()[0]["status"] == 401
        assert len(first.requests()) == 1


def test_stop_is_idempotent_and_releases_the_port() -> None:
    server = SimulatorServer().start()
    server.stop()
    server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.api_url + "/endpoint/limit", timeout=1.0)


def test_stop_closes_kept_alive_connections() -> None:
    server = SimulatorServer().start()
    headers = {"Authorization": "Bearer sim-key"}
    with httpx.Client(base_url=server.api_url, headers=headers, timeout=2.0) as client:
        assert client.get("/endpoint/limit").status_code == 200
        server.stop()
        with pytest.raises(httpx.TransportError):
            client.get("/endpoint/limit")


def test_restart_after_stop_is_refused() -> None:
    server = SimulatorServer()
    server.stop()
    with pytest.raises(RuntimeError):
        server.start()
