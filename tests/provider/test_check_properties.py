"""Property-based tests of ``check`` for all three resources, against the simulator (issue #4).

Valid inputs (generated inside the documented rules) must pass check and yield a payload the
simulator accepts; each invalid input (a valid one with one rule broken) must give check
failures with a property path, never an exception, and never a write to the API.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi.dynamic import CheckResult

from novita_provider.api.client import NovitaClient, shared_client
from novita_provider.api.settings import ProviderSettings
from novita_provider.dynamic.provider import DynamicProvider
from novita_provider.endpoint.spec import EndpointSpec
from novita_provider.simulator import SimulatorServer

from .conftest import API_KEY

PROPERTY_SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI never flakes on a new seed
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_unique = itertools.count()


@pytest.fixture(scope="module")
def api() -> Iterator[tuple[SimulatorServer, NovitaClient, str]]:
    """A simulator with one credential and one network volume that inputs may reference."""
    with SimulatorServer(api_key=API_KEY) as sim:
        sim.start()
        client = shared_client(ProviderSettings(api_url=sim.api_url, api_key=API_KEY))
        storage = client.create_network_storage("as-sgp-2", "shared-volume", 50)
        yield sim, client, storage.storage_id


def configured(provider: DynamicProvider, sim: SimulatorServer) -> DynamicProvider:
    provider._settings = ProviderSettings(api_url=sim.api_url, api_key=API_KEY)
    return provider


def check_without_writes(
    provider: DynamicProvider, sim: SimulatorServer, olds: dict[str, Any], news: dict[str, Any]
) -> CheckResult:
    sim.clear_requests()
    result = provider.check(olds, news)
    assert [r for r in sim.requests() if r["method"] != "GET"] == []
    return result


PATH_FIRST = re.compile(r"^[a-z_]+(\[\d+\])?([.][a-z_]+(\[\d+\])?)+: ")


def assert_failures_name_properties(result: CheckResult) -> None:
    assert result.failures, "invalid input passed check"
    for failure in result.failures:
        # A top-level property is named as such; a nested one leads the reason (the engine
        # would print `value {<nil>}` for it).
        assert isinstance(failure.reason, str) and failure.reason
        assert failure.property or PATH_FIRST.match(failure.reason), failure.reason


# -- Endpoint ---------------------------------------------------------------------------------

names = st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=40)


@st.composite
def valid_endpoint(draw: st.DrawFn, storage_id: str) -> dict[str, Any]:
    min_num = draw(st.integers(0, 100))
    policy_type = draw(st.sampled_from(["queue", "concurrency"]))
    mounts: list[dict[str, Any]] = []
    if draw(st.booleans()):
        mounts.append(
            {"type": "local", "mount_path": "/scratch", "size": draw(st.integers(10, 500))}
        )
    network = draw(st.booleans())
    if network:
        mounts.append({"type": "network", "id": storage_id, "mount_path": "/models"})
    return {
        "autoname_prefix": "ep",
        "name": draw(st.one_of(st.none(), names)),
        "image": {
            "image": draw(names),
            "command": draw(st.one_of(st.none(), st.text(max_size=50))),
        },
        "products": [
            draw(st.sampled_from(["SL-serverless-1", "SL-serverless-2", "SL-serverless-3"]))
        ],
        "worker_config": {
            "min_num": min_num,
            "max_num": draw(st.integers(max(min_num, 1), 100)),
            "free_timeout": draw(st.integers(1, 3600)),
            "max_concurrent": draw(st.integers(1, 1000)),
            "request_timeout": draw(st.integers(1, 3600)),
            "gpu_num": draw(st.integers(1, 8)),
            "cuda_version": draw(st.sampled_from([None, "11.8", "12.1", "12.4", "12.8"])),
        },
        "policy": {
            "type": policy_type,
            "value": draw(st.integers(1, 3600 if policy_type == "queue" else 1000)),
        },
        "ports": [
            {"port": draw(st.integers(1, 65535).filter(lambda p: p not in (2222, 2223, 2224)))}
        ],
        "rootfs_size": draw(st.integers(10, 1000)),
        "health_check": {"path": draw(st.sampled_from(["/", "/health", "/v1/ready"]))},
        "envs": draw(
            st.lists(
                st.fixed_dictionaries({"key": names, "value": st.text(max_size=20)}), max_size=3
            )
        ),
        "volume_mounts": mounts,
        "cluster_id": "as-sgp-2" if network else draw(st.sampled_from([None, "us-dallas-nas-2"])),
    }


def _set(props: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of ``props`` with ``path`` (dotted, ``[i]`` for lists) set or, for the
    sentinel DELETE, removed."""
    import copy

    result = copy.deepcopy(props)
    target: Any = result
    parts = path.replace("[", ".[").split(".")
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    if value is DELETE:
        del target[last]
    elif last.startswith("["):
        target[int(last[1:-1])] = value
    else:
        target[last] = value
    return result


