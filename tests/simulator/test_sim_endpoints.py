"""GET /endpoint, GET /endpoints, POST /endpoint/update, POST /endpoint/delete."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from novita_provider.simulator import SimulatorServer

from .sim_helpers import (
    assert_error,
    create,
    create_body,
    get,
    set_path,
    state_of,
    update_body,
)

READ_KEYS = {
    "id",
    "name",
    "appName",
    "state",
    "url",
    "workerConfig",
    "policy",
    "image",
    "rootfsSize",
    "volumeMounts",
    "envs",
    "ports",
    "workers",
    "products",
    "healthy",
    "clusterID",
    "log",
}


# -- GET /endpoint --------------------------------------------------------------------------


def test_get_read_shape(api: httpx.Client) -> None:
    endpoint_id = create(api, appName="shape", clusterID="as-sgp-2")
    response = get(api, endpoint_id)
    assert response.status_code == 200
    assert set(response.json()) == {"endpoint"}
    endpoint = response.json()["endpoint"]
    assert set(endpoint) == READ_KEYS
    assert endpoint["id"] == endpoint_id
    assert endpoint["name"] == "demo"
    assert endpoint["state"] == {"state": "serving", "error": "", "message": ""}
    assert endpoint["url"] == f"https://{endpoint_id}-shape.runsync.novita.dev"
    assert endpoint["image"] == {"image": "nginx:1", "authId": "", "command": ""}
    assert endpoint["rootfsSize"] == 100
    assert endpoint["envs"] == [{"key": "A", "value": "1"}]
    assert endpoint["products"] == [{"id": "SL-serverless-1"}]
    assert endpoint["healthy"] == {
        "path": "/health",
        "initialDelay": 30,
        "period": 10,
        "timeout": 5,
        "successThreshold": 1,
        "failureThreshold": 3,
    }
    assert endpoint["clusterID"] == "as-sgp-2"
    assert endpoint["log"] == ""


def test_get_defaults_for_absent_optionals(api: httpx.Client) -> None:
    body = create_body(image={"image": "nginx:1"})
    for key in ("name", "envs"):
        set_path(body, f"endpoint.{key}")
    endpoint_id = api.post("/endpoint/create", json=body).json()["id"]
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["name"] == ""
    assert endpoint["envs"] == []
    assert endpoint["clusterID"] == ""
    assert endpoint["image"]["authId"] == ""
    assert endpoint["image"]["command"] == ""


def test_numbers_as_strings_in_get_and_list(api: httpx.Client) -> None:
    endpoint_id = create(api)
    listed = api.get("/endpoints").json()["endpoints"][0]
    for endpoint in (get(api, endpoint_id).json()["endpoint"], listed):
        assert endpoint["workerConfig"] == {
            "minNum": 1,
            "maxNum": 2,
            "freeTimeout": "300",
            "maxConcurrent": "1",
            "gpuNum": 1,
            "requestTimeout": 100,
        }
        assert endpoint["policy"] == {"type": "queue", "value": "60"}
        assert endpoint["ports"] == [{"port": "8080"}]
        assert endpoint["rootfsSize"] == 100
        assert endpoint["volumeMounts"][0]["size"] == 30


def test_serving_workers(api: httpx.Client) -> None:
    body = create_body()
    body["endpoint"]["workerConfig"].update(minNum=3, maxNum=5)
    endpoint_id = api.post("/endpoint/create", json=body).json()["id"]
    workers = get(api, endpoint_id).json()["endpoint"]["workers"]
    assert len(workers) == 3
    assert len({worker["id"] for worker in workers}) == 3
    for worker in workers:
        assert worker == {
            "id": worker["id"],
            "state": {"state": "running", "error": "", "message": ""},
            "log": "",
            "metrics": "",
            "healthy": True,
        }
    assert get(api, endpoint_id).json()["endpoint"]["workers"] == workers


def test_get_unknown_id(api: httpx.Client) -> None:
    assert_error(get(api, "ep-000000000000"), "SERVERLESS_ENDPOINT_NOT_FOUND")


@pytest.mark.parametrize("params", [{}, {"id": ""}])
def test_get_without_id(api: httpx.Client, params: dict[str, str]) -> None:
    assert_error(api.get("/endpoint", params=params), "VALIDATOR_PARAM", "id")


def test_get_unknown_query_parameter(api: httpx.Client) -> None:
    response = api.get("/endpoint", params={"endpointId": "x"})
    assert_error(response, "VALIDATOR_PARAM", "endpointId")


# -- GET /endpoints -------------------------------------------------------------------------


def _ids(api: httpx.Client, **params: Any) -> list[str]:
    response = api.get("/endpoints", params=params)
    assert response.status_code == 200, response.text
    return [endpoint["id"] for endpoint in response.json()["endpoints"]]


def test_list_empty(api: httpx.Client) -> None:
    assert api.get("/endpoints").json() == {"endpoints": [], "total": 0}


def test_list_in_creation_order_with_total(api: httpx.Client) -> None:
    ids = [create(api) for _ in range(3)]
    response = api.get("/endpoints").json()
    assert response["total"] == 3
    assert [endpoint["id"] for endpoint in response["endpoints"]] == ids
    assert set(response["endpoints"][0]) == READ_KEYS


def test_list_page_num_zero_and_one_are_the_first_page(api: httpx.Client) -> None:
    ids = [create(api) for _ in range(3)]
    assert _ids(api, pageSize=2, pageNum=0) == ids[:2]
    assert _ids(api, pageSize=2, pageNum=1) == ids[:2]
    assert _ids(api, pageSize=2) == ids[:2]


def test_list_pages_to_the_end(api: httpx.Client) -> None:
    ids = [create(api) for _ in range(5)]
    seen: list[str] = []
    page = 1
    while True:
        response = api.get("/endpoints", params={"pageSize": 2, "pageNum": page}).json()
        assert response["total"] == 5
        if not response["endpoints"]:
            break
        seen += [endpoint["id"] for endpoint in response["endpoints"]]
        page += 1
    assert seen == ids
    assert page == 4
    assert _ids(api, pageSize=2, pageNum=3) == ids[4:]


def test_list_default_page_size_is_20(api: httpx.Client) -> None:
    ids = [create(api) for _ in range(21)]
    assert _ids(api) == ids[:20]
    assert _ids(api, pageNum=2) == ids[20:]
    assert _ids(api, pageSize=0) == ids[:20]


def test_list_page_size_bounds(api: httpx.Client) -> None:
    create(api)
    assert len(_ids(api, pageSize=100)) == 1
    assert_error(api.get("/endpoints", params={"pageSize": 101}), "VALIDATOR_PARAM", "pageSize")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"pageSize": "abc"}, "pageSize"),
        ({"pageSize": "-1"}, "pageSize"),
        ({"pageNum": "x"}, "pageNum"),
        ({"page": "1"}, "page"),
    ],
)
def test_list_bad_query(api: httpx.Client, params: dict[str, str], field: str) -> None:
    assert_error(api.get("/endpoints", params=params), "VALIDATOR_PARAM", field)


def test_list_includes_terminating(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(terminate_delay=60)
    endpoint_id = create(api)
    api.post("/endpoint/delete", json={"name": endpoint_id})
    response = api.get("/endpoints").json()
    assert response["total"] == 1
    assert response["endpoints"][0]["state"]["state"] == "terminating"


# -- POST /endpoint/update ------------------------------------------------------------------


def test_update_replaces_fields(api: httpx.Client) -> None:
    endpoint_id = create(api, appName="keep", clusterID="as-sgp-2")
    body = update_body(
        endpoint_id,
        name="renamed",
        clusterID="as-sgp-2",
        workerConfig={
            "minNum": 0,
            "maxNum": 4,
            "freeTimeout": "60",
            "maxConcurrent": 3,
            "gpuNum": 2,
            "requestTimeout": 30,
            "cudaVersion": "12.8",
        },
        ports=[{"port": "9000"}],
        policy={"type": "concurrency", "value": "10"},
        image={"image": "nginx:2", "command": "run"},
        volumeMounts=[],
        envs=[{"key": "B", "value": "2"}],
        healthy={"path": "/ready"},
    )
    response = api.post("/endpoint/update", json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {}
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["name"] == "renamed"
    assert endpoint["workerConfig"] == {
        "minNum": 0,
        "maxNum": 4,
        "freeTimeout": "60",
        "maxConcurrent": "3",
        "gpuNum": 2,
        "requestTimeout": 30,
        "cudaVersion": "12.8",
    }
    assert endpoint["ports"] == [{"port": "9000"}]
    assert endpoint["policy"] == {"type": "concurrency", "value": "10"}
    assert endpoint["image"] == {"image": "nginx:2", "authId": "", "command": "run"}
    assert endpoint["volumeMounts"] == []
    assert endpoint["envs"] == [{"key": "B", "value": "2"}]
    assert endpoint["healthy"]["path"] == "/ready"
    assert endpoint["clusterID"] == "as-sgp-2"
    assert endpoint["appName"] == "keep"
    assert endpoint["products"] == [{"id": "SL-serverless-1"}]
    assert endpoint["rootfsSize"] == 100


def test_update_absent_optionals_become_empty(api: httpx.Client) -> None:
    endpoint_id = create(api, clusterID="as-sgp-2")
    body = update_body(endpoint_id)
    for key in ("name", "clusterID", "envs"):
        body.pop(key, None)
    assert api.post("/endpoint/update", json=body).status_code == 200
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert (endpoint["name"], endpoint["clusterID"], endpoint["envs"]) == ("", "", [])


@pytest.mark.parametrize("key", ["rootfsSize", "products", "appName"])
def test_update_rejects_fields_that_cannot_change(api: httpx.Client, key: str) -> None:
    endpoint_id = create(api)
    value = create_body(appName="x")["endpoint"][key]
    response = api.post("/endpoint/update", json=update_body(endpoint_id, **{key: value}))
    assert_error(response, "VALIDATOR_PARAM", key)


def test_update_rejects_wrapped_body(api: httpx.Client) -> None:
    endpoint_id = create(api)
    response = api.post("/endpoint/update", json={"endpoint": update_body(endpoint_id)})
    assert_error(response, "VALIDATOR_PARAM")


@pytest.mark.parametrize(
    "key", ["id", "workerConfig", "ports", "policy", "image", "volumeMounts", "healthy"]
)
def test_update_missing_required(api: httpx.Client, key: str) -> None:
    body = update_body(create(api))
    del body[key]
    assert_error(api.post("/endpoint/update", json=body), "VALIDATOR_PARAM", key)


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("extra", 1, "extra"),
        ("workerConfig.extra", 1, "workerConfig.extra"),
        ("workerConfig.minNum", 101, "workerConfig.minNum"),
        ("workerConfig.minNum", "1", "workerConfig.minNum"),
        ("ports.0.port", "2222", "ports[0].port"),
        ("policy.type", "latency", "policy.type"),
        ("image.image", "", "image.image"),
        ("id", 5, "id"),
    ],
)
def test_update_validates_like_create(api: httpx.Client, path: str, value: Any, field: str) -> None:
    body = set_path(update_body(create(api)), path, value)
    assert_error(api.post("/endpoint/update", json=body), "VALIDATOR_PARAM", field)


def test_update_network_mount_needs_cluster_id(api: httpx.Client) -> None:
    mounts = [{"type": "network", "id": "ns-1", "mountPath": "/m"}]
    body = update_body(create(api), volumeMounts=mounts, clusterID="")
    assert_error(api.post("/endpoint/update", json=body), "VALIDATOR_PARAM", "clusterID")


def test_update_unknown_id(api: httpx.Client) -> None:
    response = api.post("/endpoint/update", json=update_body("ep-000000000000"))
    assert_error(response, "SERVERLESS_ENDPOINT_NOT_FOUND")


def test_update_terminating_endpoint(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(terminate_delay=60)
    endpoint_id = create(api)
    api.post("/endpoint/delete", json={"name": endpoint_id})
    response = api.post("/endpoint/update", json=update_body(endpoint_id))
    assert_error(response, "SERVERLESS_ENDPOINT_NOT_FOUND")


# -- POST /endpoint/delete ------------------------------------------------------------------


def test_delete(api: httpx.Client) -> None:
    endpoint_id = create(api)
    response = api.post("/endpoint/delete", json={"name": endpoint_id})
    assert response.status_code == 200
    assert response.json() == {}
    assert state_of(api, endpoint_id) == "gone"
    assert api.get("/endpoints").json()["total"] == 0


@pytest.mark.parametrize(
    "body_of",
    [
        lambda endpoint_id: {"id": endpoint_id},
        lambda endpoint_id: {"name": endpoint_id, "id": endpoint_id},
    ],
    ids=["id-only", "name-and-id"],
)
def test_delete_with_id_key(api: httpx.Client, body_of: Any) -> None:
    endpoint_id = create(api)
    response = api.post("/endpoint/delete", json=body_of(endpoint_id))
    assert_error(response, "VALIDATOR_PARAM", "id")
    assert state_of(api, endpoint_id) == "serving"


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "name"), ({"name": ""}, "name"), ({"name": 5}, "name"), ({"name": "x", "y": 1}, "y")],
)
def test_delete_bad_body(api: httpx.Client, body: dict[str, Any], field: str) -> None:
    assert_error(api.post("/endpoint/delete", json=body), "VALIDATOR_PARAM", field)


def test_delete_unknown(api: httpx.Client) -> None:
    response = api.post("/endpoint/delete", json={"name": "ep-000000000000"})
    assert_error(response, "SERVERLESS_ENDPOINT_NOT_FOUND")


def test_delete_twice_after_gone(api: httpx.Client) -> None:
    endpoint_id = create(api)
    api.post("/endpoint/delete", json={"name": endpoint_id})
    response = api.post("/endpoint/delete", json={"name": endpoint_id})
    assert_error(response, "SERVERLESS_ENDPOINT_NOT_FOUND")


def test_delete_while_terminating_succeeds(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(terminate_delay=60)
    endpoint_id = create(api)
    assert api.post("/endpoint/delete", json={"name": endpoint_id}).status_code == 200
    response = api.post("/endpoint/delete", json={"name": endpoint_id})
    assert response.status_code == 200
    assert response.json() == {}
    assert state_of(api, endpoint_id) == "terminating"


def test_app_name_duplicate_while_terminating(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(terminate_delay=60)
    endpoint_id = create(api, appName="busy")
    api.post("/endpoint/delete", json={"name": endpoint_id})
    response = api.post("/endpoint/create", json=create_body(appName="busy"))
    assert_error(response, "SERVERLESS_APP_NAME_IS_EXIST")


def test_app_name_free_again_once_gone(api: httpx.Client) -> None:
    endpoint_id = create(api, appName="again")
    api.post("/endpoint/delete", json={"name": endpoint_id})
    assert create(api, appName="again") != endpoint_id


def test_concurrent_creates_with_one_app_name(api: httpx.Client) -> None:
    def attempt(_: int) -> int:
        return api.post("/endpoint/create", json=create_body(appName="race")).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(attempt, range(16)))
    assert statuses.count(200) == 1
    assert statuses.count(400) == 15
