"""Response-shape options (issue #10): each changes only what the API answers, over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from novita_provider.simulator import SimulatorServer

from .sim_helpers import assert_error, create, create_body, create_storage, get, save_auth

DOCUMENTED = {
    "omitEmpty": False,
    "pageBase": 1,
    "pageSizeCap": 0,
    "listOrder": "oldest-first",
    "storageIdKey": "storageId",
    "extraFields": False,
}
VARIANTS = {
    "omitEmpty": True,
    "pageBase": 0,
    "pageSizeCap": 10,
    "listOrder": "newest-first",
    "storageIdKey": "id",
    "extraFields": True,
}
EXTRA_KEYS = {"undocumentedNote", "undocumentedInfo"}
SPARSE = {"workerConfig": {**create_body()["endpoint"]["workerConfig"], "minNum": 0}, "envs": []}


def _shape(admin: httpx.Client, **options: Any) -> dict[str, Any]:
    response = admin.post("/config", json=options)
    assert response.status_code == 200, response.text
    config: dict[str, Any] = response.json()
    return config


def _shape_of(config: dict[str, Any]) -> dict[str, Any]:
    return {key: config[key] for key in DOCUMENTED}


def _objects(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every JSON object in `value` with its path, the outermost first."""
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            if key not in EXTRA_KEYS:
                yield from _objects(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _objects(item, f"{path}[{index}]")


def _ids(response: httpx.Response, items: str, key: str = "id") -> list[str]:
    assert response.status_code == 200, response.text
    return [item[key] for item in response.json()[items]]


# -- the default stays documented ----------------------------------------------------------


def test_default_shape_is_documented(api: httpx.Client, admin: httpx.Client) -> None:
    assert _shape_of(admin.get("/config").json()) == DOCUMENTED
    endpoint = get(api, create(api, **SPARSE)).json()["endpoint"]
    assert endpoint["workerConfig"]["minNum"] == 0
    assert (endpoint["envs"], endpoint["workers"], endpoint["clusterID"]) == ([], [], "")
    assert endpoint["state"] == {"state": "serving", "error": "", "message": ""}
    assert not any(EXTRA_KEYS & set(obj) for _, obj in _objects(endpoint))
    storage_id = create_storage(api, "vol")
    item = api.get("/networkstorages/list").json()["data"][0]
    assert item["storageId"] == storage_id and "id" not in item
    assert api.get("/networkstorages/list?pageNo=0&pageSize=1").json()["data"] == [item]


# -- omit empty values ---------------------------------------------------------------------


def test_omit_empty_drops_zero_values_recursively(api: httpx.Client, admin: httpx.Client) -> None:
    _shape(admin, omitEmpty=True)
    endpoint_id = create(api, **SPARSE)
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert "minNum" not in endpoint["workerConfig"]
    assert endpoint["workerConfig"]["maxNum"] == 2
    for key in ("envs", "workers", "clusterID", "log"):
        assert key not in endpoint, key
    assert endpoint["state"] == {"state": "serving"}
    assert endpoint["image"] == {"image": "nginx:1"}
    assert endpoint["volumeMounts"] == [{"type": "local", "size": 30, "mountPath": "/data"}]
    listed = api.get("/endpoints").json()
    assert listed == {"endpoints": [endpoint], "total": 1}


def test_omit_empty_empty_list_and_false_booleans(api: httpx.Client, admin: httpx.Client) -> None:
    _shape(admin, omitEmpty=True)
    assert api.get("/endpoints").json() == {}
    assert api.get("/repository/auths").json() == {}
    assert api.get("/networkstorages/list").json() == {}
    clusters = {c["id"]: c for c in api.get("/clusters").json()["data"]}
    assert "supportNetworkStorage" not in clusters["5"]
    assert clusters["as-sgp-2"]["supportNetworkStorage"] is True


def test_omit_empty_keeps_write_answers_and_validation(
    api: httpx.Client, admin: httpx.Client
) -> None:
    _shape(admin, omitEmpty=True)
    response = api.post("/endpoint/create", json=create_body(name=""))
    assert response.status_code == 200 and set(response.json()) == {"id"}
    body = {"endpoint": {k: v for k, v in create_body()["endpoint"].items() if k != "healthy"}}
    assert_error(api.post("/endpoint/create", json=body), "VALIDATOR_PARAM", "endpoint.healthy")
    saved = api.post("/repository/auth/save", json={"name": "a", "username": "u", "password": "p"})
    assert (saved.status_code, saved.json()) == (200, {})
    assert_error(api.get("/endpoint"), "VALIDATOR_PARAM", "id")


# -- paging --------------------------------------------------------------------------------


def test_page_base_zero(api: httpx.Client, admin: httpx.Client) -> None:
    _shape(admin, pageBase=0)
    ids = [create(api, name=f"e{i}") for i in range(3)]
    page = {"pageSize": "2"}
    assert _ids(api.get("/endpoints", params={**page, "pageNum": "0"}), "endpoints") == ids[:2]
    assert _ids(api.get("/endpoints", params={**page, "pageNum": "1"}), "endpoints") == ids[2:]
    assert _ids(api.get("/endpoints", params={**page, "pageNum": "2"}), "endpoints") == []
    assert _ids(api.get("/endpoints", params=page), "endpoints") == ids[:2]
    storages = [create_storage(api, f"s{i}") for i in range(3)]
    second = api.get("/networkstorages/list", params={**page, "pageNo": "1"})
    assert _ids(second, "data", "storageId") == storages[2:]
    assert second.json()["total"] == 3


def test_page_size_cap(api: httpx.Client, admin: httpx.Client) -> None:
    _shape(admin, pageSizeCap=10)
    ids = [create(api, name=f"e{i}") for i in range(12)]
    first = api.get("/endpoints", params={"pageSize": "20", "pageNum": "1"})
    assert _ids(first, "endpoints") == ids[:10]
    assert first.json()["total"] == 12
    second = api.get("/endpoints", params={"pageSize": "20", "pageNum": "2"})
    assert _ids(second, "endpoints") == ids[10:]
    small = api.get("/endpoints", params={"pageSize": "5", "pageNum": "3"})
    assert _ids(small, "endpoints") == ids[10:]
    too_big = api.get("/endpoints", params={"pageSize": "101"})
    assert_error(too_big, "VALIDATOR_PARAM", "pageSize")
    storages = [create_storage(api, f"s{i}") for i in range(11)]
    listed = api.get("/networkstorages/list", params={"pageSize": "50"})
    assert _ids(listed, "data", "storageId") == storages[:10]


# -- list order ----------------------------------------------------------------------------


def test_newest_first(sim: SimulatorServer, api: httpx.Client, admin: httpx.Client) -> None:
    _shape(admin, listOrder="newest-first")
    ids = [create(api, name=f"e{i}") for i in range(3)]
    assert _ids(api.get("/endpoints"), "endpoints") == ids[::-1]
    assert _ids(api.get("/endpoints", params={"pageSize": "2", "pageNum": "2"}), "endpoints") == [
        ids[0]
    ]
    storages = [create_storage(api, f"s{i}") for i in range(3)]
    assert _ids(api.get("/networkstorages/list"), "data", "storageId") == storages[::-1]
    credentials = [save_auth(api, f"c{i}") for i in range(3)]
    assert _ids(api.get("/repository/auths"), "data") == credentials[::-1]
    assert [e["id"] for e in sim.endpoints()] == ids
    assert [s["storageId"] for s in admin.get("/network-storages").json()["networkStorages"]] == (
        storages
    )


# -- storage id key ------------------------------------------------------------------------


def test_storage_id_key(api: httpx.Client, admin: httpx.Client) -> None:
    _shape(admin, storageIdKey="id")
    storage_id = create_storage(api, "vol")
    item = api.get("/networkstorages/list", params={"storageId": storage_id}).json()["data"][0]
    assert item["id"] == storage_id
    assert "storageId" not in item
    assert list(item) == ["id", "storageName", "storageSize", "clusterId", "clusterName", "price"]
    admin_item = admin.get("/network-storages").json()["networkStorages"][0]
    assert admin_item["storageId"] == storage_id
    assert_error(api.post("/networkstorage/delete", json={"id": storage_id}), "VALIDATOR_PARAM")
    assert api.post("/networkstorage/delete", json={"storageId": storage_id}).status_code == 200


# -- extra undocumented fields -------------------------------------------------------------


def test_extra_fields_everywhere(api: httpx.Client, admin: httpx.Client) -> None:
    _shape(admin, extraFields=True)
    created = api.post("/endpoint/create", json=create_body())
    assert set(created.json()) >= EXTRA_KEYS
    endpoint_id = created.json()["id"]
    storage_id = create_storage(api, "vol")
    saved = api.post("/repository/auth/save", json={"name": "c", "username": "u", "password": "p"})
    assert set(saved.json()) == EXTRA_KEYS
    for response in (
        get(api, endpoint_id),
        api.get("/endpoints"),
        api.get("/networkstorages/list"),
        api.get("/repository/auths"),
        api.get("/clusters"),
        api.get("/endpoint/limit"),
    ):
        paths = [path for path, obj in _objects(response.json()) if not set(obj) >= EXTRA_KEYS]
        assert paths == [], response.url
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["workers"][0]["state"]["state"] == "running"
    assert endpoint["workers"][0]["state"]["undocumentedNote"]
    listed = api.get("/networkstorages/list").json()["data"][0]
    assert listed["storageId"] == storage_id
    error = api.get("/endpoint", params={"id": "ep-none"})
    assert set(error.json()) == {"code", "reason", "message", "metadata"}


# -- all at once, and the admin and Python controls ----------------------------------------


def test_all_shape_variants_and_back(sim: SimulatorServer, admin: httpx.Client) -> None:
    assert _shape_of(_shape(admin, allShapeVariants=True)) == VARIANTS
    assert _shape_of(_shape(admin, allShapeVariants=False)) == DOCUMENTED
    both = _shape(admin, allShapeVariants=True, pageBase=1, readyDelay=0.5)
    assert _shape_of(both) == {**VARIANTS, "pageBase": 1}
    assert both["readyDelay"] == 0.5
    assert _shape_of(sim.configure(all_shape_variants=False)) == DOCUMENTED
    assert _shape_of(sim.configure(list_order="newest-first")) == {
        **DOCUMENTED,
        "listOrder": "newest-first",
    }


def test_all_shape_variants_together(api: httpx.Client, admin: httpx.Client) -> None:
    _shape(admin, allShapeVariants=True)
    ids = [create(api, name=f"e{i}", **SPARSE) for i in range(12)]
    first = api.get("/endpoints", params={"pageNum": "0", "pageSize": "20"}).json()
    assert [e["id"] for e in first["endpoints"]] == ids[::-1][:10]
    assert "minNum" not in first["endpoints"][0]["workerConfig"]
    assert set(first["endpoints"][0]["workerConfig"]) >= EXTRA_KEYS
    second = api.get("/endpoints", params={"pageNum": "1", "pageSize": "20"}).json()
    assert [e["id"] for e in second["endpoints"]] == ids[::-1][10:]
    storage_id = create_storage(api, "vol")
    assert api.get("/networkstorages/list").json()["data"][0]["id"] == storage_id


@pytest.mark.parametrize(
    "body",
    [
        {"omitEmpty": 1},
        {"pageBase": 2},
        {"pageBase": True},
        {"pageSizeCap": -1},
        {"pageSizeCap": 101},
        {"pageSizeCap": "10"},
        {"listOrder": "random"},
        {"storageIdKey": "storage_id"},
        {"extraFields": "yes"},
        {"allShapeVariants": 1},
        {"readyDelay": 5, "pageBase": 3},
    ],
)
def test_config_rejects_bad_shape_and_changes_nothing(
    admin: httpx.Client, body: dict[str, Any]
) -> None:
    before = admin.get("/config").json()
    response = admin.post("/config", json=body)
    assert_error(response, "VALIDATOR_PARAM")
    field = next(key for key in body if key != "readyDelay")
    assert response.json()["message"].startswith(f"{field}:"), response.json()
    assert admin.get("/config").json() == before


def test_python_keywords(api: httpx.Client) -> None:
    with SimulatorServer(all_shape_variants=True, extra_fields=False) as server:
        config = httpx.get(server.url + "/_sim/config").json()
    assert _shape_of(config) == {**VARIANTS, "extraFields": False}
    with pytest.raises(ValueError, match="page_base"):
        SimulatorServer(page_base=2)
    with pytest.raises(ValueError, match="storage_id_key"):
        SimulatorServer(storage_id_key="uuid")
