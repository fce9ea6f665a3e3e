"""Pydantic models of the Novita API's wire format: endpoints, registry credentials, network
storage and clusters (sections 1 to 3 of the API reference).

Field names are snake_case in Python and camelCase on the wire. The API returns 64-bit integers
as JSON strings (``"300"``) and ports as strings: ``ApiInt`` and ``PortNumber`` normalise both
directions so that values read back compare equal to values sent.

Strict in what we send, liberal in what we accept: the write models are always built from a
validated spec, so every field they send is set; when reading, the API may answer in shapes the
documentation does not fix (see the simulator README, "Response shapes"). So every field of a
read model has the zero value protobuf JSON omits (``0``, ``""``, ``[]``, ``False``, an empty
object) as its default, ``null`` reads as that default, numbers may come as strings (and
strings as numbers), and undocumented fields are ignored. Only what identifies a resource (its
id) is required: a response without it cannot be understood.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)
from pydantic.alias_generators import to_camel

from ..core.numbers import coerce_wire_int

ApiInt = Annotated[int, BeforeValidator(coerce_wire_int)]
"""An integer the API may send as a string."""

PortNumber = Annotated[int, BeforeValidator(coerce_wire_int), PlainSerializer(str, return_type=str)]
"""A port: an integer in Python, a string on the wire."""

ResourceId = Annotated[str, Field(min_length=1)]
"""What identifies a resource: the one thing a read cannot do without."""


class ApiModel(BaseModel):
    """Base for wire models: camelCase aliases, snake_case names accepted too; unknown fields
    ignored, ``null`` read as the field's default, numbers accepted for strings."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        coerce_numbers_to_str=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _null_is_default(cls, data: Any) -> Any:
        """A member that is ``null`` is read as absent, so its default applies."""
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data

    def to_api(self) -> dict[str, Any]:
        """The JSON body for this model, as the API expects it."""
        return self.model_dump(by_alias=True, mode="json", exclude_none=True)


# The models below are both sent (built from a spec, every field set) and read (where the
# defaults are what an omitted field means).


class WorkerConfig(ApiModel):
    min_num: ApiInt = 0
    max_num: ApiInt = 0
    free_timeout: ApiInt = 0
    max_concurrent: ApiInt = 0
    gpu_num: ApiInt = 0
    request_timeout: ApiInt = 0
    cuda_version: str | None = None


class Policy(ApiModel):
    type: str = ""
    value: ApiInt = 0


class Image(ApiModel):
    image: str = ""
    auth_id: str | None = None
    command: str | None = None


class Port(ApiModel):
    port: PortNumber = 0


class Product(ApiModel):
    id: str = ""


class VolumeMount(ApiModel):
    type: str = ""
    size: ApiInt | None = None
    id: str | None = None
    mount_path: str = ""


class Env(ApiModel):
    key: str = ""
    value: str = ""


class HealthCheck(ApiModel):
    path: str = ""


class EndpointState(ApiModel):
    state: str = ""
    error: str = ""
    message: str = ""


class Worker(ApiModel):
    id: str = ""
    state: EndpointState = Field(default_factory=EndpointState)
    healthy: bool = False


class EndpointFields(ApiModel):
    """The configuration both create and update send."""

    name: str | None = None
    worker_config: WorkerConfig
    ports: list[Port]
    policy: Policy
    image: Image
    volume_mounts: list[VolumeMount]
    cluster_id: str | None = Field(default=None, alias="clusterID")
    envs: list[Env] | None = None
    healthy: HealthCheck


class EndpointCreate(EndpointFields):
    """Body of ``POST /endpoint/create`` (sent wrapped as ``{"endpoint": ...}``)."""

    app_name: str | None = None
    products: list[Product]
    rootfs_size: ApiInt


class EndpointUpdate(EndpointFields):
    """Body of ``POST /endpoint/update``: flat, and a full replace rather than a patch."""

    id: str


