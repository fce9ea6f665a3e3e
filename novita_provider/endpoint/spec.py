"""The Endpoint's inputs and computed outputs, declared once, and their mapping to and from the
API.

``EndpointSpec`` is what the user declares, in snake_case, as it is stored in Pulumi state:
types, the API's static rules, defaults, and (with :class:`Prop`) what replaces, what is
provider-local. Rules that depend on the account's limits live in :mod:`.rules`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, StrictStr, model_validator
from pydantic.functional_validators import BeforeValidator

from ..core.fields import Prop, Spec, SpecModel
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


class WorkerConfigSpec(SpecModel):
    """How many workers run, and how each serves requests."""

    min_num: Int
    """Workers kept running when idle (0 scales to zero)."""
    max_num: Int
    """Upper bound for autoscaling; at least ``min_num``."""
    free_timeout: Int
    """Seconds an idle worker is kept before it is released."""
    max_concurrent: Int
    """Requests one worker serves at once."""
    request_timeout: Int
    """Seconds before a request is abandoned."""
    gpu_num: Int = 1
    """GPUs per worker (default 1)."""
    cuda_version: Annotated[StrictStr | None, EMPTY_IS_UNSET] = None
    """Minimum CUDA version the workers need, e.g. ``"12.4"``, one of the account's offered list;
    unset, any will do."""


class PolicySpec(SpecModel):
    """Autoscaling policy."""

    type: Literal["queue", "concurrency"]
    """``"queue"`` (scale on queue wait time) or ``"concurrency"`` (scale on queued requests)."""
    value: Int
    """Seconds of queue wait (``queue``) or number of queued requests (``concurrency``)."""


class ImageSpec(SpecModel):
    """The container image the workers run."""

    image: Annotated[StrictStr, Field(min_length=1, max_length=511)]
    """Image reference, e.g. ``"vllm/vllm-openai:v0.6.3"``."""
    auth_id: Annotated[Annotated[StrictStr, Field(max_length=255)] | None, EMPTY_IS_UNSET] = None
    """Registry credential id, for private images (a ``RegistryCredential``'s ``id``)."""
    command: Annotated[Annotated[StrictStr, Field(max_length=2047)] | None, EMPTY_IS_UNSET] = None
    """Container start command, overriding the image's."""


class PortSpec(SpecModel):
    """The HTTP port the endpoint serves."""

    # RESERVED_PORTS are refused by a rule (endpoint/rules.py).
    port: Annotated[Int, Field(ge=1, le=65535)]
    """HTTP port the container listens on: 1-65535, except 2222-2224."""


class VolumeMountSpec(SpecModel):
    """A volume mounted into every worker."""

    type: Literal["local", "network"]
    """``"local"`` (a disk of the worker) or ``"network"`` (a ``NetworkVolume``)."""
    mount_path: Annotated[StrictStr, Field(min_length=1, max_length=255)]
    """Where the volume appears in the container, e.g. ``"/models"``."""
    size: Int | None = None
    """GB, local volumes only (Novita fixes it at 30 today, the default)."""
    id: Annotated[StrictStr | None, EMPTY_IS_UNSET] = None
    """Network volume id, network volumes only; set the endpoint's ``cluster_id`` to its
    cluster."""

    @model_validator(mode="before")
    @classmethod
    def _default_local_size(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("type") == "local" and data.get("size") is None:
            return {**data, "size": DEFAULT_LOCAL_VOLUME_SIZE_GB}
        return data


class EnvSpec(SpecModel):
    """An environment variable of the workers."""

    key: Annotated[StrictStr, Field(min_length=1)]
    """The variable's name."""
    value: StrictStr
    """Its value (pass a secret, e.g. ``config.require_secret(...)``, to keep it out of logs)."""


class HealthCheckSpec(SpecModel):
    """How Novita probes a worker's health."""

    path: Annotated[StrictStr, Field(min_length=1)]
    """HTTP path Novita probes on the endpoint's port, e.g. ``"/health"``."""


class EndpointSpec(Spec):
    """A Novita serverless GPU endpoint.

    Credentials come from stack config ``novita:apiKey`` (set it with ``--secret``) or the
    ``NOVITA_API_KEY`` environment variable; ``novita:apiUrl``/``NOVITA_API_URL`` point it at
    another API (such as the bundled simulator)."""

    # The order is the program's: the required inputs first (name is autonamed), as the
    # generated EndpointArgs lists them.
    name: Annotated[StrictStr, Field(max_length=220)]
    """Display name; defaults to the resource name plus a random suffix."""
    image: ImageSpec
    """The container image the workers run."""
    # The update call cannot change products.
    products: Annotated[
        list[Annotated[StrictStr, Field(min_length=1)]], Field(min_length=1), Prop(replaces=True)
    ]
    """Serverless GPU product ids, e.g. ``["SL-serverless-3"]``. Changing them replaces the
    endpoint."""
    worker_config: WorkerConfigSpec
    """How many workers run, and how each serves requests."""
    policy: PolicySpec
    """Autoscaling policy."""
    ports: Annotated[list[PortSpec], Field(min_length=1)]
    """The HTTP port the endpoint serves: exactly one."""
    health_check: HealthCheckSpec
    """How Novita probes a worker's health."""
    # Part of the URL and unique per account: the update call cannot change it.
    app_name: Annotated[
        StrictStr | None, EMPTY_IS_UNSET, Prop(replaces=True, server_default=True)
    ] = None
    """The endpoint URL's app part, unique per account; defaults to the endpoint id. Changing it
    replaces the endpoint."""
    # The update call cannot change the root filesystem.
    rootfs_size: Annotated[Int, Prop(replaces=True)] = DEFAULT_ROOTFS_SIZE_GB
    """Root filesystem in GB (Novita fixes it at 100 today, the default). Changing it replaces
    the endpoint."""
    volume_mounts: list[VolumeMountSpec] = Field(default_factory=list)
    """Volumes mounted into every worker (none by default)."""
    # A different cluster moves the workers (and any network volume) elsewhere.
    cluster_id: Annotated[
        Annotated[StrictStr, Field(max_length=255)] | None, EMPTY_IS_UNSET, Prop(replaces=True)
    ] = None
    """The cluster to run in (Novita chooses when unset); required, and equal to the volume's
    cluster, with a network volume. Changing it replaces the endpoint."""
    envs: list[EnvSpec] = Field(default_factory=list)
    """Environment variables of the workers (none by default)."""
    wait_for_ready: Annotated[StrictBool, Prop(local=True)] = True
    """Wait after create and update until the endpoint serves (default true)."""
    ready_timeout_seconds: Annotated[Int, Field(ge=1), Prop(local=True)] = (
        DEFAULT_READY_TIMEOUT_SECONDS
    )
    """How long to wait for readiness, and for deletion, before failing, in seconds (default
    600)."""
    # See novita_provider.core.adoption.
    adopt_id: Annotated[StrictStr | None, Prop(local=True)] = None
    """The id of an existing resource to bring under management instead of creating one (see
    the README's *Existing resources*)."""

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


class EndpointOutputs(BaseModel):
    """What Novita reports about an endpoint once it exists."""

    url: str
    """The endpoint's invocation URL."""
    state: str
    """Novita's state for the endpoint (``serving`` once ready)."""
    state_message: str
    """Novita's explanation of the state (empty when all is well)."""


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
