"""The nested outputs of an ``Endpoint``, as Pulumi's generated SDKs declare them: the SDK
builds these from the engine's values using the property types of the resource class, so
``endpoint.worker_config.apply(lambda w: w.max_num)`` is an ``Output[int]``.

Each is also a ``dict`` (as the output types of generated SDKs are), so programs written when
these outputs were plain dicts (``w["max_num"]``) keep working.
"""

from __future__ import annotations

from typing import Any

import pulumi

from .inputs import PolicyType, VolumeMountType

__all__ = [
    "EndpointEnv",
    "EndpointHealthCheck",
    "EndpointImage",
    "EndpointPolicy",
    "EndpointPort",
    "EndpointVolumeMount",
    "EndpointWorkerConfig",
]


@pulumi.output_type
class EndpointWorkerConfig(dict[str, Any]):
    """How many workers run, and how each serves requests."""

    def __init__(
        __self__,
        *,
        min_num: int,
        max_num: int,
        free_timeout: int,
        max_concurrent: int,
        request_timeout: int,
        gpu_num: int,
        cuda_version: str | None = None,
    ) -> None:
        pulumi.set(__self__, "min_num", min_num)
        pulumi.set(__self__, "max_num", max_num)
        pulumi.set(__self__, "free_timeout", free_timeout)
        pulumi.set(__self__, "max_concurrent", max_concurrent)
        pulumi.set(__self__, "request_timeout", request_timeout)
        pulumi.set(__self__, "gpu_num", gpu_num)
        if cuda_version is not None:
            pulumi.set(__self__, "cuda_version", cuda_version)

    @property
    @pulumi.getter(name="min_num")
    def min_num(self) -> int:
        """Workers kept running when idle (0 scales to zero)."""
        return pulumi.get(self, "min_num")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="max_num")
    def max_num(self) -> int:
        """Upper bound for autoscaling."""
        return pulumi.get(self, "max_num")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="free_timeout")
    def free_timeout(self) -> int:
        """Seconds an idle worker is kept before it is released."""
        return pulumi.get(self, "free_timeout")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="max_concurrent")
    def max_concurrent(self) -> int:
        """Requests one worker serves at once."""
        return pulumi.get(self, "max_concurrent")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="request_timeout")
    def request_timeout(self) -> int:
        """Seconds before a request is abandoned."""
        return pulumi.get(self, "request_timeout")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="gpu_num")
    def gpu_num(self) -> int:
        """GPUs per worker."""
        return pulumi.get(self, "gpu_num")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="cuda_version")
    def cuda_version(self) -> str | None:
        """Minimum CUDA version the workers need; ``None`` when any will do."""
        return pulumi.get(self, "cuda_version")  # type: ignore[no-any-return]


@pulumi.output_type
class EndpointPolicy(dict[str, Any]):
    """Autoscaling policy."""

    def __init__(__self__, *, type: PolicyType, value: int) -> None:
        pulumi.set(__self__, "type", type)
        pulumi.set(__self__, "value", value)

    @property
    @pulumi.getter
    def type(self) -> PolicyType:
        """``"queue"`` (scale on queue wait time) or ``"concurrency"`` (on queued requests)."""
        return pulumi.get(self, "type")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def value(self) -> int:
        """Seconds of queue wait (``queue``) or number of queued requests (``concurrency``)."""
        return pulumi.get(self, "value")  # type: ignore[no-any-return]


@pulumi.output_type
class EndpointImage(dict[str, Any]):
    """The container image the workers run."""

    def __init__(
        __self__, *, image: str, auth_id: str | None = None, command: str | None = None
    ) -> None:
        pulumi.set(__self__, "image", image)
        if auth_id is not None:
            pulumi.set(__self__, "auth_id", auth_id)
        if command is not None:
            pulumi.set(__self__, "command", command)

    @property
    @pulumi.getter
    def image(self) -> str:
        """Image reference, e.g. ``"vllm/vllm-openai:v0.6.3"``."""
        return pulumi.get(self, "image")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="auth_id")
    def auth_id(self) -> str | None:
        """Registry credential id, for private images."""
        return pulumi.get(self, "auth_id")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def command(self) -> str | None:
        """Container start command, when it overrides the image's."""
        return pulumi.get(self, "command")  # type: ignore[no-any-return]


@pulumi.output_type
class EndpointPort(dict[str, Any]):
    """The HTTP port the endpoint serves."""

    def __init__(__self__, *, port: int) -> None:
        pulumi.set(__self__, "port", port)

    @property
    @pulumi.getter
    def port(self) -> int:
        """HTTP port the container listens on."""
        return pulumi.get(self, "port")  # type: ignore[no-any-return]


@pulumi.output_type
class EndpointVolumeMount(dict[str, Any]):
    """A volume mounted into every worker."""

    def __init__(
        __self__,
        *,
        type: VolumeMountType,
        mount_path: str,
        size: int | None = None,
        id: str | None = None,
    ) -> None:
        pulumi.set(__self__, "type", type)
        pulumi.set(__self__, "mount_path", mount_path)
        if size is not None:
            pulumi.set(__self__, "size", size)
        if id is not None:
            pulumi.set(__self__, "id", id)

    @property
    @pulumi.getter
    def type(self) -> VolumeMountType:
        """``"local"`` or ``"network"``."""
        return pulumi.get(self, "type")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="mount_path")
    def mount_path(self) -> str:
        """Where the volume appears in the container."""
        return pulumi.get(self, "mount_path")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def size(self) -> int | None:
        """GB, local volumes only."""
        return pulumi.get(self, "size")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def id(self) -> str | None:
        """Network volume id, network volumes only."""
        return pulumi.get(self, "id")  # type: ignore[no-any-return]


@pulumi.output_type
class EndpointEnv(dict[str, Any]):
    """An environment variable of the workers."""

    def __init__(__self__, *, key: str, value: str) -> None:
        pulumi.set(__self__, "key", key)
        pulumi.set(__self__, "value", value)

    @property
    @pulumi.getter
    def key(self) -> str:
        """The variable's name."""
        return pulumi.get(self, "key")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def value(self) -> str:
        """Its value."""
        return pulumi.get(self, "value")  # type: ignore[no-any-return]


@pulumi.output_type
class EndpointHealthCheck(dict[str, Any]):
    """How Novita probes a worker's health."""

    def __init__(__self__, *, path: str) -> None:
        pulumi.set(__self__, "path", path)

    @property
    @pulumi.getter
    def path(self) -> str:
        """HTTP path Novita probes on the endpoint's port."""
        return pulumi.get(self, "path")  # type: ignore[no-any-return]
