"""The ``Endpoint`` resource: a Novita serverless GPU endpoint, declared from a Pulumi program."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, overload

import pulumi

from ..dynamic.resource import NovitaResource, args_and_opts


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


@dataclasses.dataclass(kw_only=True)
class EndpointPolicyArgs:
    """Autoscaling policy."""

    type: pulumi.Input[str]
    """``"queue"`` (scale on queue wait time) or ``"concurrency"`` (scale on queued requests)."""
    value: pulumi.Input[int]
    """Seconds of queue wait (``queue``) or number of queued requests (``concurrency``)."""


@dataclasses.dataclass(kw_only=True)
class EndpointImageArgs:
    image: pulumi.Input[str]
    """Image reference, e.g. ``"vllm/vllm-openai:v0.6.3"``."""
    auth_id: pulumi.Input[str] | None = None
    """Registry credential id, for private images (a ``RegistryCredential``'s ``id``)."""
    command: pulumi.Input[str] | None = None
    """Container start command, overriding the image's."""


@dataclasses.dataclass(kw_only=True)
class EndpointPortArgs:
    port: pulumi.Input[int]
    """HTTP port the container listens on: 1-65535, except 2222-2224."""


@dataclasses.dataclass(kw_only=True)
class EndpointVolumeMountArgs:
    type: pulumi.Input[str]
    """``"local"`` or ``"network"``."""
    mount_path: pulumi.Input[str]
    size: pulumi.Input[int] | None = None
    """GB, local volumes only (Novita fixes it at 30 today, the default)."""
    id: pulumi.Input[str] | None = None
    """Network volume id, network volumes only; set the endpoint's ``cluster_id`` to its cluster."""


@dataclasses.dataclass(kw_only=True)
class EndpointEnvArgs:
    key: pulumi.Input[str]
    value: pulumi.Input[str]


@dataclasses.dataclass(kw_only=True)
class EndpointHealthCheckArgs:
    path: pulumi.Input[str]
    """HTTP path Novita probes on the endpoint's port, e.g. ``"/health"``."""


@dataclasses.dataclass(kw_only=True)
class EndpointArgs:
    """The inputs of an :class:`Endpoint`. Nested values may also be given as plain dicts."""

    image: pulumi.Input[EndpointImageArgs]
    products: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Serverless GPU product ids, e.g. ``["SL-serverless-3"]``. Changing them replaces."""
    worker_config: pulumi.Input[EndpointWorkerConfigArgs]
    policy: pulumi.Input[EndpointPolicyArgs]
    ports: pulumi.Input[Sequence[pulumi.Input[EndpointPortArgs]]]
    """Exactly one port."""
    health_check: pulumi.Input[EndpointHealthCheckArgs]
    name: pulumi.Input[str] | None = None
    """Display name; defaults to the resource name plus a random suffix."""
    app_name: pulumi.Input[str] | None = None
    """The endpoint URL's app part; unique per account; defaults to the endpoint id. Replaces."""
    rootfs_size: pulumi.Input[int] | None = None
    """Root filesystem in GB (Novita fixes it at 100 today, the default). Replaces."""
    volume_mounts: pulumi.Input[Sequence[pulumi.Input[EndpointVolumeMountArgs]]] | None = None
    cluster_id: pulumi.Input[str] | None = None
    """Cluster to run in; required, and equal to the volume's cluster, with a network volume."""
    envs: pulumi.Input[Sequence[pulumi.Input[EndpointEnvArgs]]] | None = None
    wait_for_ready: pulumi.Input[bool] | None = None
    """Wait after create and update until the endpoint serves (default true)."""
    ready_timeout_seconds: pulumi.Input[int] | None = None
    """How long to wait for readiness, and for deletion, before failing (default 600)."""
    adopt_id: pulumi.Input[str] | None = None
    """The id of an existing resource to bring under management instead of creating one."""


COMPUTED_OUTPUTS = ("url", "state", "state_message")


class Endpoint(NovitaResource, name="Endpoint"):
    """A Novita serverless GPU endpoint.

    Credentials come from stack config ``novita:apiKey`` (set it with ``--secret``) or the
    ``NOVITA_API_KEY`` environment variable; ``novita:apiUrl``/``NOVITA_API_URL`` point it at
    another API (such as the bundled simulator).
    """

    @overload
    def __init__(
        self,
        resource_name: str,
        args: EndpointArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        resource_args, opts = args_and_opts(EndpointArgs, args, kwargs)
        super().__init__(resource_name, resource_args, opts, computed_outputs=COMPUTED_OUTPUTS)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        return pulumi.get(self, "name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="app_name")
    def app_name(self) -> pulumi.Output[str]:
        """The app name in the endpoint URL (the endpoint id unless set)."""
        return pulumi.get(self, "app_name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def url(self) -> pulumi.Output[str]:
        """The endpoint's invocation URL."""
        return pulumi.get(self, "url")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def state(self) -> pulumi.Output[str]:
        """Novita's state for the endpoint (``serving`` once ready)."""
        return pulumi.get(self, "state")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="state_message")
    def state_message(self) -> pulumi.Output[str]:
        return pulumi.get(self, "state_message")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="worker_config")
    def worker_config(self) -> pulumi.Output[dict[str, Any]]:
        return pulumi.get(self, "worker_config")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def image(self) -> pulumi.Output[dict[str, Any]]:
        return pulumi.get(self, "image")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def products(self) -> pulumi.Output[list[str]]:
        return pulumi.get(self, "products")  # type: ignore[no-any-return]
