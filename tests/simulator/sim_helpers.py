"""Bodies and polling helpers shared by the simulator tests."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

T = TypeVar("T")

_VALID_ENDPOINT: dict[str, Any] = {
    "name": "demo",
    "workerConfig": {
        "minNum": 1,
        "maxNum": 2,
        "freeTimeout": 300,
        "maxConcurrent": 1,
        "gpuNum": 1,
        "requestTimeout": 100,
    },
    "ports": [{"port": "8080"}],
    "policy": {"type": "queue", "value": 60},
    "image": {"image": "nginx:1", "authId": "", "command": ""},
    "products": [{"id": "SL-serverless-1"}],
    "rootfsSize": 100,
    "volumeMounts": [{"type": "local", "size": 30, "mountPath": "/data"}],
    "envs": [{"key": "A", "value": "1"}],
    "healthy": {"path": "/health"},
}
_UPDATE_FIELDS = (
    "name",
    "clusterID",
    "workerConfig",
    "ports",
    "policy",
    "image",
    "volumeMounts",
    "envs",
    "healthy",
)
_MISSING = object()


def endpoint_fields(**overrides: Any) -> dict[str, Any]:
    """A valid inner create object, with top-level fields replaced."""
    fields = copy.deepcopy(_VALID_ENDPOINT)
    fields.update(copy.deepcopy(overrides))
    return fields


def create_body(**overrides: Any) -> dict[str, Any]:
    """A valid `POST /endpoint/create` body."""
    return {"endpoint": endpoint_fields(**overrides)}


def update_body(endpoint_id: str, **overrides: Any) -> dict[str, Any]:
    """A valid flat `POST /endpoint/update` body for `endpoint_id`."""
    fields = endpoint_fields()
    body = {key: fields[key] for key in _UPDATE_FIELDS if key in fields}
    body.update(copy.deepcopy(overrides))
    return {"id": endpoint_id, **body}


def set_path(body: dict[str, Any], path: str, value: Any = _MISSING) -> dict[str, Any]:
    """Set (or, without `value`, delete) a dotted path such as `endpoint.ports.0.port`."""
    *parents, last = path.split(".")
    node: Any = body
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    key: Any = int(last) if isinstance(node, list) else last
    if value is _MISSING:
        del node[key]
    else:
        node[key] = value
    return body


def create(api: httpx.Client, **overrides: Any) -> str:
    """Create a valid endpoint and return its id."""
    response = api.post("/endpoint/create", json=create_body(**overrides))
    assert response.status_code == 200, response.text
    endpoint_id = response.json()["id"]
    assert isinstance(endpoint_id, str)
    return endpoint_id


def save_auth(
    api: httpx.Client, name: str, username: str = "user", password: str = "secret"
) -> str:
    """Save a registry credential and return its id (learnt by listing, as no id is returned)."""
    body = {"name": name, "username": username, "password": password}
    response = api.post("/repository/auth/save", json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {}
    matches = [c["id"] for c in api.get("/repository/auths").json()["data"] if c["name"] == name]
    assert len(matches) == 1, matches
    credential_id = matches[0]
    assert isinstance(credential_id, str)
    return credential_id


def create_storage(
    api: httpx.Client, name: str, *, cluster: str = "as-sgp-2", size: int = 10
) -> str:
    """Create a network storage and return its id (the bare JSON string answered)."""
    body = {"clusterId": cluster, "storageName": name, "storageSize": size}
    response = api.post("/networkstorage/create", json=body)
    assert response.status_code == 200, response.text
    storage_id = response.json()
    assert isinstance(storage_id, str)
    return storage_id


def network_mount(storage_id: str, mount_path: str = "/models") -> dict[str, Any]:
    """A `volumeMounts[]` item mounting a network storage."""
    return {"type": "network", "id": storage_id, "mountPath": mount_path}


def get(api: httpx.Client, endpoint_id: str) -> httpx.Response:
    """`GET /endpoint?id=...`."""
    return api.get("/endpoint", params={"id": endpoint_id})


def state_of(api: httpx.Client, endpoint_id: str) -> str:
    """The endpoint's `state.state`, or "gone" once GET reports not found."""
    response = get(api, endpoint_id)
    if response.status_code == 400 and response.json()["reason"] == "SERVERLESS_ENDPOINT_NOT_FOUND":
        return "gone"
    assert response.status_code == 200, response.text
    state = response.json()["endpoint"]["state"]["state"]
    assert isinstance(state, str)
    return state


def wait_until(probe: Callable[[], T | None], timeout: float = 5.0) -> T:
    """Poll `probe` until it returns a truthy value or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last: {result!r})")
        time.sleep(0.02)


def wait_for_state(api: httpx.Client, endpoint_id: str, state: str, timeout: float = 5.0) -> None:
    """Poll until the endpoint reports `state` (or "gone")."""
    seen: list[str] = []

    def probe() -> bool:
        seen.append(state_of(api, endpoint_id))
        return seen[-1] == state

    try:
        wait_until(probe, timeout)
    except AssertionError:
        raise AssertionError(f"never reached {state!r}; states seen: {sorted(set(seen))}") from None


def assert_error(response: httpx.Response, reason: str, field: str | None = None) -> None:
    """A 400 error body with `reason`, whose message starts with `field` when given."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == 400
    assert body["reason"] == reason, body
    assert body["metadata"] == {}
    if field is not None:
        assert body["message"].startswith(f"{field}:"), body["message"]