class Endpoint(ApiModel):
    """An endpoint as ``GET /endpoint`` and ``GET /endpoints`` return it."""

    id: ResourceId
    name: str = ""
    app_name: str = ""
    state: EndpointState = Field(default_factory=EndpointState)
    url: str = ""
    worker_config: WorkerConfig = Field(default_factory=WorkerConfig)
    policy: Policy = Field(default_factory=Policy)
    image: Image = Field(default_factory=Image)
    rootfs_size: ApiInt = 0
    volume_mounts: list[VolumeMount] = Field(default_factory=list)
    envs: list[Env] = Field(default_factory=list)
    ports: list[Port] = Field(default_factory=list)
    workers: list[Worker] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    healthy: HealthCheck = Field(default_factory=HealthCheck)
    cluster_id: str = Field(default="", alias="clusterID")


class EndpointLimits(ApiModel):
    """``GET /endpoint/limit``: the ranges endpoint fields must fall in. Omitted values are 0
    (protobuf JSON omits zeros); a maximum of 0 would forbid every value, so it is read as
    unknown and that range goes unchecked (see ``endpoint/rules.py``)."""

    min_rootfs_size: ApiInt = 0
    """The smallest root filesystem, in GB."""
    max_rootfs_size: ApiInt = 0
    """The largest root filesystem, in GB (0: unknown)."""
    min_local_volume_size: ApiInt = 0
    """The smallest local volume, in GB."""
    max_local_volume_size: ApiInt = 0
    """The largest local volume, in GB (0: unknown)."""
    min_worker_num: ApiInt = 0
    """The fewest workers an endpoint may keep."""
    max_worker_num: ApiInt = 0
    """The most workers an endpoint may run (0: unknown)."""
    min_free_timeout: ApiInt = 0
    """The shortest idle time before a worker is released, in seconds."""
    max_free_timeout: ApiInt = 0
    """The longest idle time before a worker is released, in seconds (0: unknown)."""
    min_concurrency_num: ApiInt = 0
    """The fewest concurrent requests per worker."""
    max_concurrency_num: ApiInt = 0
    """The most concurrent requests per worker (0: unknown)."""
    min_queue_wait_time: ApiInt = 0
    """The smallest queue wait of a ``queue`` policy, in seconds."""
    max_queue_wait_time: ApiInt = 0
    """The largest queue wait of a ``queue`` policy, in seconds (0: unknown)."""
    min_request_num: ApiInt = 0
    """The fewest queued requests of a ``concurrency`` policy."""
    max_request_num: ApiInt = 0
    """The most queued requests of a ``concurrency`` policy (0: unknown)."""
    min_gpu_num: ApiInt = Field(default=0, alias="minGPUNum")
    """The fewest GPUs per worker."""
    max_gpu_num: ApiInt = Field(default=0, alias="maxGPUNum")
    """The most GPUs per worker (0: unknown)."""
    min_request_timeout: ApiInt | None = None
    """The shortest request timeout, in seconds, when reported."""
    max_request_timeout: ApiInt | None = None
    """The longest request timeout, in seconds, when reported."""
    cuda_version_list: list[str] = Field(default_factory=list)
    """The CUDA versions a worker config may ask for."""


class ApiErrorBody(BaseModel):
    """Novita's error body: ``{"code", "reason", "message", "metadata"}``."""

    model_config = ConfigDict(extra="ignore")

    code: int | None = None
    reason: str | None = None
    message: str | None = None


class RegistryAuth(ApiModel):
    """A container registry credential (``GET /repository/auths``)."""

    id: ResourceId
    name: str = ""
    username: str = ""
    password: str = ""


class NetworkStorage(ApiModel):
    """A network volume (``GET /networkstorages/list``): its id as ``storageId`` (documented)
    or ``id`` (as Novita's CLI reads it)."""

    storage_id: ResourceId = Field(
        validation_alias=AliasChoices("storageId", "id", "storage_id"),
        serialization_alias="storageId",
    )
    storage_name: str = ""
    storage_size: ApiInt = 0
    cluster_id: str = ""
    cluster_name: str = ""
    price: str = ""


class Cluster(ApiModel):
    """A cluster (``GET /clusters``)."""

    id: ResourceId
    """The cluster's id (an endpoint's or a network volume's ``cluster_id``)."""
    name: str = ""
    """Its display name."""
    available_gpu_type: list[str] = Field(default_factory=list)
    """The GPU types it offers."""
    support_network_storage: bool = False
    """Whether network volumes can be created there."""
    support_instance_network: bool = False
    """Whether GPU instances there can join a private network."""
