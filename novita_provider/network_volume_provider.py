"""The dynamic provider behind :class:`novita_provider.NetworkVolume`.

Volumes grow in place and never shrink; a different cluster means a new volume. The create
call's response is not relied upon for the id: the volume is found by its unique name.
"""

from __future__ import annotations

from typing import Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    UpdateResult,
)

from . import api_models as api
from .account_data import clusters_for
from .errors import NovitaError
from .in_use import delete_timeout, delete_timeout_failures, delete_when_released
from .naming import named_inputs
from .provider_base import NovitaProvider
from .unknowns import is_unknown

MIN_SIZE_GB = 10
UPDATABLE = ("name", "size_gb")


def volume_outputs(storage: api.NetworkStorage, props: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": storage.storage_name,
        "cluster_id": storage.cluster_id,
        "size_gb": storage.storage_size,
        "cluster_name": storage.cluster_name,
        "price": storage.price,
        "delete_timeout_seconds": props.get("delete_timeout_seconds"),
    }


class NetworkVolumeProvider(NovitaProvider):
    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        moves = bool(olds) and olds.get("cluster_id") != news.get("cluster_id")
        inputs = named_inputs(olds, news, fresh=moves)
        failures = [CheckFailure(p, r) for p, r in delete_timeout_failures(inputs)]

        name = inputs.get("name")
        if not is_unknown(name) and (not isinstance(name, str) or not 1 <= len(name) <= 255):
            failures.append(CheckFailure("name", "must be a string of 1 to 255 characters"))

        size = _whole(inputs.get("size_gb"))
        if not is_unknown(inputs.get("size_gb")):
            if size is None:
                failures.append(CheckFailure("size_gb", "required: a whole number of GB"))
            elif size < MIN_SIZE_GB:
                failures.append(CheckFailure("size_gb", f"must be at least {MIN_SIZE_GB} GB"))
            else:
                old_size = _whole(olds.get("size_gb"))
                if not moves and old_size is not None and size < old_size:
                    failures.append(
                        CheckFailure(
                            "size_gb",
                            f"network volumes can only grow: {old_size} GB cannot shrink to "
                            f"{size} GB (create a new volume to get a smaller one)",
                        )
                    )

        cluster_id = inputs.get("cluster_id")
        if not is_unknown(cluster_id):
            if not isinstance(cluster_id, str) or not cluster_id:
                failures.append(CheckFailure("cluster_id", "required: the cluster's id"))
            else:
                failures.extend(self._cluster_failures(cluster_id))
        return CheckResult(inputs, failures)

    def _cluster_failures(self, cluster_id: str) -> list[CheckFailure]:
        clusters = clusters_for(self.client())
        if clusters is None:
            return []
        cluster = next((c for c in clusters if c.id == cluster_id), None)
        if cluster is None:
            known = ", ".join(c.id for c in clusters if c.support_network_storage)
            return [
                CheckFailure(
                    "cluster_id", f"unknown cluster {cluster_id!r}; with network storage: {known}"
                )
            ]
        if not cluster.support_network_storage:
            return [
                CheckFailure(
                    "cluster_id",
                    f"cluster {cluster_id} ({cluster.name}) does not support network storage",
                )
            ]
        return []

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        def differs(key: str) -> bool:
            new = news.get(key)
            return is_unknown(new) or _normal(olds.get(key)) != _normal(new)

        replaces = ["cluster_id"] if differs("cluster_id") else []
        changed = [key for key in ("cluster_id", *UPDATABLE) if differs(key)]
        local = olds.get("delete_timeout_seconds") != news.get("delete_timeout_seconds")
        return DiffResult(
            changes=bool(changed) or local,
            replaces=replaces,
            # Names are unique: a replacement that keeps the name must delete the old one first.
            delete_before_replace=bool(replaces) and not differs("name"),
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        name, cluster_id, size = props["name"], props["cluster_id"], _whole(props["size_gb"])
        assert size is not None  # guaranteed by check
        storage = self.client().create_network_storage(cluster_id, name, size)
        return CreateResult(storage.storage_id, volume_outputs(storage, props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        storage = self.client().find_network_storage(storage_id=id_)
        if storage is None:
            return ReadResult(None, {})
        outputs = volume_outputs(storage, props)
        inputs = {key: outputs[key] for key in ("name", "cluster_id", "size_gb")}
        inputs["delete_timeout_seconds"] = props.get("delete_timeout_seconds")
        return ReadResult(id_, outputs, inputs)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        size = _whole(news["size_gb"])
        assert size is not None
        client = self.client()
        if any(_normal(olds.get(key)) != _normal(news.get(key)) for key in UPDATABLE):
            client.update_network_storage(id_, news["name"], size)
            storage = client.find_network_storage(storage_id=id_)
            if storage is None:
                raise NovitaError(f"update network volume {id_}: it is no longer listed")
            return UpdateResult(volume_outputs(storage, news))
        return UpdateResult({**olds, "delete_timeout_seconds": news.get("delete_timeout_seconds")})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = self.client()
        delete_when_released(
            lambda: client.delete_network_storage(id_),
            in_use_reason="NETWORK_STORAGE_IN_USE",
            what=f"network volume {props.get('name') or id_}",
            timeout=delete_timeout(props),
        )


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _normal(value: Any) -> Any:
    whole = _whole(value)
    return whole if whole is not None else value
