"""Liberal in what we accept: the read models and the paging logic against the response shapes
the real API may use (issue #10). Pure: no HTTP (tests/provider/test_paging.py does the same
against the simulator)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from novita_provider.api import models as api
from novita_provider.api.client import _parse, _parse_items
from novita_provider.api.paging import Page, TooManyPages, collect_pages
from novita_provider.endpoint.rules import endpoint_rules
from novita_provider.endpoint.spec import EndpointSpec, config_from_api
from novita_provider.errors import NovitaApiError
from novita_provider.network_volume.kind import _live as volume_live
from novita_provider.simulator.shapes import with_extra_fields, without_empty

from .test_endpoint_spec import inputs

DOCUMENTED_ENDPOINT: dict[str, Any] = {
    "id": "ep-1",
    "name": "batch",
    "appName": "batch-app",
    "state": {"state": "serving", "error": "", "message": ""},
    "url": "https://ep-1-batch-app.runsync.novita.dev",
    "workerConfig": {
        "minNum": 0,
        "maxNum": 4,
        "freeTimeout": "60",
        "maxConcurrent": "2",
        "gpuNum": 1,
        "requestTimeout": 900,
    },
    "policy": {"type": "concurrency", "value": "10"},
    "image": {"image": "registry.example.com/batch:1", "authId": "", "command": ""},
    "rootfsSize": 100,
    "volumeMounts": [{"type": "local", "id": "", "size": 30, "mountPath": "/data"}],
    "envs": [],
    "ports": [{"port": "9000"}],
    "workers": [],
    "products": [{"id": "SL-serverless-1"}],
    "healthy": {"path": "/ready", "initialDelay": 30},
    "clusterID": "",
    "log": "",
}


def config_of(body: Any) -> dict[str, Any]:
    return config_from_api(_parse(api.Endpoint, body, "read endpoint ep-1"))


EXPECTED_CONFIG = config_of(DOCUMENTED_ENDPOINT)


def test_the_documented_endpoint_reads_as_its_spec() -> None:
    spec = EndpointSpec.model_validate(
        inputs(
            name="batch",
            app_name="batch-app",
            image={"image": "registry.example.com/batch:1"},
            products=["SL-serverless-1"],
            worker_config={
                "min_num": 0,
                "max_num": 4,
                "free_timeout": 60,
                "max_concurrent": 2,
                "request_timeout": 900,
            },
            policy={"type": "concurrency", "value": 10},
            ports=[{"port": 9000}],
            health_check={"path": "/ready"},
            volume_mounts=[{"type": "local", "mount_path": "/data"}],
        )
    )
    canonical = spec.model_dump(exclude_none=True)
    for local in ("wait_for_ready", "ready_timeout_seconds"):
        del canonical[local]
    assert EndpointSpec.model_validate(EXPECTED_CONFIG).model_dump(exclude_none=True) == {
        **canonical,
        "wait_for_ready": True,
        "ready_timeout_seconds": spec.ready_timeout_seconds,
    }


def test_omitted_zero_and_empty_values_read_as_zero() -> None:
    omitted = without_empty(DOCUMENTED_ENDPOINT)
    assert "minNum" not in omitted["workerConfig"]
    assert "envs" not in omitted and "clusterID" not in omitted
    assert "error" not in omitted["state"]
    assert config_of(omitted) == EXPECTED_CONFIG


def test_only_the_id_is_needed_everything_else_reads_as_zero() -> None:
    endpoint = _parse(api.Endpoint, {"id": "ep-1", "state": {}}, "read endpoint ep-1")
    assert endpoint.worker_config.min_num == 0
    assert endpoint.policy.value == 0
    assert endpoint.image.image == ""
    assert endpoint.envs == [] and endpoint.ports == [] and endpoint.workers == []
    assert endpoint.healthy.path == "" and endpoint.cluster_id == ""
    assert endpoint.state.error == ""


def test_integers_read_as_numbers_or_strings_anywhere() -> None:
    body = copy.deepcopy(DOCUMENTED_ENDPOINT)
    body["workerConfig"] = {key: str(value) for key, value in body["workerConfig"].items()}
    body["workerConfig"]["freeTimeout"] = 60
    body["policy"]["value"] = 10
    body["rootfsSize"] = "100"
    body["ports"] = [{"port": 9000}]
    body["volumeMounts"][0]["size"] = "30"
    assert config_of(body) == EXPECTED_CONFIG

    storage = _parse(api.NetworkStorage, {"storageId": "ns-1", "storageSize": "20"}, "op")
    assert storage.storage_size == 20
    limits = _parse(api.EndpointLimits, {"minWorkerNum": "0", "maxWorkerNum": 100}, "op")
    assert (limits.min_worker_num, limits.max_worker_num) == (0, 100)


def test_null_where_a_list_or_object_is_expected_reads_as_empty() -> None:
    body = copy.deepcopy(DOCUMENTED_ENDPOINT)
    body.update(envs=None, workers=None, state=None, clusterID=None)
    body["image"]["authId"] = None
    assert config_of(body) == EXPECTED_CONFIG
    nothing = _parse(api.Endpoint, {"id": "ep-1", "workerConfig": None, "policy": None}, "op")
    assert nothing.worker_config == api.WorkerConfig() and nothing.policy == api.Policy()
    assert _parse_items(api.Endpoint, {"endpoints": None, "total": None}, "endpoints", "op") == []
    assert _parse_items(api.Endpoint, {}, "endpoints", "op") == []
    cluster = _parse(api.Cluster, {"id": "c", "availableGpuType": None}, "list clusters")
    assert cluster.available_gpu_type == []


def test_unknown_fields_are_ignored_and_change_nothing() -> None:
    assert config_of(with_extra_fields(DOCUMENTED_ENDPOINT)) == EXPECTED_CONFIG
    assert config_of(with_extra_fields(without_empty(DOCUMENTED_ENDPOINT))) == EXPECTED_CONFIG


def test_limits_omitting_zero_minimums_still_check_ranges() -> None:
    limits = _parse(api.EndpointLimits, {"maxWorkerNum": "100", "maxGPUNum": 8}, "op")
    assert limits.min_worker_num == 0 and limits.max_worker_num == 100
    assert limits.min_gpu_num == 0 and limits.max_gpu_num == 8
    assert limits.max_rootfs_size == 0  # omitted: not checked (no range ends at 0)


@pytest.mark.parametrize("id_key", ["storageId", "id"])
def test_network_storage_is_identified_by_storage_id_or_id(id_key: str) -> None:
    item = {id_key: "ns-1", "storageName": "models", "storageSize": 100, "clusterId": "as-sgp-2"}
    storage = _parse(api.NetworkStorage, with_extra_fields(item), "list network volumes")
    assert volume_live(storage).id == "ns-1"
    assert volume_live(storage).config == {
        "name": "models",
        "cluster_id": "as-sgp-2",
        "size_gb": 100,
    }


@pytest.mark.parametrize(
    ("model", "body", "operation", "message"),
    [
        (
            api.Endpoint,
            without_empty({**DOCUMENTED_ENDPOINT, "id": ""}),
            "read endpoint ep-1",
            "read endpoint ep-1 failed: BAD_RESPONSE: the response has no id (HTTP 200)",
        ),
        (
            api.Endpoint,
            {**DOCUMENTED_ENDPOINT, "id": None},
            "read endpoint ep-1",
            "read endpoint ep-1 failed: BAD_RESPONSE: the response has no id (HTTP 200)",
        ),
        (
            api.NetworkStorage,
            {"storageName": "models", "storageSize": 10},
            "list network volumes",
            "list network volumes failed: BAD_RESPONSE: the response has no storageId (HTTP 200)",
        ),
        (
            api.Endpoint,
            {**DOCUMENTED_ENDPOINT, "workerConfig": {"minNum": "many"}},
            "read endpoint ep-1",
            "read endpoint ep-1 failed: BAD_RESPONSE: unexpected response shape at "
            "workerConfig.minNum: Input should be a valid integer, unable to parse string as an "
            "integer (HTTP 200)",
        ),
    ],
)
def test_a_response_that_cannot_be_understood_is_one_line_naming_the_field(
    model: Any,
    body: Any,
    operation: str,
    message: str,
) -> None:
    with pytest.raises(NovitaApiError) as failure:
        _parse(model, body, operation)
    assert str(failure.value) == message
    assert failure.value.reason == "BAD_RESPONSE"


def test_a_list_item_without_id_names_the_item() -> None:
    data = {"endpoints": [DOCUMENTED_ENDPOINT, {"name": "no-id"}], "total": 2}
    with pytest.raises(NovitaApiError) as failure:
        _parse_items(api.Endpoint, data, "endpoints", "list endpoints")
    assert str(failure.value) == (
        "list endpoints failed: BAD_RESPONSE: the response has no endpoints[1].id (HTTP 200)"
    )
    with pytest.raises(NovitaApiError, match="at endpoints: not a list"):
        _parse_items(api.Endpoint, {"endpoints": {"id": "x"}}, "endpoints", "list endpoints")


# -- paging ------------------------------------------------------------------------------------


class FakeServer:
    """A list call in one paging variant: where pages start, the page size it serves, the
    order, whether it says ``total``, whether it honours the page number."""

    def __init__(
        self,
        count: int,
        *,
        base: int = 1,
        cap: int = 0,
        newest_first: bool = False,
        with_total: bool = True,
        ignores_page: bool = False,
    ) -> None:
        self.items = [f"item-{n:03d}" for n in range(count)]
        self.base, self.cap, self.newest_first = base, cap, newest_first
        self.with_total, self.ignores_page = with_total, ignores_page
        self.asked: list[int] = []

    def fetch(self, page: int, asked_size: int = 100) -> Page[str]:
        self.asked.append(page)
        size = min(asked_size, self.cap) if self.cap else asked_size
        index = 0 if self.ignores_page else page if self.base == 0 else max(page, 1) - 1
        ordered = list(reversed(self.items)) if self.newest_first else self.items
        return Page(
            ordered[index * size : (index + 1) * size],
            len(self.items) if self.with_total else None,
        )


def collect(server: FakeServer) -> list[str]:
    return collect_pages(server.fetch, lambda item: item)


VARIANTS: dict[str, dict[str, Any]] = {
    "documented": {},
    "0-based": {"base": 0},
    "cap-10": {"cap": 10},
    "newest-first": {"newest_first": True},
    "no-total": {"with_total": False},
    "all": {"base": 0, "cap": 10, "newest_first": True, "with_total": False},
    "0-based-cap-10": {"base": 0, "cap": 10},
    "1-based-cap-10-no-total": {"cap": 10, "with_total": False},
}


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 25, 100, 101, 250])
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_item_is_collected_exactly_once(variant: str, count: int) -> None:
    server = FakeServer(count, **VARIANTS[variant])
    collected = collect(server)
    assert sorted(collected) == server.items  # each once
    assert len(server.asked) == len(set(server.asked))  # no page read twice


@pytest.mark.parametrize(
    ("count", "pages"),
    [(0, [0]), (3, [0]), (100, [0]), (101, [0, 2]), (250, [0, 2, 3])],
)
def test_the_documented_paging_costs_no_extra_call(count: int, pages: list[int]) -> None:
    server = FakeServer(count)
    collect(server)
    assert server.asked == pages


def test_pages_counting_from_zero_cost_one_call_for_page_one() -> None:
    server = FakeServer(25, base=0, cap=10)
    collect(server)
    assert server.asked == [0, 2, 3, 1]  # 3 is empty: the items of page 1 are still missing


def test_a_server_ignoring_the_page_number_stops() -> None:
    server = FakeServer(250, ignores_page=True)
    assert collect(server) == server.items[:100]
    # total is never reached: one pass more over the pages read, then it stops
    assert server.asked == [0, 2, 1, 2, 3]


def test_a_server_listing_new_items_forever_is_stopped() -> None:
    def endless(page: int) -> Page[str]:
        return Page([f"page-{page}"], None)

    with pytest.raises(TooManyPages):
        collect_pages(endless, lambda item: item, max_pages=50)


def test_items_listed_twice_while_others_are_created_count_once() -> None:
    server = FakeServer(25, base=0, cap=10, newest_first=True)
    fetch: Callable[[int], Page[str]] = server.fetch

    def creating(page: int) -> Page[str]:
        server.items.append(f"new-{page}")  # newest first: every later page shifts by one
        return fetch(page)

    collected = collect_pages(creating, lambda item: item)
    assert len(collected) == len(set(collected))
    assert {f"item-{n:03d}" for n in range(25)} <= set(collected)


def test_limits_omitting_every_zero_reject_nothing_valid() -> None:
    limits = _parse(api.EndpointLimits, without_empty({"minWorkerNum": 0, "maxWorkerNum": 0}), "op")
    assert list(endpoint_rules(inputs(), limits, set())) == []
    capped = _parse(api.EndpointLimits, {"maxWorkerNum": "1"}, "op")
    [failure] = endpoint_rules(inputs(), capped, set())
    assert failure.path == "worker_config.max_num"
