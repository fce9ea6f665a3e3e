"""The Endpoint's inputs, declared once, and their mapping to and from the API.

``EndpointSpec`` is what the user declares, in snake_case, as it is stored in Pulumi state:
types, the API's static rules, defaults, and (with :class:`Prop`) what replaces, what is
provider-local. Rules that depend on the account's limits live in :mod:`.rules`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, model_validator
from pydantic.functional_validators import BeforeValidator

from ..core.fields import Prop, Spec
from ..core.numbers import coerce_whole

if TYPE_CHECKING:
    from ..api import models as api

DEFAULT_ROOTFS_SIZE_GB = 100
"""The API documents rootfs as 'currently fixed at 100'."""
DEFAULT_LOCAL_VOLUME_SIZE_GB = 30
"""The API documents local volumes as 'currently fixed at 30'."""
DEFAULT_READY_TIMEOUT_SECONDS = 600
RESERVED_PORTS = frozenset({2222, 2223, 2224})


Int = Annotated[int, BeforeValidator(coerce_whole), Field(strict=True)]
"""A whole number; Pulumi may deliver it as a float (``3.0``)."""


def empty_as_unset(value: Any) -> Any:
    """The API takes an optional text given as ``""`` as unset, and reports an unset one as
    ``""``: so ``""`` is unset here too, and a resource reads back as it was checked."""
    return None if value == "" else value


EMPTY_IS_UNSET = BeforeValidator(empty_as_unset)


class SpecModel(BaseModel):
    """A nested input object: frozen, unknown properties rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class WorkerConfigSpec(SpecModel):
    min_num: Int
    max_num: Int
    free_timeout: Int
    max_concurrent: Int
    request_timeout: Int
    gpu_num: Int = 1
    cuda_version: Annotated[StrictStr | None, EMPTY_IS_UNSET] = None


class PolicySpec(SpecModel):
    type: Literal["queue", "concurrency"]
    value: Int


class ImageSpec(SpecModel):
    image: Annotated[StrictStr, Field(min_length=1, max_length=511)]
    auth_id: Annotated[Annotated[StrictStr, Field(max_length=255)] | None, EMPTY_IS_UNSET] = None
    command: Annotated[Annotated[StrictStr, Field(max_length=2047)] | None, EMPTY_IS_UNSET] = None


class PortSpec(SpecModel):
    port: Annotated[Int, Field(ge=1, le=65535)]