DELETE = object()
ENDPOINT_BREAKS: list[tuple[str, Any]] = [
    ("worker_config.min_num", 101),
    ("worker_config.min_num", -1),
    ("worker_config.max_num", 0),
    ("worker_config.max_num", 101),
    ("worker_config.max_num", "2"),
    ("worker_config.max_num", 2.5),
    ("worker_config.gpu_num", 0),
    ("worker_config.gpu_num", 9),
    ("worker_config.free_timeout", 0),
    ("worker_config.free_timeout", 3601),
    ("worker_config.max_concurrent", 1001),
    ("worker_config.request_timeout", 0),
    ("worker_config.cuda_version", "10.2"),
    ("worker_config.request_timeout", DELETE),
    ("worker_config.unknown", 1),
    ("policy.type", "latency"),
    ("policy.value", 0),
    ("policy.value", 4000),
    ("policy", DELETE),
    ("ports", []),
    ("ports", [{"port": 80}, {"port": 81}]),
    ("ports[0].port", 2222),
    ("ports[0].port", 2224),
    ("ports[0].port", 0),
    ("ports[0].port", 65536),
    ("ports[0].port", "8080"),
    ("image.image", ""),
    ("image.image", "x" * 512),
    ("image.auth_id", "a" * 256),
    ("image.command", "c" * 2048),
    ("image", DELETE),
    ("products", []),
    ("products", DELETE),
    ("name", "n" * 221),
    ("rootfs_size", 9),
    ("rootfs_size", 1001),
    ("health_check", DELETE),
    ("health_check.path", ""),
    ("envs", [{"key": "", "value": "v"}]),
    ("volume_mounts", [{"type": "nfs", "mount_path": "/m"}]),
    ("volume_mounts", [{"type": "local", "mount_path": "/m", "size": 501}]),
    ("volume_mounts", [{"type": "local", "mount_path": ""}]),
    ("volume_mounts", [{"type": "local", "mount_path": "/m", "id": "ns-1"}]),
    ("volume_mounts", [{"type": "network", "mount_path": "/m"}]),
]


def test_valid_endpoint_inputs_pass_check_and_the_simulator_accepts_them(
    api: tuple[SimulatorServer, NovitaClient, str],
) -> None:
    sim, client, storage_id = api
    provider = configured(DynamicProvider("Endpoint"), sim)

    @PROPERTY_SETTINGS
    @given(props=valid_endpoint(storage_id))
    def run(props: dict[str, Any]) -> None:
        result = check_without_writes(provider, sim, {}, props)
        assert result.failures == []
        spec = EndpointSpec.model_validate(result.inputs)
        endpoint_id = client.create_endpoint(spec.to_create())  # raises if the API refuses
        client.delete_endpoint(endpoint_id)

    run()


@pytest.mark.parametrize(("path", "value"), ENDPOINT_BREAKS, ids=lambda v: str(v)[:30])
def test_each_broken_endpoint_rule_fails_check_with_a_path(
    api: tuple[SimulatorServer, NovitaClient, str], path: str, value: Any
) -> None:
    sim, _client, storage_id = api
    provider = configured(DynamicProvider("Endpoint"), sim)

    @settings(PROPERTY_SETTINGS, max_examples=15)
    @given(props=valid_endpoint(storage_id))
    def run(props: dict[str, Any]) -> None:
        if path.startswith("ports[0]") and not props["ports"]:
            return
        broken = _set(props, path, value)
        if (
            path == "worker_config.max_num"
            and value == 0
            and props["worker_config"]["min_num"] == 0
        ):
            broken["worker_config"]["min_num"] = 1  # 0..0 is valid: make the break real
        assert_failures_name_properties(check_without_writes(provider, sim, {}, broken))

    run()


def test_network_mount_needs_the_cluster(api: tuple[SimulatorServer, NovitaClient, str]) -> None:
    sim, _client, storage_id = api
    provider = configured(DynamicProvider("Endpoint"), sim)

    @PROPERTY_SETTINGS
    @given(props=valid_endpoint(storage_id))
    def run(props: dict[str, Any]) -> None:
        if not any(m["type"] == "network" for m in props["volume_mounts"]):
            return
        result = check_without_writes(provider, sim, {}, {**props, "cluster_id": None})
        assert [f.property for f in result.failures] == ["cluster_id"]

    run()


# -- RegistryCredential -----------------------------------------------------------------------

credential_text: Callable[[int], st.SearchStrategy[str]] = lambda n: st.text(  # noqa: E731
    st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=n
)


