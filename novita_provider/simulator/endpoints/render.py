"""The read shape of an endpoint (section 1.3), as answered by GET and list."""

from __future__ import annotations

from dataclasses import asdict
from types import MappingProxyType
from typing import Any, Final

from .lifecycle import current_state, workers
from .records import EndpointRecord

HEALTH_TIMINGS: Final = MappingProxyType(
    {"initialDelay": 30, "period": 10, "timeout": 5, "successThreshold": 1, "failureThreshold": 3}
)
URL_TEMPLATE: Final = "https://{id}-{app}.runsync.novita.dev"
_STRING_NUMBERS = ("freeTimeout", "maxConcurrent")


def render_endpoint(record: EndpointRecord, now: float) -> dict[str, Any]:
    """The endpoint as GET returns it: every key present, 64-bit integers as strings."""
    spec = record.spec
    return {
        "id": record.id,
        "name": spec.get("name", ""),
        "appName": record.app_name,
        "state": asdict(current_state(record, now)),
        "url": URL_TEMPLATE.format(id=record.id, app=record.app_name),
        "workerConfig": _worker_config(spec.get("workerConfig", {})),
        "policy": _policy(spec.get("policy", {})),
        "image": {
            key: spec.get("image", {}).get(key, "") for key in ("image", "authId", "command")
        },
        "rootfsSize": spec.get("rootfsSize", 0),
        "volumeMounts": [_mount(mount) for mount in spec.get("volumeMounts", [])],
        "envs": [
            {"key": e.get("key", ""), "value": e.get("value", "")} for e in spec.get("envs", [])
        ],
        "ports": [{"port": str(port.get("port", ""))} for port in spec.get("ports", [])],
        "workers": workers(record, now),
        "products": [{"id": product.get("id", "")} for product in spec.get("products", [])],
        "healthy": {"path": spec.get("healthy", {}).get("path", ""), **HEALTH_TIMINGS},
        "clusterID": spec.get("clusterID", ""),
        "log": "",
    }


def _worker_config(config: dict[str, Any]) -> dict[str, Any]:
    keys = ("minNum", "maxNum", "freeTimeout", "maxConcurrent", "gpuNum", "requestTimeout")
    out = {key: config.get(key, 0) for key in keys}
    for key in _STRING_NUMBERS:
        out[key] = str(out[key])
    if config.get("cudaVersion"):
        out["cudaVersion"] = config["cudaVersion"]
    return out


def _policy(policy: dict[str, Any]) -> dict[str, Any]:
    return {"type": policy.get("type", ""), "value": str(policy.get("value", 0))}


def _mount(mount: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": mount.get("type", ""),
        "id": mount.get("id", ""),
        "size": mount.get("size", 0),
        "mountPath": mount.get("mountPath", ""),
    }
