"""Section 2: registry credentials, and endpoints that reference them through image.authId."""

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
    get,
    save_auth,
    update_body,
    wait_until,
)

LIMITS = {"name": 255, "username": 511, "password": 1024}


def _save(api: httpx.Client, **body: Any) -> httpx.Response:
    return api.post("/repository/auth/save", json=body)


def _delete(api: httpx.Client, credential_id: str) -> httpx.Response:
    return api.post("/repository/auth/delete", json={"id": credential_id})


def _listed(api: httpx.Client) -> list[dict[str, Any]]:
    response = api.get("/repository/auths")
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"data"}
    data = response.json()["data"]
    assert isinstance(data, list)
    return data


# -- list and save --------------------------------------------------------------------------


def test_list_empty(api: httpx.Client) -> None:
    assert api.get("/repository/auths").json() == {"data": []}


def test_save_answers_no_id_and_lists_in_clear(api: httpx.Client) -> None:
    response = _save(api, name="ghcr", username="bot", password="s3cret")
    assert response.status_code == 200
    assert response.json() == {}
    [credential] = _listed(api)
    assert credential == {
        "id": credential["id"],
        "name": "ghcr",
        "username": "bot",
        "password": "s3cret",
    }
    assert re.fullmatch(r"ra-[0-9a-f]{10}", credential["id"])


def test_list_in_creation_order(api: httpx.Client) -> None:
    ids = [save_auth(api, name) for name in ("b", "a", "c")]
    assert [c["id"] for c in _listed(api)] == ids
    assert [c["name"] for c in _listed(api)] == ["b", "a", "c"]
    assert len(set(ids)) == 3


def test_list_rejects_unknown_query(api: httpx.Client) -> None:
    assert_error(api.get("/repository/auths", params={"name": "x"}), "VALIDATOR_PARAM", "name")


def test_duplicate_name_is_rejected(api: httpx.Client) -> None:
    save_auth(api, "dup", username="first")
    response = _save(api, name="dup", username="second", password="p")
    assert_error(response, "VALIDATOR_PARAM", "name")
    assert "already exists" in response.json()["message"]
    assert [c["username"] for c in _listed(api)] == ["first"]


def test_same_username_under_another_name(api: httpx.Client) -> None:
    save_auth(api, "one", username="bot")
    save_auth(api, "two", username="bot")
    assert len(_listed(api)) == 2


@pytest.mark.parametrize("field", ["name", "username", "password"])
@pytest.mark.parametrize("value", [None, "", 5, ["x"]], ids=["absent", "empty", "int", "list"])
def test_fields_are_required_non_empty_strings(api: httpx.Client, field: str, value: Any) -> None:
    body: dict[str, Any] = {"name": "n", "username": "u", "password": "p"}
    if value is None:
        del body[field]
    else:
        body[field] = value
    assert_error(_save(api, **body), "VALIDATOR_PARAM", field)
    assert _listed(api) == []


@pytest.mark.parametrize("field", ["name", "username", "password"])
def test_field_length_limits(api: httpx.Client, field: str) -> None:
    limit = LIMITS[field]
    body = {"name": "n", "username": "u", "password": "p"}
    assert_error(_save(api, **{**body, field: "x" * (limit + 1)}), "VALIDATOR_PARAM", field)
    assert _save(api, **{**body, field: "x" * limit}).status_code == 200
    assert len(_listed(api)[0][field]) == limit


def test_unknown_key_is_rejected(api: httpx.Client) -> None:
    response = _save(api, name="n", username="u", password="p", registry="ghcr.io")
    assert_error(response, "VALIDATOR_PARAM", "registry")
    assert _listed(api) == []


@pytest.mark.parametrize("body", [[], "x", None])
def test_save_body_must_be_an_object(api: httpx.Client, body: Any) -> None:
    assert_error(api.post("/repository/auth/save", json=body), "VALIDATOR_PARAM")


# -- delete ---------------------------------------------------------------------------------


def test_delete(api: httpx.Client) -> None:
    keep, drop = save_auth(api, "keep"), save_auth(api, "drop")
    response = _delete(api, drop)
    assert response.status_code == 200
    assert response.json() == {}
    assert [c["id"] for c in _listed(api)] == [keep]
    assert save_auth(api, "drop") != drop  # the name is free again