class VolumeMountSpec(SpecModel):
    type: Literal["local", "network"]
    mount_path: Annotated[StrictStr, Field(min_length=1, max_length=255)]
    size: Int | None = None
    id: Annotated[StrictStr | None, EMPTY_IS_UNSET] = None

    @model_validator(mode="before")
    @classmethod
    def _default_local_size(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("type") == "local" and data.get("size") is None:
            return {**data, "size": DEFAULT_LOCAL_VOLUME_SIZE_GB}
        return data


class EnvSpec(SpecModel):
    key: Annotated[StrictStr, Field(min_length=1)]
    value: StrictStr


class HealthCheckSpec(SpecModel):
    path: Annotated[StrictStr, Field(min_length=1)]


class EndpointSpec(Spec):
    """Everything a user can set on an endpoint (the inputs of the Endpoint resource)."""

    name: Annotated[StrictStr, Field(max_length=220)]
    app_name: Annotated[
        StrictStr | None, EMPTY_IS_UNSET, Prop(replaces=True, server_default=True)
    ] = None
    """Part of the URL and unique per account: the update call cannot change it."""
    worker_config: WorkerConfigSpec
    policy: PolicySpec
    image: ImageSpec
    ports: Annotated[list[PortSpec], Field(min_length=1)]
    products: Annotated[
        list[Annotated[StrictStr, Field(min_length=1)]], Field(min_length=1), Prop(replaces=True)
    ]
    """The update call cannot change products."""
    rootfs_size: Annotated[Int, Prop(replaces=True)] = DEFAULT_ROOTFS_SIZE_GB
    """The update call cannot change the root filesystem."""
    volume_mounts: list[VolumeMountSpec] = Field(default_factory=list)
    cluster_id: Annotated[
        Annotated[StrictStr, Field(max_length=255)] | None, EMPTY_IS_UNSET, Prop(replaces=True)
    ] = None
    """A different cluster moves the workers (and any network volume) elsewhere."""
    envs: list[EnvSpec] = Field(default_factory=list)
    health_check: HealthCheckSpec
    wait_for_ready: Annotated[StrictBool, Prop(local=True)] = True
    ready_timeout_seconds: Annotated[Int, Field(ge=1), Prop(local=True)] = (
        DEFAULT_READY_TIMEOUT_SECONDS
    )
    adopt_id: Annotated[StrictStr | None, Prop(local=True)] = None
    """The id of an existing resource to bring under management instead of creating one
    (see :mod:`novita_provider.core.adoption`)."""

    # The wire models are imported where they are used: checking and diffing (all a preview
    # without changes does) never need them, nor httpx, and the provider process starts
    # faster without building them.

    def api_fields(self) -> dict[str, Any]:
        """The fields create and update share, as API models."""
        from ..api import models as api

        return {
            "name": self.name,
            "worker_config": api.WorkerConfig(**self.worker_config.model_dump()),
            "ports": [api.Port(port=p.port) for p in self.ports],
            "policy": api.Policy(**self.policy.model_dump()),
            "image": api.Image(**self.image.model_dump()),
            "volume_mounts": [
                api.VolumeMount(
                    type=m.type,
                    mount_path=m.mount_path,
                    size=m.size if m.type == "local" else None,
                    id=m.id if m.type == "network" else None,
                )
                for m in self.volume_mounts
            ],
            "cluster_id": self.cluster_id or None,
            "envs": [api.Env(key=e.key, value=e.value) for e in self.envs],
            "healthy": api.HealthCheck(path=self.health_check.path),
        }

    def to_create(self) -> api.EndpointCreate:
        from ..api import models as api

        return api.EndpointCreate(
            **self.api_fields(),
            app_name=self.app_name or None,
            products=[api.Product(id=p) for p in self.products],
            rootfs_size=self.rootfs_size,
        )

    def to_update(self, endpoint_id: str) -> api.EndpointUpdate:
        from ..api import models as api

        return api.EndpointUpdate(id=endpoint_id, **self.api_fields())


def config_from_api(live: api.Endpoint) -> dict[str, Any]:
    """An endpoint's configuration as the API reports it, in the spec's shape (what the API
    leaves empty is unset), without the provider-local fields."""
    wc = live.worker_config
    return {
        "name": live.name,
        "app_name": live.app_name or None,
        "worker_config": {
            "min_num": wc.min_num,
            "max_num": wc.max_num,
            "free_timeout": wc.free_timeout,
            "max_concurrent": wc.max_concurrent,
            "request_timeout": wc.request_timeout,
            "gpu_num": wc.gpu_num,
            "cuda_version": wc.cuda_version or None,
        },
        "policy": {"type": live.policy.type, "value": live.policy.value},
        "image": {
            "image": live.image.image,
            "auth_id": live.image.auth_id or None,
            "command": live.image.command or None,
        },
        "ports": [{"port": p.port} for p in live.ports],
        "products": [p.id for p in live.products],
        "rootfs_size": live.rootfs_size,
        "volume_mounts": [
            {
                "type": m.type,
                "mount_path": m.mount_path,
                "size": m.size if m.type == "local" else None,
                "id": (m.id or None) if m.type == "network" else None,
            }
            for m in live.volume_mounts
        ],
        "cluster_id": live.cluster_id or None,
        "envs": [{"key": e.key, "value": e.value} for e in live.envs],
        "health_check": {"path": live.healthy.path},
    }
