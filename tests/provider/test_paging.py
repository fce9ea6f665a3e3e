"""Lists, lookups and lost-create adoption against the simulator in every response shape, among
more items than one page (issue #10)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from novita_provider.api.client import NovitaClient
from novita_provider.endpoint.spec import EndpointSpec, config_from_api
from novita_provider.simulator import SimulatorServer

from ..unit.test_endpoint_spec import inputs
from .conftest import API_KEY, make_client

SHAPES: dict[str, dict[str, Any]] = {
    "documented": {},
    "omit-empty": {"omit_empty": True},
    "0-based": {"page_base": 0},
    "cap-10": {"page_size_cap": 10},
    "newest-first": {"list_order": "newest-first"},
    "storage-id": {"storage_id_key": "id"},
    "extra-fields": {"extra_fields": True},
    "all": {"all_shape_variants": True},
}
OTHERS = 25
LOST = {"kinds": ["drop-after-commit"], "rate": 1.0}


@pytest.fixture(params=list(SHAPES))
def shaped(request: pytest.FixtureRequest) -> Iterator[tuple[SimulatorServer, NovitaClient]]:
    with SimulatorServer(api_key=API_KEY, **SHAPES[request.param]) as sim:
        sim.start()
        client = make_client(sim, max_retries=3, retry_timeout=10.0)
        yield sim, client
        client.close()


def spec(name: str, **overrides: Any) -> EndpointSpec:
    return EndpointSpec.model_validate(inputs(name=name, **overrides))


def test_lists_and_lookups_find_each_item_once(
    shaped: tuple[SimulatorServer, NovitaClient],
) -> None:
    sim, client = shaped
    for n in range(OTHERS):
        client.create_endpoint(spec(f"other-{n}").to_create())
        # names that contain each other: the API's name filter is a substring search
        client.create_network_storage("as-sgp-2", f"vol-{n}", 10)
        client.create_registry_auth(f"reg-{n}", "bot", f"pw-{n}")

    endpoints = client.list_endpoints()
    assert sorted(e.name for e in endpoints) == sorted(f"other-{n}" for n in range(OTHERS))
    assert len({e.id for e in endpoints}) == OTHERS
    storages = client.list_network_storages()
    assert sorted(s.storage_id for s in storages) == sorted(
        s["storageId"] if "storageId" in s else s["id"] for s in sim.network_storages()
    )
    assert len(client.list_registry_auths()) == OTHERS

    # reading a volume by id, finding one by its exact name among substring matches
    for n in (0, 2, 24):
        by_name = client.find_network_storage(name=f"vol-{n}")
        assert by_name is not None and by_name.storage_name == f"vol-{n}"
        by_id = client.find_network_storage(storage_id=by_name.storage_id)
        assert by_id == by_name
        auth = client.find_registry_auth(name=f"reg-{n}")
        assert auth is not None and client.find_registry_auth(auth_id=auth.id) == auth

    # creates whose answers are lost are adopted, once each, among more than a page
    sim.set_faults(
        [
            {"route": "POST /endpoint/create", **LOST},
            {"route": "POST /networkstorage/create", **LOST},
            {"route": "POST /repository/auth/save", **LOST},
        ]
    )
    endpoint_id = client.create_endpoint(spec("adopted").to_create())
    storage = client.create_network_storage("as-sgp-2", "vol-2x", 10)
    auth = client.create_registry_auth("reg-2x", "bot", "pw-x")
    sim.clear_faults()
    assert [e["id"] for e in sim.endpoints() if e["name"] == "adopted"] == [endpoint_id]
    assert len(sim.endpoints()) == OTHERS + 1
    assert storage.storage_name == "vol-2x" and len(sim.network_storages()) == OTHERS + 1
    assert [a["id"] for a in sim.registry_auths() if a["name"] == "reg-2x"] == [auth.id]
    creates = [r for r in sim.requests() if r["method"] == "POST" and r["path"].endswith("create")]
    assert len([r for r in creates if r["fault"]]) == 2  # each lost create sent once


def test_an_endpoint_reads_back_as_it_was_created(
    shaped: tuple[SimulatorServer, NovitaClient],
) -> None:
    _, client = shaped
    created = spec(
        "zeros",
        worker_config={
            "min_num": 0,
            "max_num": 1,
            "free_timeout": 60,
            "max_concurrent": 1,
            "request_timeout": 60,
        },
        envs=[],
        volume_mounts=[{"type": "local", "mount_path": "/data"}],
    )
    endpoint_id = client.create_endpoint(created.to_create())
    live = config_from_api(client.get_endpoint(endpoint_id))
    expected = created.model_dump(exclude_none=True)
    for local in ("wait_for_ready", "ready_timeout_seconds"):
        del expected[local]
    assert EndpointSpec.model_validate(live).model_dump(exclude_none=True) == {
        **expected,
        "app_name": endpoint_id,  # Novita names the app after the id unless told otherwise
        "wait_for_ready": True,
        "ready_timeout_seconds": created.ready_timeout_seconds,
    }


def test_the_documented_shape_lists_a_page_in_one_call() -> None:
    with SimulatorServer(api_key=API_KEY) as sim:
        sim.start()
        client = make_client(sim)
        for n in range(OTHERS):
            client.create_endpoint(spec(f"other-{n}").to_create())
        sim.clear_requests()
        assert len(client.list_endpoints()) == OTHERS
        assert [r["query"] for r in sim.requests()] == [{"pageSize": "100", "pageNum": "0"}]
        client.close()