@st.composite
def valid_credential(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "autoname_prefix": "registry",
        "name": draw(st.one_of(st.none(), credential_text(200))),
        "username": draw(credential_text(511)),
        "password": draw(credential_text(1024)),
    }


CREDENTIAL_BREAKS: list[tuple[str, Any]] = [
    ("name", ""),
    ("name", "n" * 256),
    ("username", ""),
    ("username", "u" * 512),
    ("username", 42),
    ("username", DELETE),
    ("password", ""),
    ("password", "p" * 1025),
    ("password", DELETE),
    ("delete_timeout_seconds", 0),
    ("delete_timeout_seconds", "soon"),
]


def test_valid_credentials_pass_check_and_the_simulator_accepts_them(
    api: tuple[SimulatorServer, NovitaClient, str],
) -> None:
    sim, client, _ = api
    provider = configured(DynamicProvider("RegistryCredential"), sim)

    @PROPERTY_SETTINGS
    @given(props=valid_credential())
    def run(props: dict[str, Any]) -> None:
        result = check_without_writes(provider, sim, {}, props)
        assert result.failures == []
        name = f"{result.inputs['name'][:240]}-{next(_unique)}"
        auth = client.create_registry_auth(name, result.inputs["username"], props["password"])
        client.delete_registry_auth(auth.id)

    run()


@pytest.mark.parametrize(("path", "value"), CREDENTIAL_BREAKS, ids=lambda v: str(v)[:30])
def test_each_broken_credential_rule_fails_check_with_a_path(
    api: tuple[SimulatorServer, NovitaClient, str], path: str, value: Any
) -> None:
    sim, _, _ = api
    provider = configured(DynamicProvider("RegistryCredential"), sim)

    @settings(PROPERTY_SETTINGS, max_examples=15)
    @given(props=valid_credential())
    def run(props: dict[str, Any]) -> None:
        assert_failures_name_properties(
            check_without_writes(provider, sim, {}, _set(props, path, value))
        )

    run()


# -- NetworkVolume ----------------------------------------------------------------------------


@st.composite
def valid_volume(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "autoname_prefix": "volume",
        "name": draw(st.one_of(st.none(), credential_text(200))),
        "cluster_id": draw(st.sampled_from(["as-sgp-2", "us-dallas-nas-2"])),
        "size_gb": draw(st.integers(10, 10000)),
    }


VOLUME_BREAKS: list[tuple[str, Any]] = [
    ("size_gb", 9),
    ("size_gb", 0),
    ("size_gb", 12.5),
    ("size_gb", "20"),
    ("size_gb", DELETE),
    ("cluster_id", "5"),  # no network storage there
    ("cluster_id", "mars-1"),
    ("cluster_id", ""),
    ("cluster_id", DELETE),
    ("name", ""),
    ("name", "n" * 256),
]


def test_valid_volumes_pass_check_and_the_simulator_accepts_them(
    api: tuple[SimulatorServer, NovitaClient, str],
) -> None:
    sim, client, _ = api
    provider = configured(DynamicProvider("NetworkVolume"), sim)

    @PROPERTY_SETTINGS
    @given(props=valid_volume())
    def run(props: dict[str, Any]) -> None:
        result = check_without_writes(provider, sim, {}, props)
        assert result.failures == []
        name = f"{result.inputs['name'][:240]}-{next(_unique)}"
        storage = client.create_network_storage(props["cluster_id"], name, props["size_gb"])
        client.delete_network_storage(storage.storage_id)

    run()


@pytest.mark.parametrize(("path", "value"), VOLUME_BREAKS, ids=lambda v: str(v)[:30])
def test_each_broken_volume_rule_fails_check_with_a_path(
    api: tuple[SimulatorServer, NovitaClient, str], path: str, value: Any
) -> None:
    sim, _, _ = api
    provider = configured(DynamicProvider("NetworkVolume"), sim)

    @settings(PROPERTY_SETTINGS, max_examples=15)
    @given(props=valid_volume())
    def run(props: dict[str, Any]) -> None:
        assert_failures_name_properties(
            check_without_writes(provider, sim, {}, _set(props, path, value))
        )

    run()


def test_shrinking_a_volume_fails_check_naming_size_gb(
    api: tuple[SimulatorServer, NovitaClient, str],
) -> None:
    sim, _, _ = api
    provider = configured(DynamicProvider("NetworkVolume"), sim)

    @PROPERTY_SETTINGS
    @given(props=valid_volume(), smaller=st.integers(10, 9999))
    def run(props: dict[str, Any], smaller: int) -> None:
        if smaller >= props["size_gb"]:
            return
        olds = {**props, "name": "volume-abc1234"}
        result = check_without_writes(provider, sim, olds, {**props, "size_gb": smaller})
        assert [f.property for f in result.failures] == ["size_gb"]

    run()
