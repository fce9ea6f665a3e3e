"""What an endpoint refers to (registry credential, network storages) and checks of those.

The cluster id itself is checked statically by `endpoint_spec`; these checks need the Store's
collections and run under its lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .checks import join
from .errors import NETWORK_STORAGE_NOT_FOUND, RESOURCE_NOT_FOUND, business, invalid
from .network_storage.collection import NetworkStorages
from .registry_auths.collection import Credentials


def auth_id(spec: Mapping[str, Any]) -> str:
    """The endpoint's `image.authId` ("" when none)."""
    image = spec.get("image")
    value = image.get("authId", "") if isinstance(image, Mapping) else ""
    return value if isinstance(value, str) else ""


def network_storage_ids(spec: Mapping[str, Any]) -> set[str]:
    """The ids of the network storages the endpoint mounts."""
    mounts = spec.get("volumeMounts")
    if not isinstance(mounts, list):
        return set()
    return {
        mount["id"]
        for mount in mounts
        if isinstance(mount, Mapping)
        and mount.get("type") == "network"
        and isinstance(mount.get("id"), str)
    }


def check_references(
    spec: Mapping[str, Any], path: str, credentials: Credentials, storages: NetworkStorages
) -> None:
    """A validated spec's credential and storages exist, and each storage is in its cluster.

    `path` prefixes the field paths in messages (`endpoint` for create, "" for update).
    """
    credential = auth_id(spec)
    if credential and credential not in credentials:
        raise business(
            RESOURCE_NOT_FOUND,
            f"{join(join(path, 'image'), 'authId')}: registry credential {credential!r} not found",
        )
    cluster_id = spec.get("clusterID", "")
    for index, mount in enumerate(spec["volumeMounts"]):
        if mount["type"] != "network":
            continue
        storage = storages.get(mount["id"])
        if storage is None:
            field = join(join(join(path, "volumeMounts"), index), "id")
            raise business(
                NETWORK_STORAGE_NOT_FOUND, f"{field}: network storage {mount['id']!r} not found"
            )
        if storage.cluster_id != cluster_id:
            raise invalid(
                f"{join(path, 'clusterID')}: {cluster_id!r} is not the cluster of network "
                f"storage {storage.id!r} ({storage.cluster_id!r})"
            )
