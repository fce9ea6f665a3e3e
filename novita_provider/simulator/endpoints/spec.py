"""Validation of create/update bodies (sections 1.1, 1.2, 1.5) into normalised specs.

A spec is the create-body shape with every optional value filled in and every integer an
`int`; `appName` is kept apart. Field paths in error messages start at `endpoint.` for create
and at the top level for update. Whether the credential and network storages it names exist
is checked later, under the Store lock (`references`).
"""

from __future__ import annotations

import re
from typing import Any

from ..checks import expect_int, expect_list, expect_object, expect_str, join, optional_str, present
from ..errors import SERVERLESS_PRODUCT_NOT_FOUND, business, invalid
from ..network_storage.clusters import CLUSTERS, find_cluster
from .limits import CUDA_VERSIONS, bounds
from .products import SERVERLESS_PRODUCT_IDS

Spec = dict[str, Any]

RESERVED_PORTS = frozenset({2222, 2223, 2224})
_PORT = re.compile(r"[1-9][0-9]*")

CREATE_REQUIRED = (
    "workerConfig",
    "ports",
    "policy",
    "image",
    "products",
    "rootfsSize",
    "volumeMounts",
    "healthy",
)
CREATE_OPTIONAL = ("name", "appName", "clusterID", "envs")
UPDATE_REQUIRED = ("id", "workerConfig", "ports", "policy", "image", "volumeMounts", "healthy")
UPDATE_OPTIONAL = ("name", "clusterID", "envs")
NOT_UPDATABLE = ("rootfsSize", "products", "appName")


def parse_create(body: Any) -> tuple[Spec, str]:
    """Validate a `POST /endpoint/create` body; returns `(spec, appName)` (appName may be "")."""
    wrapper = expect_object(body, "", required=("endpoint",))
    path = "endpoint"
    raw = expect_object(
        wrapper["endpoint"], path, required=CREATE_REQUIRED, optional=CREATE_OPTIONAL
    )
    spec = _common(raw, path)
    spec["rootfsSize"] = expect_int(
        raw["rootfsSize"], join(path, "rootfsSize"), *bounds("RootfsSize")
    )
    spec["products"] = _products(raw["products"], join(path, "products"))
    app_name = optional_str(raw, "appName", path, max_len=255)
    _check_products(spec["products"], join(path, "products"))
    return spec, app_name


def parse_update(body: Any) -> tuple[str, Spec]:
    """Validate a flat `POST /endpoint/update` body; returns `(id, partial spec)`."""
    if isinstance(body, dict):
        for key in NOT_UPDATABLE:
            if key in body:
                raise invalid(f"{key}: cannot be updated (not part of the update body)")
    raw = expect_object(body, "", required=UPDATE_REQUIRED, optional=UPDATE_OPTIONAL)
    endpoint_id = expect_str(raw["id"], "id", min_len=1)
    return endpoint_id, _common(raw, "")


def _common(raw: dict[str, Any], path: str) -> Spec:
    """The fields shared by create and update."""
    cluster_id = optional_str(raw, "clusterID", path, max_len=255)
    if cluster_id and find_cluster(cluster_id) is None:
        known = ", ".join(cluster.id for cluster in CLUSTERS)
        raise invalid(f"{join(path, 'clusterID')}: unknown cluster {cluster_id!r} (known: {known})")
    spec: Spec = {
        "name": optional_str(raw, "name", path, max_len=220),
        "workerConfig": _worker_config(raw["workerConfig"], join(path, "workerConfig")),
        "ports": _ports(raw["ports"], join(path, "ports")),
        "policy": _policy(raw["policy"], join(path, "policy")),
        "image": _image(raw["image"], join(path, "image")),
        "volumeMounts": _volume_mounts(raw["volumeMounts"], join(path, "volumeMounts")),
        "clusterID": cluster_id,
        "envs": _envs(raw["envs"], join(path, "envs")) if present(raw, "envs") else [],
        "healthy": _healthy(raw["healthy"], join(path, "healthy")),
    }
    if not cluster_id and any(m["type"] == "network" for m in spec["volumeMounts"]):
        raise invalid(f"{join(path, 'clusterID')}: required when a network volume is mounted")
    return spec


def _worker_config(value: Any, path: str) -> dict[str, Any]:
    required = ("minNum", "maxNum", "freeTimeout", "maxConcurrent", "gpuNum", "requestTimeout")
    raw = expect_object(value, path, required=required, optional=("cudaVersion",))
    workers = bounds("WorkerNum")
    config: dict[str, Any] = {
        "minNum": expect_int(raw["minNum"], join(path, "minNum"), *workers),
        "maxNum": expect_int(raw["maxNum"], join(path, "maxNum"), *workers),
        "freeTimeout": expect_int(
            raw["freeTimeout"],
            join(path, "freeTimeout"),
            *bounds("FreeTimeout"),
            numeric_string=True,
        ),
        "maxConcurrent": expect_int(
            raw["maxConcurrent"],
            join(path, "maxConcurrent"),
            *bounds("ConcurrencyNum"),
            numeric_string=True,
        ),
        "gpuNum": expect_int(raw["gpuNum"], join(path, "gpuNum"), *bounds("GPUNum")),
        "requestTimeout": expect_int(
            raw["requestTimeout"], join(path, "requestTimeout"), *bounds("RequestTimeout")
        ),
    }
    if config["minNum"] > config["maxNum"]:
        raise invalid(f"{join(path, 'minNum')}: must not be greater than maxNum")
    cuda = optional_str(raw, "cudaVersion", path, max_len=32)
    if cuda:
        if cuda not in CUDA_VERSIONS:
            raise invalid(f"{join(path, 'cudaVersion')}: must be one of {', '.join(CUDA_VERSIONS)}")
        config["cudaVersion"] = cuda
    return config


