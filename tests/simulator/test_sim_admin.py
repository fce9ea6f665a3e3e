"""The /_sim/ admin surface and the matching SimulatorServer methods."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from novita_provider.simulator import ApiError, SimulatorServer

from .sim_helpers import assert_error, create, create_body, get, state_of, update_body


def test_admin_needs_no_auth_and_is_not_logged(sim: SimulatorServer, admin: httpx.Client) -> None:
    assert admin.get("/health").json() == {"ok": True}
    assert admin.get("/endpoints").json() == {"endpoints": []}
    assert admin.get("/requests").json() == {"requests": []}


def test_request_log(sim: SimulatorServer, api: httpx.Client, admin: httpx.Client) -> None:
    body = create_body()
    endpoint_id = api.post("/endpoint/create", json=body).json()["id"]
    get(api, endpoint_id)
    api.get("/endpoints", params={"pageSize": "5", "pageNum": "1"})
    api.post("/endpoint/delete", json={"id": endpoint_id})
    httpx.get(sim.api_url + "/endpoint/limit", headers={"Authorization": "Bearer nope"})
    api.post("/endpoint/create", content=b"{oops")
    log = admin.get("/requests").json()["requests"]
    assert log == [
        {
            "method": "POST",
            "path": "/endpoint/create",
            "query": {},
            "body": body,
            "status": 200,
            "reason": None,
            "fault": None,
        },
        {
            "method": "GET",
            "path": "/endpoint",
            "query": {"id": endpoint_id},
            "body": None,
            "status": 200,
            "reason": None,
            "fault": None,
        },
        {
            "method": "GET",
            "path": "/endpoints",
            "query": {"pageSize": "5", "pageNum": "1"},
            "body": None,
            "status": 200,
            "reason": None,
            "fault": None,
        },
        {
            "method": "POST",
            "path": "/endpoint/delete",
            "query": {},
            "body": {"id": endpoint_id},
            "status": 400,
            "reason": "VALIDATOR_PARAM",
            "fault": None,
        },
        {
            "method": "GET",
            "path": "/endpoint/limit",
            "query": {},
            "body": None,
            "status": 401,
            "reason": "UNAUTHORIZED",
            "fault": None,
        },
        {
            "method": "POST",
            "path": "/endpoint/create",
            "query": {},
            "body": None,
            "status": 400,
            "reason": "VALIDATOR_PARAM",
            "fault": None,
        },
    ]
    assert sim.requests() == log
    assert "sim-key" not in admin.get("/requests").text
    assert "nope" not in admin.get("/requests").text


def test_request_log_unknown_path(sim: SimulatorServer, api: httpx.Client) -> None:
    api.get("/nowhere")
    assert sim.requests()[-1]["path"] == "/nowhere"
    assert sim.requests()[-1]["status"] == 404


def test_clear_requests(sim: SimulatorServer, api: httpx.Client, admin: httpx.Client) -> None:
    create(api)
    assert admin.post("/requests/clear").json() == {}
    assert sim.requests() == []
    create(api)
    sim.clear_requests()
    assert admin.get("/requests").json() == {"requests": []}
    assert len(sim.endpoints()) == 2


@pytest.mark.parametrize("via_http", [True, False])
def test_reset(
    sim: SimulatorServer, api: httpx.Client, admin: httpx.Client, via_http: bool
) -> None:
    endpoint_id = create(api)
    sim.fail_ready("broken:1", "x")
    if via_http:
        assert admin.post("/reset").json() == {}
    else:
        sim.reset()
    assert sim.endpoints() == []
    assert sim.requests() == []
    assert admin.get("/ready-failures").json() == {"readyFailures": {}}
    assert state_of(api, endpoint_id) == "gone"
    assert state_of(api, create(api, image={"image": "broken:1"})) == "serving"


def test_admin_endpoints_include_terminating(
    sim: SimulatorServer, api: httpx.Client, admin: httpx.Client
) -> None:
    sim.configure(terminate_delay=60)
    first, second = create(api), create(api)
    api.post("/endpoint/delete", json={"name": first})
    listed = admin.get("/endpoints").json()["endpoints"]
    assert [e["id"] for e in listed] == [first, second]
    assert [e["state"]["state"] for e in listed] == ["terminating", "serving"]
    assert listed[1] == get(api, second).json()["endpoint"]
    assert sim.endpoints() == listed


def test_force_state_over_http(api: httpx.Client, admin: httpx.Client) -> None:
    endpoint_id = create(api)
    forced = {"state": "failed", "message": "worker crashed", "error": "OOM"}
    assert admin.post(f"/endpoints/{endpoint_id}/state", json=forced).json() == {}
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["state"] == {"state": "failed", "error": "OOM", "message": "worker crashed"}
    assert endpoint["workers"] == []
    assert get(api, endpoint_id).json()["endpoint"]["state"]["state"] == "failed"
    api.post("/endpoint/update", json=update_body(endpoint_id))
    assert state_of(api, endpoint_id) == "serving"


def test_force_state_method(sim: SimulatorServer, api: httpx.Client) -> None:
    endpoint_id = create(api)
    sim.force_state(endpoint_id, "stopped", "paused by test")
    state = get(api, endpoint_id).json()["endpoint"]["state"]
    assert state == {"state": "stopped", "error": "", "message": "paused by test"}


def test_force_state_unknown(sim: SimulatorServer, admin: httpx.Client) -> None:
    response = admin.post("/endpoints/ep-000000000000/state", json={"state": "failed"})
    assert_error(response, "SERVERLESS_ENDPOINT_NOT_FOUND")
    with pytest.raises(ApiError):
        sim.force_state("ep-000000000000", "failed")


@pytest.mark.parametrize("body", [{}, {"state": ""}, {"state": "failed", "x": 1}, []])
def test_force_state_bad_body(api: httpx.Client, admin: httpx.Client, body: Any) -> None:
    endpoint_id = create(api)
    response = admin.post(f"/endpoints/{endpoint_id}/state", json=body)
    assert_error(response, "VALIDATOR_PARAM")


def test_edit_over_http(api: httpx.Client, admin: httpx.Client) -> None:
    endpoint_id = create(api)
    before = get(api, endpoint_id).json()["endpoint"]
    patch = {"workerConfig": {"maxNum": 7}, "image": {"image": "nginx:2"}, "envs": []}
    assert admin.post(f"/endpoints/{endpoint_id}/edit", json=patch).json() == {}
    after = get(api, endpoint_id).json()["endpoint"]
    assert after["workerConfig"] == {**before["workerConfig"], "maxNum": 7}
    assert after["image"] == {**before["image"], "image": "nginx:2"}
    assert after["envs"] == []
    assert after["state"] == before["state"]
    unchanged = ("ports", "policy", "volumeMounts", "products", "healthy", "name")
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}


def test_edit_method_is_not_validated(sim: SimulatorServer, api: httpx.Client) -> None:
    endpoint_id = create(api)
    sim.edit_endpoint(
        endpoint_id,
        {"workerConfig": {"freeTimeout": 99999}, "policy": {"value": 5}, "appName": "renamed"},
    )
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["workerConfig"]["freeTimeout"] == "99999"
    assert endpoint["policy"] == {"type": "queue", "value": "5"}
    assert endpoint["appName"] == "renamed"
    assert endpoint["url"] == f"https://{endpoint_id}-renamed.runsync.novita.dev"


def test_edit_unknown(sim: SimulatorServer, admin: httpx.Client) -> None:
    response = admin.post("/endpoints/ep-000000000000/edit", json={"name": "x"})
    assert_error(response, "SERVERLESS_ENDPOINT_NOT_FOUND")
    with pytest.raises(ApiError):
        sim.edit_endpoint("ep-000000000000", {"name": "x"})


@pytest.mark.parametrize("body", [{"state": {"state": "x"}}, {"id": "x"}, ["x"]])
def test_edit_rejects_non_endpoint_fields(
    api: httpx.Client, admin: httpx.Client, body: Any
) -> None:
    response = admin.post(f"/endpoints/{create(api)}/edit", json=body)
    assert_error(response, "VALIDATOR_PARAM")


DOCUMENTED_SHAPE = {
    "omitEmpty": False,
    "pageBase": 1,
    "pageSizeCap": 0,
    "listOrder": "oldest-first",
    "storageIdKey": "storageId",
    "extraFields": False,
}


def test_config(sim: SimulatorServer, api: httpx.Client, admin: httpx.Client) -> None:
    zero = {
        "readyDelay": 0.0,
        "terminateDelay": 0.0,
        "storageReleaseDelay": 0.0,
        **DOCUMENTED_SHAPE,
    }
    assert admin.get("/config").json() == zero
    response = admin.post("/config", json={"readyDelay": 60})
    assert response.json() == {**zero, "readyDelay": 60.0}
    assert state_of(api, create(api)) == "initializing"
    admin.post("/config", json={"readyDelay": 0, "terminateDelay": 0.5})
    assert admin.get("/config").json() == {**zero, "terminateDelay": 0.5}
    response = admin.post("/config", json={"storageReleaseDelay": 2.5})
    assert response.json() == {**zero, "terminateDelay": 0.5, "storageReleaseDelay": 2.5}
    configured = sim.configure(storage_release_delay=0)
    assert configured == {**zero, "terminateDelay": 0.5}


def test_config_method_returns_every_setting(sim: SimulatorServer) -> None:
    assert sim.configure(ready_delay=1) == {
        "readyDelay": 1.0,
        "terminateDelay": 0.0,
        "storageReleaseDelay": 0.0,
        **DOCUMENTED_SHAPE,
    }


@pytest.mark.parametrize(
    "body",
    [
        {"readyDelay": -1},
        {"terminateDelay": "1"},
        {"readyDelay": True},
        {"storageReleaseDelay": -0.5},
        {"x": 1},
    ],
)
def test_config_bad_body(admin: httpx.Client, body: dict[str, Any]) -> None:
    assert_error(admin.post("/config", json=body), "VALIDATOR_PARAM")


@pytest.mark.parametrize("body", [{}, {"image": ""}, {"image": "x", "other": 1}])
def test_ready_failure_bad_body(admin: httpx.Client, body: dict[str, Any]) -> None:
    assert_error(admin.post("/ready-failures", json=body), "VALIDATOR_PARAM")


def test_admin_unknown_path_and_method(admin: httpx.Client) -> None:
    assert admin.get("/nowhere").status_code == 404
    assert admin.get("/reset").status_code == 405
    assert admin.post("/endpoints").status_code == 405
