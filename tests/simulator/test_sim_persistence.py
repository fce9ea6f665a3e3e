"""--state / state_file: endpoints and rules survive a restart; writes are atomic."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from sim_helpers import create, get

from novita_provider.simulator import SimulatorServer

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
