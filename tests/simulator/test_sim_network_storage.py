"""Section 3: clusters, network storage calls, and the in-use rule while endpoints mount it."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from novita_provider.simulator import SimulatorServer

from .sim_helpers import (
    assert_error,
    create,
    create_body,
    create_storage,
    get,
    network_mount,
    update_body,
    wait_until,
)

SGP, DALLAS, EU = "as-sgp-2", "us-dallas-nas-2", "5"


def _create(api: httpx.Client, **body: Any) -> httpx.Response:
    return api.post("/networkstorage/create", json=body)


def _update(api: httpx.Client, **body: Any) -> httpx.Response:
    return api.post("/networkstorage/update", json=body)


def _delete(api: httpx.Client, storage_id: str) -> httpx.Response:
    return api.post("/networkstorage/delete", json={"storageId": storage_id})


def _list(api: httpx.Client, **params: Any) -> dict[str, Any]:
    response = api.get("/networkstorages/list", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"data", "total"}
    assert isinstance(body, dict)
    return body


def _names(api: httpx.Client, **params: Any) -> list[str]:
    return [item["storageName"] for item in _list(api, **params)["data"]]


def _mounting(api: httpx.Client, storage_id: str, cluster: str = SGP) -> str:
    return create(api, volumeMounts=[network_mount(storage_id)], clusterID=cluster)


# -- GET /clusters --------------------------------------------------------------------------


def test_clusters(api: httpx.Client) -> None:
    response = api.get("/clusters")
    assert response.status_code == 200
    clusters = response.json()["data"]
    assert [(c["id"], c["name"], c["supportNetworkStorage"]) for c in clusters] == [
        (SGP, "Asia-Singapore-02", True),
        (DALLAS, "US-Dallas-NAS-02", True),
        (EU, "EU-West-05", False),
    ]
    for cluster in clusters:
        assert set(cluster) == {
            "id",
            "name",
            "availableGpuType",
            "supportNetworkStorage",
            "supportInstanceNetwork",
        }
        assert cluster["availableGpuType"]
        assert all(isinstance(gpu, str) and gpu for gpu in cluster["availableGpuType"])
        assert isinstance(cluster["supportInstanceNetwork"], bool)
    gpus = {c["id"]: " ".join(c["availableGpuType"]) for c in clusters}
    assert "4090" in gpus[SGP] and "5090" in gpus[SGP]
    assert "H100" in gpus[DALLAS] and "A100" in gpus[DALLAS]
    assert "4090" in gpus[EU]


def test_clusters_rejects_unknown_query(api: httpx.Client) -> None:
    assert_error(api.get("/clusters", params={"x": "1"}), "VALIDATOR_PARAM", "x")


# -- POST /networkstorage/create ------------------------------------------------------------


def test_create_answers_a_bare_id_string(api: httpx.Client) -> None:
    response = _create(api, clusterId=SGP, storageName="models", storageSize=10)
    assert response.status_code == 200
    storage_id = response.json()
    assert isinstance(storage_id, str)
    assert re.fullmatch(r"ns-[0-9a-f]{10}", storage_id)
    assert response.text.strip() == f'"{storage_id}"'
    assert _list(api) == {
        "data": [
            {
                "storageId": storage_id,
                "storageName": "models",
                "storageSize": 10,
                "clusterId": SGP,
                "clusterName": "Asia-Singapore-02",
                "price": "0.70",
            }
        ],
        "total": 1,
    }


@pytest.mark.parametrize(("size", "price"), [(25, "1.75"), (100, "7.00"), (10000, "700.00")])
def test_price_is_proportional_to_size(api: httpx.Client, size: int, price: str) -> None:
    create_storage(api, "priced", size=size)
    assert _list(api)["data"][0]["price"] == price


@pytest.mark.parametrize(
    ("size", "ok"),
    [(9, False), (10, True), (10000, True), (10001, False), (0, False), (-10, False)],
)
def test_create_size_bounds(api: httpx.Client, size: int, ok: bool) -> None:
    response = _create(api, clusterId=SGP, storageName="s", storageSize=size)
    if ok:
        assert response.status_code == 200, response.text
    else:
        assert_error(response, "VALIDATOR_PARAM", "storageSize")
        assert _list(api)["total"] == 0


@pytest.mark.parametrize("size", ["20", 20.5, True, None])
def test_create_size_must_be_an_integer(api: httpx.Client, size: Any) -> None:
    response = _create(api, clusterId=SGP, storageName="s", storageSize=size)
    assert_error(response, "VALIDATOR_PARAM", "storageSize")


@pytest.mark.parametrize(("length", "ok"), [(0, False), (1, True), (255, True), (256, False)])
def test_create_name_length(api: httpx.Client, length: int, ok: bool) -> None:
    response = _create(api, clusterId=SGP, storageName="n" * length, storageSize=10)
    if ok:
        assert response.status_code == 200, response.text
    else:
        assert_error(response, "VALIDATOR_PARAM", "storageName")


@pytest.mark.parametrize("missing", ["clusterId", "storageName", "storageSize"])
def test_create_missing_field(api: httpx.Client, missing: str) -> None:
    body: dict[str, Any] = {"clusterId": SGP, "storageName": "s", "storageSize": 10}
    del body[missing]
    assert_error(_create(api, **body), "VALIDATOR_PARAM", missing)


def test_create_unknown_key(api: httpx.Client) -> None:
    response = _create(api, clusterId=SGP, storageName="s", storageSize=10, storageType="nfs")
    assert_error(response, "VALIDATOR_PARAM", "storageType")


@pytest.mark.parametrize("cluster", ["as-sgp-9", "", "AS-SGP-2"])
def test_create_unknown_cluster(api: httpx.Client, cluster: str) -> None:
    response = _create(api, clusterId=cluster, storageName="s", storageSize=10)
    assert_error(response, "VALIDATOR_PARAM", "clusterId")


def test_create_in_cluster_without_storage_support(api: httpx.Client) -> None:
    response = _create(api, clusterId=EU, storageName="s", storageSize=10)
    assert_error(response, "VALIDATOR_PARAM", "clusterId")
    assert "does not support network storage" in response.json()["message"]
    assert _list(api)["total"] == 0


def test_create_duplicate_name(api: httpx.Client) -> None:
    create_storage(api, "shared", cluster=SGP)
    response = _create(api, clusterId=DALLAS, storageName="shared", storageSize=20)
    assert_error(response, "VALIDATOR_PARAM", "storageName")
    assert "already exists" in response.json()["message"]
    assert _list(api)["total"] == 1


# -- GET /networkstorages/list --------------------------------------------------------------


def test_list_empty(api: httpx.Client) -> None:
    assert _list(api) == {"data": [], "total": 0}


def test_list_name_filter_is_a_substring_search(api: httpx.Client) -> None:
    for name in ("models", "models-big", "my-models", "cache"):
        create_storage(api, name)
    assert _names(api, storageName="models") == ["models", "models-big", "my-models"]
    assert _list(api, storageName="models")["total"] == 3
    assert _names(api, storageName="MODELS") == ["models", "models-big", "my-models"]
    assert _names(api, storageName="cache") == ["cache"]
    assert _list(api, storageName="nothing") == {"data": [], "total": 0}
    assert len(_names(api, storageName="")) == 4


def test_list_id_filter_is_exact(api: httpx.Client) -> None:
    first = create_storage(api, "first")
    create_storage(api, "second")
    assert _names(api, storageId=first) == ["first"]
    assert _list(api, storageId=first[:-1])["total"] == 0
    assert _list(api, storageId=first, storageName="second")["total"] == 0


def test_list_pages(api: httpx.Client) -> None:
    names = [f"s{i:02d}" for i in range(5)]
    for name in names:
        create_storage(api, name)
    assert _names(api, pageNo=0, pageSize=2) == names[:2]
    assert _names(api, pageNo=1, pageSize=2) == names[:2]
    assert _names(api, pageNo=2, pageSize=2) == names[2:4]
    assert _names(api, pageNo=3, pageSize=2) == names[4:]
    assert _list(api, pageNo=4, pageSize=2) == {"data": [], "total": 5}
    assert _list(api, pageNo=2, pageSize=2, storageName="s0")["total"] == 5


def test_list_default_and_max_page_size(api: httpx.Client) -> None:
    for index in range(21):
        create_storage(api, f"s{index:02d}")
    assert len(_names(api)) == 20
    assert _names(api, pageNo=2) == ["s20"]
    assert len(_names(api, pageSize=100)) == 21
    response = api.get("/networkstorages/list", params={"pageSize": 101})
    assert_error(response, "VALIDATOR_PARAM", "pageSize")


@pytest.mark.parametrize(
    ("params", "field"),
    [({"pageNo": "x"}, "pageNo"), ({"pageSize": "-1"}, "pageSize"), ({"pageNum": "1"}, "pageNum")],
)
def test_list_bad_query(api: httpx.Client, params: dict[str, str], field: str) -> None:
    assert_error(api.get("/networkstorages/list", params=params), "VALIDATOR_PARAM", field)


# -- POST /networkstorage/update ------------------------------------------------------------


def test_update_grows_and_renames(api: httpx.Client) -> None:
    storage_id = create_storage(api, "old", size=10)
    response = _update(api, storageId=storage_id, storageName="new", storageSize=50)
    assert response.status_code == 200
    assert response.json() == {}
    [item] = _list(api)["data"]
    assert (item["storageName"], item["storageSize"], item["price"]) == ("new", 50, "3.50")


def test_update_accepts_a_numeric_string_size(api: httpx.Client) -> None:
    storage_id = create_storage(api, "s", size=10)
    assert _update(api, storageId=storage_id, storageName="s", storageSize="30").status_code == 200
    assert _list(api)["data"][0]["storageSize"] == 30


def test_update_same_size_and_name(api: httpx.Client) -> None:
    storage_id = create_storage(api, "s", size=20)
    assert _update(api, storageId=storage_id, storageName="s", storageSize=20).status_code == 200


def test_update_cannot_shrink(api: httpx.Client) -> None:
    storage_id = create_storage(api, "s", size=40)
    response = _update(api, storageId=storage_id, storageName="s", storageSize=39)
    assert_error(response, "VALIDATOR_PARAM", "storageSize")
    assert "can only grow" in response.json()["message"]
    assert _list(api)["data"][0]["storageSize"] == 40


@pytest.mark.parametrize("size", ["abc", "9", 10001, 12.5, True])
def test_update_bad_size(api: httpx.Client, size: Any) -> None:
    storage_id = create_storage(api, "s")
    response = _update(api, storageId=storage_id, storageName="s", storageSize=size)
    assert_error(response, "VALIDATOR_PARAM", "storageSize")


def test_update_unknown_id(api: httpx.Client) -> None:
    response = _update(api, storageId="ns-0000000000", storageName="s", storageSize=10)
    assert_error(response, "NETWORK_STORAGE_NOT_FOUND", "storageId")


def test_update_to_another_storages_name(api: httpx.Client) -> None:
    create_storage(api, "taken")
    storage_id = create_storage(api, "mine")
    response = _update(api, storageId=storage_id, storageName="taken", storageSize=10)
    assert_error(response, "VALIDATOR_PARAM", "storageName")
    assert _names(api) == ["taken", "mine"]


@pytest.mark.parametrize("missing", ["storageId", "storageName", "storageSize"])
def test_update_fields_are_all_required(api: httpx.Client, missing: str) -> None:
    body: dict[str, Any] = {"storageId": create_storage(api, "s"), "storageName": "s"}
    body["storageSize"] = 20
    del body[missing]
    assert_error(_update(api, **body), "VALIDATOR_PARAM", missing)


def test_update_unknown_key(api: httpx.Client) -> None:
    storage_id = create_storage(api, "s")
    body = {"storageId": storage_id, "storageName": "s", "storageSize": 10, "clusterId": SGP}
    assert_error(_update(api, **body), "VALIDATOR_PARAM", "clusterId")


# -- POST /networkstorage/delete ------------------------------------------------------------


def test_delete(api: httpx.Client) -> None:
    storage_id = create_storage(api, "s")
    response = _delete(api, storage_id)
    assert response.status_code == 200
    assert response.json() == {}
    assert _list(api)["total"] == 0
    assert create_storage(api, "s") != storage_id  # the name is free again


def test_delete_unknown(api: httpx.Client) -> None:
    assert_error(_delete(api, "ns-0000000000"), "NETWORK_STORAGE_NOT_FOUND", "storageId")


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "storageId"), ({"storageId": ""}, "storageId"), ({"storageId": "x", "id": "y"}, "id")],
)
def test_delete_bad_body(api: httpx.Client, body: dict[str, Any], field: str) -> None:
    assert_error(api.post("/networkstorage/delete", json=body), "VALIDATOR_PARAM", field)


def test_delete_while_mounted(api: httpx.Client) -> None:
    storage_id = create_storage(api, "s")
    endpoint_id = _mounting(api, storage_id)
    response = _delete(api, storage_id)
    assert_error(response, "NETWORK_STORAGE_IN_USE", "storageId")
    assert endpoint_id in response.json()["message"]
    assert _list(api)["total"] == 1


def test_delete_while_the_mounting_endpoint_terminates(
    sim: SimulatorServer, api: httpx.Client
) -> None:
    sim.configure(terminate_delay=60)
    storage_id = create_storage(api, "s")
    endpoint_id = _mounting(api, storage_id)
    api.post("/endpoint/delete", json={"name": endpoint_id})
    assert get(api, endpoint_id).json()["endpoint"]["state"]["state"] == "terminating"
    assert_error(_delete(api, storage_id), "NETWORK_STORAGE_IN_USE")


def test_delete_once_the_endpoint_is_gone(api: httpx.Client) -> None:
    storage_id = create_storage(api, "s")
    api.post("/endpoint/delete", json={"name": _mounting(api, storage_id)})
    assert _delete(api, storage_id).status_code == 200


def test_delete_within_the_release_delay(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(storage_release_delay=60)
    storage_id = create_storage(api, "s")
    endpoint_id = _mounting(api, storage_id)
    api.post("/endpoint/delete", json={"name": endpoint_id})
    assert sim.endpoints() == []  # terminate delay 0: the endpoint is gone already
    response = _delete(api, storage_id)
    assert_error(response, "NETWORK_STORAGE_IN_USE", "storageId")
    assert "released" in response.json()["message"]


def test_delete_succeeds_after_the_release_delay(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(storage_release_delay=0.3, terminate_delay=0.1)
    storage_id = create_storage(api, "s")
    api.post("/endpoint/delete", json={"name": _mounting(api, storage_id)})
    reasons: list[str] = []

    def deleted() -> bool:
        response = _delete(api, storage_id)
        if response.status_code != 200:
            reasons.append(response.json()["reason"])
        return response.status_code == 200

    wait_until(deleted)
    assert set(reasons) <= {"NETWORK_STORAGE_IN_USE"}
    assert _list(api)["total"] == 0


def test_release_delay_applies_to_an_update_that_unmounts(
    sim: SimulatorServer, api: httpx.Client
) -> None:
    storage_id = create_storage(api, "s")
    endpoint_id = _mounting(api, storage_id)
    sim.configure(storage_release_delay=60)
    body = update_body(endpoint_id, volumeMounts=[], clusterID=SGP)
    assert api.post("/endpoint/update", json=body).status_code == 200
    response = _delete(api, storage_id)
    assert_error(response, "NETWORK_STORAGE_IN_USE")
    assert "released" in response.json()["message"]


def test_update_that_unmounts_without_release_delay(api: httpx.Client) -> None:
    storage_id = create_storage(api, "s")
    endpoint_id = _mounting(api, storage_id)
    body = update_body(endpoint_id, volumeMounts=[], clusterID=SGP)
    assert api.post("/endpoint/update", json=body).status_code == 200
    assert _delete(api, storage_id).status_code == 200


def test_release_delay_restarts_with_each_deletion(sim: SimulatorServer, api: httpx.Client) -> None:
    storage_id = create_storage(api, "s")
    first, second = _mounting(api, storage_id), _mounting(api, storage_id)
    sim.configure(storage_release_delay=60)
    api.post("/endpoint/delete", json={"name": first})
    sim.configure(storage_release_delay=0)
    api.post("/endpoint/delete", json={"name": second})
    assert_error(_delete(api, storage_id), "NETWORK_STORAGE_IN_USE")


# -- endpoints mounting network storage -----------------------------------------------------


def test_endpoint_mounts_an_existing_storage(api: httpx.Client) -> None:
    storage_id = create_storage(api, "models", cluster=DALLAS)
    endpoint_id = _mounting(api, storage_id, cluster=DALLAS)
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["volumeMounts"] == [
        {"type": "network", "id": storage_id, "size": 0, "mountPath": "/models"}
    ]
    assert endpoint["clusterID"] == DALLAS


def test_create_with_missing_storage(api: httpx.Client) -> None:
    storage_id = create_storage(api, "real")
    mounts = [network_mount(storage_id, "/a"), network_mount("ns-0000000000", "/b")]
    body = create_body(volumeMounts=mounts, clusterID=SGP)
    response = api.post("/endpoint/create", json=body)
    assert_error(response, "NETWORK_STORAGE_NOT_FOUND", "endpoint.volumeMounts[1].id")
    assert "ns-0000000000" in response.json()["message"]
    assert api.get("/endpoints").json()["total"] == 0


def test_create_with_cluster_mismatch(api: httpx.Client) -> None:
    storage_id = create_storage(api, "models", cluster=DALLAS)
    body = create_body(volumeMounts=[network_mount(storage_id)], clusterID=SGP)
    response = api.post("/endpoint/create", json=body)
    assert_error(response, "VALIDATOR_PARAM", "endpoint.clusterID")
    message = response.json()["message"]
    assert SGP in message and DALLAS in message and storage_id in message


@pytest.mark.parametrize("cluster", ["as-sgp-9", "eu-west-5"])
def test_create_with_unknown_cluster(api: httpx.Client, cluster: str) -> None:
    response = api.post("/endpoint/create", json=create_body(clusterID=cluster))
    assert_error(response, "VALIDATOR_PARAM", "endpoint.clusterID")
    assert "unknown cluster" in response.json()["message"]


def test_create_in_a_cluster_without_storage_support(api: httpx.Client) -> None:
    endpoint_id = create(api, clusterID=EU)
    assert get(api, endpoint_id).json()["endpoint"]["clusterID"] == EU


def test_update_with_missing_storage(api: httpx.Client) -> None:
    endpoint_id = create(api)
    body = update_body(endpoint_id, volumeMounts=[network_mount("ns-0000000000")], clusterID=SGP)
    response = api.post("/endpoint/update", json=body)
    assert_error(response, "NETWORK_STORAGE_NOT_FOUND", "volumeMounts[0].id")


def test_update_with_cluster_mismatch(api: httpx.Client) -> None:
    storage_id = create_storage(api, "models", cluster=SGP)
    endpoint_id = _mounting(api, storage_id)
    body = update_body(endpoint_id, volumeMounts=[network_mount(storage_id)], clusterID=DALLAS)
    response = api.post("/endpoint/update", json=body)
    assert_error(response, "VALIDATOR_PARAM", "clusterID")
    assert SGP in response.json()["message"] and DALLAS in response.json()["message"]
    assert get(api, endpoint_id).json()["endpoint"]["clusterID"] == SGP


def test_update_with_unknown_cluster(api: httpx.Client) -> None:
    body = update_body(create(api), clusterID="nowhere-1")
    assert_error(api.post("/endpoint/update", json=body), "VALIDATOR_PARAM", "clusterID")
