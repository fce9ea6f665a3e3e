"""Pydantic models of the Novita API's wire format: endpoints, registry credentials, network
storage and clusters (sections 1 to 3 of the API reference).

Field names are snake_case in Python and camelCase on the wire. The API returns 64-bit integers
as JSON strings (``"300"``) and ports as strings: ``ApiInt`` and ``PortNumber`` normalise both
directions so that values read back compare equal to values sent.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer
from pydantic.alias_generators import to_camel

from ..core.numbers import coerce_wire_int

ApiInt = Annotated[int, BeforeValidator(coerce_wire_int)]
"""An integer the API may send as a string."""

PortNumber = Annotated[int, BeforeValidator(coerce_wire_int), PlainSerializer(str, return_type=str)]
"""A port: an integer in Python, a string on the wire."""


class ApiModel(BaseModel):
    """Base for wire models: camelCase aliases, snake_case names accepted too."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

    def to_api(self) -> dict[str, Any]:
        """The JSON body for this model, as the API expects it."""
        return self.model_dump(by_alias=True, mode="json", exclude_none=True)


class WorkerConfig(ApiModel):
    min_num: ApiInt
    max_num: ApiInt
    free_timeout: ApiInt
    max_concurrent: ApiInt
    gpu_num: ApiInt
    request_timeout: ApiInt
    cuda_version: str | None = None


class Policy(ApiModel):
    type: str
    value: ApiInt


class Image(ApiModel):
    image: str
    auth_id: str | None = None
    command: str | None = None


class Port(ApiModel):
    port: PortNumber


class Product(ApiModel):
    id: str


class VolumeMount(ApiModel):
    type: str
    size: ApiInt | None = None
    id: str | None = None
    mount_path: str


class Env(ApiModel):
    key: str
    value: str


class HealthCheck(ApiModel):
    path: str


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

    id: str
    name: str = ""
    app_name: str = ""
    state: EndpointState = Field(default_factory=EndpointState)
    url: str = ""
    worker_config: WorkerConfig
    policy: Policy
    image: Image
    rootfs_size: ApiInt
    volume_mounts: list[VolumeMount] = Field(default_factory=list)
    envs: list[Env] = Field(default_factory=list)
    ports: list[Port] = Field(default_factory=list)
    workers: list[Worker] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    healthy: HealthCheck
    cluster_id: str = Field(default="", alias="clusterID")


class EndpointLimits(ApiModel):
    """``GET /endpoint/limit``: the ranges endpoint fields must fall in."""

    min_rootfs_size: ApiInt
    max_rootfs_size: ApiInt
    min_local_volume_size: ApiInt
    max_local_volume_size: ApiInt
    min_worker_num: ApiInt
    max_worker_num: ApiInt
    min_free_timeout: ApiInt
    max_free_timeout: ApiInt
    min_concurrency_num: ApiInt
    max_concurrency_num: ApiInt
    min_queue_wait_time: ApiInt
    max_queue_wait_time: ApiInt
    min_request_num: ApiInt
    max_request_num: ApiInt
    min_gpu_num: ApiInt = Field(alias="minGPUNum")
    max_gpu_num: ApiInt = Field(alias="maxGPUNum")
    min_request_timeout: ApiInt | None = None
    max_request_timeout: ApiInt | None = None
    cuda_version_list: list[str] = Field(default_factory=list)


class ApiErrorBody(BaseModel):
    """Novita's error body: ``{"code", "reason", "message", "metadata"}``."""

    model_config = ConfigDict(extra="ignore")

    code: int | None = None
    reason: str | None = None
    message: str | None = None


class RegistryAuth(ApiModel):
    """A container registry credential (``GET /repository/auths``)."""

    id: str
    name: str
    username: str = ""
    password: str = ""


class NetworkStorage(ApiModel):
    """A network volume (``GET /networkstorages/list``)."""

    storage_id: str
    storage_name: str
    storage_size: ApiInt
    cluster_id: str = ""
    cluster_name: str = ""
    price: str = ""


class Cluster(ApiModel):
    """A cluster (``GET /clusters``)."""

    id: str
    name: str = ""
    available_gpu_type: list[str] = Field(default_factory=list)
    support_network_storage: bool = False
    support_instance_network: bool = False
