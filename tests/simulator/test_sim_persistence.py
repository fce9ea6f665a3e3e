"""--state / state_file: endpoints, rules, credentials and storages survive a restart; writes are
atomic."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from novita_provider.simulator import SimulatorServer

from .sim_helpers import assert_error, create, create_storage, get, network_mount, save_auth

AUTH = {"Authorization": "Bearer sim-key"}


def _client(server: SimulatorServer) -> httpx.Client:
    return httpx.Client(base_url=server.api_url, headers=AUTH, timeout=5.0)


def test_state_survives_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with SimulatorServer(state_file=str(state), terminate_delay=60) as first, _client(first) as api:
        kept = create(api, appName="kept")
        doomed = create(api)
        api.post("/endpoint/delete", json={"name": doomed})
        first.fail_ready("broken:1", "no such image")
        before = get(api, kept).json()["endpoint"]
    assert state.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
    json.loads(state.read_text())

    with SimulatorServer(state_file=str(state)) as second, _client(second) as api:
        assert get(api, kept).json()["endpoint"] == before
        assert get(api, doomed).json()["endpoint"]["state"]["state"] == "terminating"
        assert len(second.requests()) == 2  # the log is per run, not saved
        broken = create(api, image={"image": "broken:1"})
        assert get(api, broken).json()["endpoint"]["state"]["state"] == "failed"
        response = api.post("/endpoint/create", json={"endpoint": {}})
        assert response.status_code == 400


def test_readiness_timer_survives_restart(tmp_path: Path) -> None:
    state = str(tmp_path / "state.json")
    with SimulatorServer(state_file=state, ready_delay=60) as first, _client(first) as api:
        endpoint_id = create(api)
    with SimulatorServer(state_file=state, ready_delay=0) as second, _client(second) as api:
        assert get(api, endpoint_id).json()["endpoint"]["state"]["state"] == "initializing"


def test_every_mutation_is_saved(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with SimulatorServer(state_file=str(state)) as server, _client(server) as api:
        endpoint_id = create(api)
        saved = json.loads(state.read_text())
        assert [e["id"] for e in saved["endpoints"]] == [endpoint_id]
        server.force_state(endpoint_id, "failed", "x")
        assert json.loads(state.read_text())["endpoints"][0]["forced"]["state"] == "failed"
        api.post("/endpoint/delete", json={"name": endpoint_id})
        server.reset()
        assert json.loads(state.read_text())["endpoints"] == []


def test_missing_state_file_starts_empty(tmp_path: Path) -> None:
    state = tmp_path / "absent.json"
    with SimulatorServer(state_file=str(state)) as server:
        assert server.endpoints() == []
    assert not state.exists()


@pytest.mark.parametrize("text", ["[1, 2]", "{", '{"endpoints": [{"id": "x"}]}'])
def test_corrupt_state_file_is_an_error(tmp_path: Path, text: str) -> None:
    state = tmp_path / "state.json"
    state.write_text(text)
    with pytest.raises(ValueError):
        SimulatorServer(state_file=str(state))


def test_credentials_and_storages_survive_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with SimulatorServer(state_file=str(state)) as first, _client(first) as api:
        credential_id = save_auth(api, "ghcr", username="bot", password="s3cret")
        storage_id = create_storage(api, "models", cluster="us-dallas-nas-2", size=20)
        endpoint_id = create(
            api,
            image={"image": "ghcr.io/me/app:1", "authId": credential_id},
            volumeMounts=[network_mount(storage_id)],
            clusterID="us-dallas-nas-2",
        )
        credentials = api.get("/repository/auths").json()
        storages = api.get("/networkstorages/list").json()
    saved = json.loads(state.read_text())
    assert [c["id"] for c in saved["registryAuths"]] == [credential_id]
    assert [s["id"] for s in saved["networkStorages"]] == [storage_id]

    with SimulatorServer(state_file=str(state)) as second, _client(second) as api:
        assert api.get("/repository/auths").json() == credentials
        assert api.get("/networkstorages/list").json() == storages
        assert_error(
            api.post("/repository/auth/delete", json={"id": credential_id}), "IMAGE_AUTH_IN_USE"
        )
        in_use = api.post("/networkstorage/delete", json={"storageId": storage_id})
        assert_error(in_use, "NETWORK_STORAGE_IN_USE")
        response = api.post("/repository/auth/save", json=_auth("ghcr"))
        assert_error(response, "VALIDATOR_PARAM", "name")  # names still taken
        api.post("/endpoint/delete", json={"name": endpoint_id})
        assert api.post("/repository/auth/delete", json={"id": credential_id}).status_code == 200
        assert api.post("/networkstorage/delete", json={"storageId": storage_id}).status_code == 200
    saved = json.loads(state.read_text())
    assert saved["registryAuths"] == [] and saved["networkStorages"] == []


def test_release_timer_survives_restart(tmp_path: Path) -> None:
    state = str(tmp_path / "state.json")
    with (
        SimulatorServer(state_file=state, storage_release_delay=60) as first,
        _client(first) as api,
    ):
        storage_id = create_storage(api, "models")
        endpoint_id = create(api, volumeMounts=[network_mount(storage_id)], clusterID="as-sgp-2")
        api.post("/endpoint/delete", json={"name": endpoint_id})
    with SimulatorServer(state_file=state) as second, _client(second) as api:
        assert second.endpoints() == []
        response = api.post("/networkstorage/delete", json={"storageId": storage_id})
        assert_error(response, "NETWORK_STORAGE_IN_USE")


def test_admin_edits_are_saved(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with SimulatorServer(state_file=str(state)) as server, _client(server) as api:
        credential_id = save_auth(api, "ghcr")
        storage_id = create_storage(api, "models")
        server.edit_registry_auth(credential_id, {"password": "rotated"})
        server.edit_network_storage(storage_id, {"storageSize": 70})
    saved = json.loads(state.read_text())
    assert saved["registryAuths"][0]["password"] == "rotated"
    assert saved["networkStorages"][0]["size"] == 70


@pytest.mark.parametrize(
    "text", ['{"registryAuths": [{"id": "x"}]}', '{"networkStorages": [{"name": "x"}]}']
)
def test_corrupt_sections_are_an_error(tmp_path: Path, text: str) -> None:
    state = tmp_path / "state.json"
    state.write_text(text)
    with pytest.raises(ValueError):
        SimulatorServer(state_file=str(state))


def _auth(name: str) -> dict[str, str]:
    return {"name": name, "username": "u", "password": "p"}