def test_delete_unknown(api: httpx.Client) -> None:
    response = _delete(api, "ra-0000000000")
    assert_error(response, "RESOURCE_NOT_FOUND", "id")
    assert "ra-0000000000" in response.json()["message"]


def test_delete_twice(api: httpx.Client) -> None:
    credential_id = save_auth(api, "once")
    assert _delete(api, credential_id).status_code == 200
    assert_error(_delete(api, credential_id), "RESOURCE_NOT_FOUND")


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "id"), ({"id": ""}, "id"), ({"id": 5}, "id"), ({"id": "x", "name": "y"}, "name")],
)
def test_delete_bad_body(api: httpx.Client, body: dict[str, Any], field: str) -> None:
    assert_error(api.post("/repository/auth/delete", json=body), "VALIDATOR_PARAM", field)


def test_delete_in_use(api: httpx.Client) -> None:
    credential_id = save_auth(api, "private")
    endpoint_id = create(api, image={"image": "ghcr.io/me/app:1", "authId": credential_id})
    response = _delete(api, credential_id)
    assert_error(response, "IMAGE_AUTH_IN_USE", "id")
    assert endpoint_id in response.json()["message"]
    assert [c["id"] for c in _listed(api)] == [credential_id]


def test_delete_in_use_while_endpoint_terminates(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(terminate_delay=60)
    credential_id = save_auth(api, "private")
    endpoint_id = create(api, image={"image": "app:1", "authId": credential_id})
    assert api.post("/endpoint/delete", json={"name": endpoint_id}).status_code == 200
    assert get(api, endpoint_id).json()["endpoint"]["state"]["state"] == "terminating"
    assert_error(_delete(api, credential_id), "IMAGE_AUTH_IN_USE")


def test_delete_succeeds_once_the_endpoint_is_gone(sim: SimulatorServer, api: httpx.Client) -> None:
    sim.configure(terminate_delay=0.2)
    credential_id = save_auth(api, "private")
    endpoint_id = create(api, image={"image": "app:1", "authId": credential_id})
    api.post("/endpoint/delete", json={"name": endpoint_id})
    reasons: list[str] = []

    def deleted() -> bool:
        response = _delete(api, credential_id)
        if response.status_code != 200:
            reasons.append(response.json()["reason"])
        return response.status_code == 200

    wait_until(deleted)
    assert set(reasons) <= {"IMAGE_AUTH_IN_USE"}
    assert _listed(api) == []


def test_update_moves_the_reference(api: httpx.Client) -> None:
    old, new = save_auth(api, "old"), save_auth(api, "new")
    endpoint_id = create(api, image={"image": "app:1", "authId": old})
    body = update_body(endpoint_id, image={"image": "app:1", "authId": new})
    assert api.post("/endpoint/update", json=body).status_code == 200
    assert_error(_delete(api, new), "IMAGE_AUTH_IN_USE")
    assert _delete(api, old).status_code == 200


# -- endpoints referencing credentials ------------------------------------------------------


def test_endpoint_with_existing_credential(api: httpx.Client) -> None:
    credential_id = save_auth(api, "private")
    endpoint_id = create(api, image={"image": "app:1", "authId": credential_id})
    image = get(api, endpoint_id).json()["endpoint"]["image"]
    assert image == {"image": "app:1", "authId": credential_id, "command": ""}


def test_create_with_missing_credential(api: httpx.Client) -> None:
    body = create_body(image={"image": "app:1", "authId": "ra-0000000000"})
    response = api.post("/endpoint/create", json=body)
    assert_error(response, "RESOURCE_NOT_FOUND", "endpoint.image.authId")
    assert "ra-0000000000" in response.json()["message"]
    assert api.get("/endpoints").json()["total"] == 0


def test_create_with_deleted_credential(api: httpx.Client) -> None:
    credential_id = save_auth(api, "short-lived")
    _delete(api, credential_id)
    body = create_body(image={"image": "app:1", "authId": credential_id})
    assert_error(api.post("/endpoint/create", json=body), "RESOURCE_NOT_FOUND")


def test_update_with_missing_credential(api: httpx.Client) -> None:
    endpoint_id = create(api)
    body = update_body(endpoint_id, image={"image": "app:2", "authId": "ra-0000000000"})
    response = api.post("/endpoint/update", json=body)
    assert_error(response, "RESOURCE_NOT_FOUND", "image.authId")
    assert get(api, endpoint_id).json()["endpoint"]["image"]["image"] == "nginx:1"
