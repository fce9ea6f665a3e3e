"""The nested inputs of an ``Endpoint``, in the two forms Pulumi's Python SDKs accept: an
``*Args`` class, or a plain dict typed by the matching ``*ArgsDict``.

Both forms are checked by a type checker: a misspelled field or a value outside an enumeration
(``type="fifo"``) is an error in the editor, not at ``pulumi preview``.
"""

from __future__ import annotations

import dataclasses
from typing import Literal, NotRequired, TypedDict

import pulumi

PolicyType = Literal["queue", "concurrency"]
"""``"queue"`` scales on queue wait time, ``"concurrency"`` on the number of queued requests."""

VolumeMountType = Literal["local", "network"]
"""``"local"`` (a disk of the worker) or ``"network"`` (a ``NetworkVolume``)."""


@dataclasses.dataclass(kw_only=True)
class EndpointWorkerConfigArgs:
    """How many workers run, and how each serves requests."""

    min_num: pulumi.Input[int]
    """Workers kept running when idle (0 scales to zero)."""
    max_num: pulumi.Input[int]
    """Upper bound for autoscaling; at least ``min_num``."""
    free_timeout: pulumi.Input[int]
    """Seconds an idle worker is kept before it is released."""
    max_concurrent: pulumi.Input[int]
    """Requests one worker serves at once."""
    request_timeout: pulumi.Input[int]
    """Seconds before a request is abandoned."""
    gpu_num: pulumi.Input[int] = 1
    """GPUs per worker."""
    cuda_version: pulumi.Input[str] | None = None
    """Minimum CUDA version the workers need, e.g. ``"12.4"``; one of the account's offered list."""


class EndpointWorkerConfigArgsDict(TypedDict):
    """How many workers run, and how each serves requests (see
    :class:`EndpointWorkerConfigArgs`)."""

    min_num: pulumi.Input[int]
    max_num: pulumi.Input[int]
    free_timeout: pulumi.Input[int]
    max_concurrent: pulumi.Input[int]
    request_timeout: pulumi.Input[int]
    gpu_num: NotRequired[pulumi.Input[int]]
    cuda_version: NotRequired[pulumi.Input[str] | None]


@dataclasses.dataclass(kw_only=True)
class EndpointPolicyArgs:
    """Autoscaling policy."""

    type: pulumi.Input[PolicyType]
    """``"queue"`` (scale on queue wait time) or ``"concurrency"`` (scale on queued requests)."""
    value: pulumi.Input[int]
    """Seconds of queue wait (``queue``) or number of queued requests (``concurrency``)."""


class EndpointPolicyArgsDict(TypedDict):
    """Autoscaling policy (see :class:`EndpointPolicyArgs`)."""

    type: pulumi.Input[PolicyType]
    value: pulumi.Input[int]


@dataclasses.dataclass(kw_only=True)
class EndpointImageArgs:
    """The container image the workers run."""

    image: pulumi.Input[str]
    """Image reference, e.g. ``"vllm/vllm-openai:v0.6.3"``."""
    auth_id: pulumi.Input[str] | None = None
    """Registry credential id, for private images (a ``RegistryCredential``'s ``id``)."""
    command: pulumi.Input[str] | None = None
    """Container start command, overriding the image's."""


class EndpointImageArgsDict(TypedDict):
    """The container image the workers run (see :class:`EndpointImageArgs`)."""

    image: pulumi.Input[str]
    auth_id: NotRequired[pulumi.Input[str] | None]
    command: NotRequired[pulumi.Input[str] | None]


@dataclasses.dataclass(kw_only=True)
class EndpointPortArgs:
    """The HTTP port the endpoint serves."""

    port: pulumi.Input[int]
    """HTTP port the container listens on: 1-65535, except 2222-2224."""


class EndpointPortArgsDict(TypedDict):
    """The HTTP port the endpoint serves (see :class:`EndpointPortArgs`)."""

    port: pulumi.Input[int]


@dataclasses.dataclass(kw_only=True)
class EndpointVolumeMountArgs:
    """A volume mounted into every worker."""

    type: pulumi.Input[VolumeMountType]
    """``"local"`` or ``"network"``."""
    mount_path: pulumi.Input[str]
    """Where the volume appears in the container, e.g. ``"/models"``."""
    size: pulumi.Input[int] | None = None
    """GB, local volumes only (Novita fixes it at 30 today, the default)."""
    id: pulumi.Input[str] | None = None
    """Network volume id, network volumes only; set the endpoint's ``cluster_id`` to its cluster."""


class EndpointVolumeMountArgsDict(TypedDict):
    """A volume mounted into every worker (see :class:`EndpointVolumeMountArgs`)."""

    type: pulumi.Input[VolumeMountType]
    mount_path: pulumi.Input[str]
    size: NotRequired[pulumi.Input[int] | None]
    id: NotRequired[pulumi.Input[str] | None]


@dataclasses.dataclass(kw_only=True)
class EndpointEnvArgs:
    """An environment variable of the workers."""

    key: pulumi.Input[str]
    """The variable's name."""
    value: pulumi.Input[str]
    """Its value (pass a secret, e.g. ``config.require_secret(...)``, to keep it out of logs)."""


class EndpointEnvArgsDict(TypedDict):
    """An environment variable of the workers (see :class:`EndpointEnvArgs`)."""

    key: pulumi.Input[str]
    value: pulumi.Input[str]


@dataclasses.dataclass(kw_only=True)
class EndpointHealthCheckArgs:
    """How Novita probes a worker's health."""

    path: pulumi.Input[str]
    """HTTP path Novita probes on the endpoint's port, e.g. ``"/health"``."""


class EndpointHealthCheckArgsDict(TypedDict):
    """How Novita probes a worker's health (see :class:`EndpointHealthCheckArgs`)."""

    path: pulumi.Input[str]
