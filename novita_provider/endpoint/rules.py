"""The Endpoint's rules beyond its declaration: ranges from the account's limits (when the API
could be reached) and cross-field constraints. Values still unknown during preview are skipped
by the caller (:meth:`novita_provider.core.kind.ResourceKind.check`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from ..core.check import Failure, typed
from .spec import (
    RESERVED_PORTS,
    PolicySpec,
    PortSpec,
    VolumeMountSpec,
    WorkerConfigSpec,
)

if TYPE_CHECKING:
    from ..api.models import EndpointLimits

_worker = TypeAdapter(WorkerConfigSpec)
_policy = TypeAdapter(PolicySpec)
_ports = TypeAdapter(list[PortSpec])
_mounts = TypeAdapter(list[VolumeMountSpec])
_int = TypeAdapter(int)


def endpoint_rules(
    known: Mapping[str, Any], limits: EndpointLimits | None, unknown_paths: set[str]
) -> Iterator[Failure]:
    """Every rule ``known`` (the inputs without their unknown values) breaks."""
    in_range = _range_checker(limits)

    worker = typed(_worker, known.get("worker_config"))
    if worker is not None:
        if worker.min_num > worker.max_num:
            yield Failure(
                "worker_config.max_num",
                f"max_num ({worker.max_num}) must be at least min_num ({worker.min_num})",
            )
        if limits is not None:
            yield from in_range("worker_config.min_num", worker.min_num, "WorkerNum")
            yield from in_range("worker_config.max_num", worker.max_num, "WorkerNum")
            yield from in_range("worker_config.free_timeout", worker.free_timeout, "FreeTimeout")
            yield from in_range(
                "worker_config.max_concurrent", worker.max_concurrent, "ConcurrencyNum"
            )
            yield from in_range("worker_config.gpu_num", worker.gpu_num, "GpuNum")
            yield from in_range(
                "worker_config.request_timeout", worker.request_timeout, "RequestTimeout"
            )
            versions = limits.cuda_version_list
            if worker.cuda_version is not None and versions and worker.cuda_version not in versions:
                yield Failure(
                    "worker_config.cuda_version",
                    f"{worker.cuda_version!r} is not offered; choose one of {', '.join(versions)}",
                )
        else:
            yield from _at_least("worker_config.min_num", worker.min_num, 0)
            yield from _at_least("worker_config.max_num", worker.max_num, 1)
            yield from _at_least("worker_config.gpu_num", worker.gpu_num, 1)
            for name in ("free_timeout", "max_concurrent", "request_timeout"):
                yield from _at_least(f"worker_config.{name}", getattr(worker, name), 1)

    policy = typed(_policy, known.get("policy"))
    if policy is not None:
        if limits is None:
            yield from _at_least("policy.value", policy.value, 1)
        elif policy.type == "queue":
            yield from in_range("policy.value", policy.value, "QueueWaitTime")
        else:
            yield from in_range("policy.value", policy.value, "RequestNum")

    ports = typed(_ports, known.get("ports"))
    if ports is not None:
        if len(ports) != 1 and "ports" not in unknown_paths:
            yield Failure("ports", f"exactly one port is supported, got {len(ports)}")
        for index, port in enumerate(ports):
            if port.port in RESERVED_PORTS:
                yield Failure(
                    f"ports[{index}].port",
                    f"port {port.port} is reserved by Novita (2222, 2223 and 2224 cannot be used)",
                )

    rootfs = typed(_int, known.get("rootfs_size"))
    if rootfs is not None:
        if limits is not None:
            yield from in_range("rootfs_size", rootfs, "RootfsSize")
        else:
            yield from _at_least("rootfs_size", rootfs, 1)

    mounts = typed(_mounts, known.get("volume_mounts")) or []
    for index, mount in enumerate(mounts):
        path = f"volume_mounts[{index}]"
        if mount.type == "local":
            if mount.id is not None:
                yield Failure(f"{path}.id", "only network volumes take an id")
            if limits is not None and mount.size is not None:
                yield from in_range(f"{path}.size", mount.size, "LocalVolumeSize")
        else:
            if mount.size is not None:
                yield Failure(f"{path}.size", "size applies to local volumes only")
            if not mount.id and f"{path}.id" not in unknown_paths:
                yield Failure(f"{path}.id", "a network volume mount needs the network volume's id")
            if not known.get("cluster_id") and "cluster_id" not in unknown_paths:
                yield Failure(
                    "cluster_id",
                    "cluster_id is required when a network volume is mounted, and must be the "
                    "volume's cluster",
                )


def _at_least(path: str, value: int, lowest: int) -> Iterator[Failure]:
    if value < lowest:
        yield Failure(path, f"must be at least {lowest}, got {value}")


def _range_checker(
    limits: EndpointLimits | None,
) -> Callable[[str, int, str], Iterator[Failure]]:
    def check(path: str, value: int, limit_name: str) -> Iterator[Failure]:
        if limits is None:
            return
        snake = _LIMIT_FIELDS[limit_name]
        low = getattr(limits, f"min_{snake}")
        high = getattr(limits, f"max_{snake}")
        if low is None or not high:
            return  # not given (an omitted maximum reads as 0, which no range has)
        if not low <= value <= high:
            yield Failure(path, f"must be between {low} and {high} (Novita's limit), got {value}")

    return check


_LIMIT_FIELDS = {
    "WorkerNum": "worker_num",
    "FreeTimeout": "free_timeout",
    "ConcurrencyNum": "concurrency_num",
    "GpuNum": "gpu_num",
    "RequestTimeout": "request_timeout",
    "QueueWaitTime": "queue_wait_time",
    "RequestNum": "request_num",
    "RootfsSize": "rootfs_size",
    "LocalVolumeSize": "local_volume_size",
}
