"""Lifecycle: initializing -> serving (or failed by rule), update restarts, terminating -> gone."""

from __future__ import annotations

import httpx

from novita_provider.simulator import SimulatorServer

from .sim_helpers import assert_error, create, get, state_of, update_body, wait_for_state


def test_initializing_then_serving(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(ready_delay=0.3)
    endpoint_id = create(api)
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["state"] == {"state": "initializing", "error": "", "message": "pulling image"}
    assert endpoint["workers"] == []
    wait_for_state(api, endpoint_id, "serving")
    assert len(get(api, endpoint_id).json()["endpoint"]["workers"]) == 1


def test_ready_delay_zero_serves_at_once(api: httpx.Client) -> None:
    assert state_of(api, create(api)) == "serving"


def test_update_restarts_readiness(sim: SimulatorServer, api: httpx.Client) -> None:
    endpoint_id = create(api)
    sim.configure(ready_delay=0.3)
    assert api.post("/endpoint/update", json=update_body(endpoint_id)).status_code == 200
    assert state_of(api, endpoint_id) == "initializing"
    assert get(api, endpoint_id).json()["endpoint"]["workers"] == []
    wait_for_state(api, endpoint_id, "serving")


def test_delay_change_applies_to_later_calls_only(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(ready_delay=60)
    slow = create(api)
    sim.configure(ready_delay=0)
    fast = create(api)
    assert state_of(api, slow) == "initializing"
    assert state_of(api, fast) == "serving"


def test_terminating_then_gone(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(terminate_delay=0.3)
    endpoint_id = create(api)
    assert api.post("/endpoint/delete", json={"name": endpoint_id}).status_code == 200
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["state"]["state"] == "terminating"
    assert endpoint["workers"] == []
    wait_for_state(api, endpoint_id, "gone")
    assert_error(get(api, endpoint_id), "SERVERLESS_ENDPOINT_NOT_FOUND")
    assert sim.endpoints() == []


def test_terminating_wins_over_forced_state(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(terminate_delay=60)
    endpoint_id = create(api)
    sim.force_state(endpoint_id, "failed", "boom")
    api.post("/endpoint/delete", json={"name": endpoint_id})
    assert state_of(api, endpoint_id) == "terminating"


def test_ready_failure_rule(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.fail_ready("broken:1", "manifest unknown")
    endpoint_id = create(api, image={"image": "broken:1"})
    good_id = create(api)
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["state"] == {
        "state": "failed",
        "error": "IMAGE_PULL_FAILED",
        "message": "manifest unknown",
    }
    assert endpoint["workers"] == []
    assert state_of(api, good_id) == "serving"


def test_ready_failure_after_delay(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(ready_delay=0.3)
    sim.fail_ready("broken:1", "manifest unknown")
    endpoint_id = create(api, image={"image": "broken:1"})
    assert state_of(api, endpoint_id) == "initializing"
    wait_for_state(api, endpoint_id, "failed")


def test_ready_failure_rule_over_http(
    sim: SimulatorServer, api: httpx.Client, admin: httpx.Client
) -> None:
    rule = {"image": "broken:2", "message": "denied", "error": "IMAGE_AUTH_FAILED"}
    assert admin.post("/ready-failures", json=rule).json() == {}
    assert admin.get("/ready-failures").json() == {
        "readyFailures": {
            "broken:2": {"state": "failed", "error": "IMAGE_AUTH_FAILED", "message": "denied"}
        }
    }
    endpoint_id = create(api, image={"image": "broken:2"})
    state = get(api, endpoint_id).json()["endpoint"]["state"]
    assert state == {"state": "failed", "error": "IMAGE_AUTH_FAILED", "message": "denied"}


def test_ready_failure_rule_defaults(
    sim: SimulatorServer, api: httpx.Client, admin: httpx.Client
) -> None:
    admin.post("/ready-failures", json={"image": "broken:3"})
    state = get(api, create(api, image={"image": "broken:3"})).json()["endpoint"]["state"]
    assert state["state"] == "failed"
    assert state["error"] == "IMAGE_PULL_FAILED"
    assert state["message"]


def test_ready_failure_rule_hits_initializing_endpoints(
    sim: SimulatorServer, api: httpx.Client
) -> None:
    sim.configure(ready_delay=0.3)
    endpoint_id = create(api, image={"image": "late:1"})
    sim.fail_ready("late:1", "pull failed")
    wait_for_state(api, endpoint_id, "failed")


def test_ready_failure_rule_spares_serving_endpoints(
    sim: SimulatorServer, api: httpx.Client
) -> None:
    endpoint_id = create(api, image={"image": "late:2"})
    sim.fail_ready("late:2", "pull failed")
    assert state_of(api, endpoint_id) == "serving"


def test_update_to_a_good_image_recovers(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.fail_ready("broken:1", "manifest unknown")
    endpoint_id = create(api, image={"image": "broken:1"})
    assert state_of(api, endpoint_id) == "failed"
    api.post("/endpoint/update", json=update_body(endpoint_id, image={"image": "nginx:2"}))
    assert state_of(api, endpoint_id) == "serving"
    body = update_body(endpoint_id, image={"image": "broken:1"})
    api.post("/endpoint/update", json=body)
    assert state_of(api, endpoint_id) == "failed"
