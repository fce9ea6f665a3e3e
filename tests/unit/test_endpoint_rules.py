"""Check rules: each failure names the property path; unknown values are skipped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pytest
from pulumi.output import Unknown

from novita_provider.api.models import EndpointLimits
from novita_provider.core.check import Failure, engine_failure
from novita_provider.endpoint.kind import EndpointKind
from novita_provider.endpoint.rules import endpoint_rules

from .test_endpoint_spec import inputs, no_client


class _KindWithLimits(EndpointKind):
    """The Endpoint's check with given limits instead of the account's."""

    def __init__(self, limits: EndpointLimits | None) -> None:
        super().__init__(no_client)
        self._limits = limits

    def rules(
        self, known: Mapping[str, Any], unknown_paths: set[str], olds: Mapping[str, Any]
    ) -> Iterable[Failure]:
        return endpoint_rules(known, self._limits, unknown_paths)


def check_endpoint(props: dict[str, Any], limits: EndpointLimits | None) -> list[Failure]:
    return _KindWithLimits(limits).check({}, props).failures


LIMITS = EndpointLimits.model_validate(
    {
        "minRootfsSize": 10,
        "maxRootfsSize": 1000,
        "minLocalVolumeSize": 10,
        "maxLocalVolumeSize": 500,
        "minWorkerNum": 0,
        "maxWorkerNum": 100,
        "minFreeTimeout": 1,
        "maxFreeTimeout": 3600,
        "minConcurrencyNum": 1,
        "maxConcurrencyNum": 1000,
        "minQueueWaitTime": 1,
        "maxQueueWaitTime": 3600,
        "minRequestNum": 1,
        "maxRequestNum": 1000,
        "minGPUNum": "1",
        "maxGPUNum": "8",
        "cudaVersionList": ["12.1", "12.4"],
    }
)


def paths(props: dict[str, Any], limits: EndpointLimits | None = LIMITS) -> list[str]:
    return [f.path for f in check_endpoint(props, limits)]


def with_worker(**changes: Any) -> dict[str, Any]:
    props = inputs()
    props["worker_config"] = {**props["worker_config"], **changes}
    return props


def test_valid_inputs_pass() -> None:
    assert check_endpoint(inputs(), LIMITS) == []
    assert check_endpoint(inputs(), None) == []


@pytest.mark.parametrize(
    ("props", "path"),
    [
        (with_worker(min_num=3, max_num=2), "worker_config.max_num"),
        (with_worker(max_num=101), "worker_config.max_num"),
        (with_worker(gpu_num=9), "worker_config.gpu_num"),
        (with_worker(free_timeout=0), "worker_config.free_timeout"),
        (with_worker(cuda_version="11.0"), "worker_config.cuda_version"),
        (with_worker(min_num="one"), "worker_config.min_num"),
        (with_worker(max_num=2.5), "worker_config.max_num"),
        (inputs(ports=[{"port": 2222}]), "ports[0].port"),
        (inputs(ports=[{"port": 70000}]), "ports[0].port"),
        (inputs(ports=[{"port": 80}, {"port": 81}]), "ports"),
        (inputs(ports=[]), "ports"),
        (inputs(policy={"type": "latency", "value": 3}), "policy.type"),
        (inputs(policy={"type": "queue", "value": 4000}), "policy.value"),
        (inputs(policy={"type": "concurrency", "value": 1001}), "policy.value"),
        (inputs(products=[]), "products"),
        (inputs(rootfs_size=5), "rootfs_size"),
        (inputs(image={"image": ""}), "image.image"),
        (inputs(image={"image": "x", "tag": "y"}), "image.tag"),
        (inputs(health_check=None), "health_check"),
        (inputs(name="n" * 221), "name"),
        (
            inputs(volume_mounts=[{"type": "network", "id": "ns-1", "mount_path": "/m"}]),
            "cluster_id",
        ),
        (
            inputs(volume_mounts=[{"type": "network", "mount_path": "/m"}], cluster_id="c"),
            "volume_mounts[0].id",
        ),
        (
            inputs(volume_mounts=[{"type": "local", "size": 501, "mount_path": "/m"}]),
            "volume_mounts[0].size",
        ),
        (inputs(volume_mounts=[{"type": "nfs", "mount_path": "/m"}]), "volume_mounts[0].type"),
    ],
)
def test_invalid_inputs_name_the_property(props: dict[str, Any], path: str) -> None:
    assert path in paths(props)


def test_reasons_are_actionable() -> None:
    [failure] = check_endpoint(with_worker(min_num=3, max_num=2), LIMITS)
    assert failure.reason == "max_num (2) must be at least min_num (3)"
    [failure] = check_endpoint(inputs(ports=[{"port": 2223}]), LIMITS)
    assert "reserved" in failure.reason


def test_without_limits_the_static_rules_still_apply() -> None:
    assert "worker_config.max_num" in paths(with_worker(min_num=3, max_num=2), None)
    assert "ports[0].port" in paths(inputs(ports=[{"port": 2224}]), None)
    assert paths(with_worker(max_num=500), None) == []  # the range needs the account's limits


def test_unknown_values_are_skipped_not_rejected() -> None:
    props = inputs(
        image={"image": Unknown(), "auth_id": Unknown()},
        cluster_id=Unknown(),
        volume_mounts=[{"type": "network", "id": Unknown(), "mount_path": "/m"}],
    )
    assert check_endpoint(props, LIMITS) == []


def test_unknown_values_do_not_hide_other_errors() -> None:
    props = with_worker(min_num=3, max_num=2)
    props["image"] = Unknown()
    assert paths(props) == ["worker_config.max_num"]


def test_nested_failures_reach_the_engine_with_their_path_and_value() -> None:
    """The engine would print ``value {<nil>}`` for a nested property: the path leads the
    reason instead, with the value when it is a number."""
    props = with_worker(min_num=3, max_num=2)
    [failure] = check_endpoint(props, LIMITS)
    assert engine_failure(failure, props) == (
        "",
        "worker_config.max_num: max_num (2) must be at least min_num (3) (got 2)",
    )
    assert engine_failure(Failure("rootfs_size", "too big"), props) == ("rootfs_size", "too big")
