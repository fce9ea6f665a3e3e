"""The parameter limits answered by `GET /endpoint/limit` (section 1.1)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Final

INT_LIMITS: Final = MappingProxyType(
    {
        "minRootfsSize": 10,
        "maxRootfsSize": 1000,
        "freeRootfsSize": 100,
        "minLocalVolumeSize": 10,
        "maxLocalVolumeSize": 500,
        "freeLocalVolumeSize": 30,
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
        "minGPUNum": 1,
        "maxGPUNum": 8,
        "minRequestTimeout": 1,
        "maxRequestTimeout": 3600,
    }
)
CUDA_VERSIONS: Final = ("11.8", "12.1", "12.4", "12.8")


def bounds(name: str) -> tuple[int, int]:
    """The inclusive `(min, max)` pair for a limit name, e.g. `bounds("WorkerNum")`."""
    return INT_LIMITS[f"min{name}"], INT_LIMITS[f"max{name}"]


def limits_body() -> dict[str, Any]:
    """A fresh copy of the `/endpoint/limit` response."""
    return {**INT_LIMITS, "cudaVersionList": list(CUDA_VERSIONS)}