def _ports(value: Any, path: str) -> list[dict[str, str]]:
    items = expect_list(value, path)
    if len(items) != 1:
        raise invalid(f"{path}: must contain exactly one port")
    item_path = join(path, 0)
    raw = expect_object(items[0], item_path, required=("port",))
    port_path = join(item_path, "port")
    port = expect_str(raw["port"], port_path)
    if not _PORT.fullmatch(port) or not 1 <= int(port) <= 65535:
        raise invalid(f"{port_path}: must be a string holding an integer between 1 and 65535")
    if int(port) in RESERVED_PORTS:
        raise invalid(f"{port_path}: ports 2222, 2223 and 2224 are reserved")
    return [{"port": port}]


def _policy(value: Any, path: str) -> dict[str, Any]:
    raw = expect_object(value, path, required=("type", "value"))
    kind = expect_str(raw["type"], join(path, "type"))
    if kind == "queue":
        low, high = bounds("QueueWaitTime")
    elif kind == "concurrency":
        low, high = bounds("RequestNum")
    else:
        raise invalid(f"{join(path, 'type')}: must be one of queue, concurrency")
    number = expect_int(raw["value"], join(path, "value"), low, high, numeric_string=True)
    return {"type": kind, "value": number}


def _image(value: Any, path: str) -> dict[str, str]:
    raw = expect_object(value, path, required=("image",), optional=("authId", "command"))
    return {
        "image": expect_str(raw["image"], join(path, "image"), min_len=1, max_len=511),
        "authId": optional_str(raw, "authId", path, max_len=255),
        "command": optional_str(raw, "command", path, max_len=2047),
    }


def _products(value: Any, path: str) -> list[dict[str, str]]:
    products = []
    for index, item in enumerate(expect_list(value, path, min_len=1)):
        item_path = join(path, index)
        raw = expect_object(item, item_path, required=("id",))
        products.append({"id": expect_str(raw["id"], join(item_path, "id"), min_len=1)})
    return products


def _check_products(products: list[dict[str, str]], path: str) -> None:
    for index, product in enumerate(products):
        if product["id"] not in SERVERLESS_PRODUCT_IDS:
            raise business(
                SERVERLESS_PRODUCT_NOT_FOUND,
                f"{join(join(path, index), 'id')}: serverless product {product['id']!r} not found",
            )


def _volume_mounts(value: Any, path: str) -> list[dict[str, Any]]:
    mounts = []
    for index, item in enumerate(expect_list(value, path)):
        item_path = join(path, index)
        raw = expect_object(
            item, item_path, required=("type", "mountPath"), optional=("size", "id")
        )
        kind = expect_str(raw["type"], join(item_path, "type"))
        mount: dict[str, Any] = {"type": kind, "id": "", "size": 0}
        if kind == "local":
            if raw.get("id"):
                raise invalid(f"{join(item_path, 'id')}: not allowed for a local volume")
            if not present(raw, "size"):
                raise invalid(f"{join(item_path, 'size')}: required for a local volume")
            size_path = join(item_path, "size")
            mount["size"] = expect_int(raw["size"], size_path, *bounds("LocalVolumeSize"))
        elif kind == "network":
            if raw.get("size"):
                raise invalid(f"{join(item_path, 'size')}: not allowed for a network volume")
            if not present(raw, "id"):
                raise invalid(f"{join(item_path, 'id')}: required for a network volume")
            mount["id"] = expect_str(raw["id"], join(item_path, "id"), min_len=1, max_len=255)
        else:
            raise invalid(f"{join(item_path, 'type')}: must be one of local, network")
        mount["mountPath"] = expect_str(
            raw["mountPath"], join(item_path, "mountPath"), min_len=1, max_len=255
        )
        mounts.append(mount)
    return mounts


def _envs(value: Any, path: str) -> list[dict[str, str]]:
    envs = []
    for index, item in enumerate(expect_list(value, path)):
        item_path = join(path, index)
        raw = expect_object(item, item_path, required=("key",), optional=("value",))
        envs.append(
            {
                "key": expect_str(raw["key"], join(item_path, "key"), min_len=1),
                "value": optional_str(raw, "value", item_path),
            }
        )
    return envs


def _healthy(value: Any, path: str) -> dict[str, str]:
    raw = expect_object(value, path, required=("path",))
    return {"path": expect_str(raw["path"], join(path, "path"), min_len=1, max_len=255)}
