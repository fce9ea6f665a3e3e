"""Admin views and console-style edits of registry credentials and network storages."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from novita_provider.simulator import ApiError, SimulatorServer

from .sim_helpers import assert_error, create_storage, save_auth


def _listed_auths(api: httpx.Client) -> list[dict[str, Any]]:
    data = api.get("/repository/auths").json()["data"]
    assert isinstance(data, list)
    return data


def _listed_storages(api: httpx.Client) -> list[dict[str, Any]]:
    data = api.get("/networkstorages/list").json()["data"]
    assert isinstance(data, list)
    return data


# -- registry credentials -------------------------------------------------------------------


def test_registry_auths_view(sim: SimulatorServer, api: httpx.Client, admin: httpx.Client) -> None:
    assert admin.get("/registry-auths").json() == {"registryAuths": []}
    save_auth(api, "one", username="u1", password="p1")
    save_auth(api, "two", username="u2", password="p2")
    view = admin.get("/registry-auths").json()["registryAuths"]
    assert view == _listed_auths(api)
    assert [(c["name"], c["password"]) for c in view] == [("one", "p1"), ("two", "p2")]
    assert sim.registry_auths() == view


def test_edit_registry_auth_over_http(api: httpx.Client, admin: httpx.Client) -> None:
    credential_id = save_auth(api, "ghcr", username="old", password="old-pass")
    response = admin.post(f"/registry-auths/{credential_id}/edit", json={"password": "rotated"})
    assert response.status_code == 200
    assert response.json() == {}
    assert _listed_auths(api) == [
        {"id": credential_id, "name": "ghcr", "username": "old", "password": "rotated"}
    ]
    admin.post(f"/registry-auths/{credential_id}/edit", json={"username": "new"})
    assert _listed_auths(api)[0]["username"] == "new"


def test_edit_registry_auth_method(sim: SimulatorServer, api: httpx.Client) -> None:
    credential_id = save_auth(api, "ghcr")
    sim.edit_registry_auth(credential_id, {"username": "console", "password": "changed"})
    assert sim.registry_auths()[0] == {
        "id": credential_id,
        "name": "ghcr",
        "username": "console",
        "password": "changed",
    }
    assert sim.requests()[-1]["path"] == "/repository/auths"  # edits are not API calls


def test_edit_registry_auth_unknown(sim: SimulatorServer, admin: httpx.Client) -> None:
    response = admin.post("/registry-auths/ra-0000000000/edit", json={"password": "x"})
    assert_error(response, "RESOURCE_NOT_FOUND")
    with pytest.raises(ApiError):
        sim.edit_registry_auth("ra-0000000000", {"password": "x"})


@pytest.mark.parametrize(
    "body", [{"name": "renamed"}, {"password": 5}, {"id": "ra-1"}, ["password"]]
)
def test_edit_registry_auth_bad_body(api: httpx.Client, admin: httpx.Client, body: Any) -> None:
    credential_id = save_auth(api, "ghcr")
    response = admin.post(f"/registry-auths/{credential_id}/edit", json=body)
    assert_error(response, "VALIDATOR_PARAM")
    assert _listed_auths(api)[0]["name"] == "ghcr"


# -- network storages -----------------------------------------------------------------------


def test_network_storages_view(
    sim: SimulatorServer, api: httpx.Client, admin: httpx.Client
) -> None:
    assert admin.get("/network-storages").json() == {"networkStorages": []}
    create_storage(api, "a")
    create_storage(api, "b", cluster="us-dallas-nas-2", size=20)
    view = admin.get("/network-storages").json()["networkStorages"]
    assert view == _listed_storages(api)
    assert sim.network_storages() == view


def test_edit_network_storage_over_http_is_unvalidated(
    api: httpx.Client, admin: httpx.Client
) -> None:
    create_storage(api, "taken")
    storage_id = create_storage(api, "mine", size=100)
    patch = {"storageSize": 5, "storageName": "taken"}  # shrinks, below minimum, duplicate
    response = admin.post(f"/network-storages/{storage_id}/edit", json=patch)
    assert response.status_code == 200
    assert response.json() == {}
    item = _listed_storages(api)[1]
    assert (item["storageName"], item["storageSize"], item["price"]) == ("taken", 5, "0.35")


def test_edit_network_storage_method(sim: SimulatorServer, api: httpx.Client) -> None:
    storage_id = create_storage(api, "mine", size=10)
    sim.edit_network_storage(storage_id, {"storageSize": 200})
    assert _listed_storages(api)[0]["storageSize"] == 200
    sim.edit_network_storage(storage_id, {"storageName": "console-renamed"})
    assert sim.network_storages()[0]["storageName"] == "console-renamed"


def test_edit_network_storage_unknown(sim: SimulatorServer, admin: httpx.Client) -> None:
    response = admin.post("/network-storages/ns-0000000000/edit", json={"storageSize": 20})
    assert_error(response, "NETWORK_STORAGE_NOT_FOUND")
    with pytest.raises(ApiError):
        sim.edit_network_storage("ns-0000000000", {"storageSize": 20})


@pytest.mark.parametrize(
    "body",
    [{"storageSize": "20"}, {"storageSize": True}, {"storageName": 5}, {"clusterId": "5"}, []],
)
def test_edit_network_storage_bad_body(api: httpx.Client, admin: httpx.Client, body: Any) -> None:
    storage_id = create_storage(api, "mine")
    response = admin.post(f"/network-storages/{storage_id}/edit", json=body)
    assert_error(response, "VALIDATOR_PARAM")


@pytest.mark.parametrize("via_http", [True, False])
def test_reset_forgets_credentials_and_storages(
    sim: SimulatorServer, api: httpx.Client, admin: httpx.Client, via_http: bool
) -> None:
    save_auth(api, "ghcr")
    create_storage(api, "models")
    if via_http:
        admin.post("/reset")
    else:
        sim.reset()
    assert sim.registry_auths() == []
    assert sim.network_storages() == []
    save_auth(api, "ghcr")  # names are free again
    create_storage(api, "models")
