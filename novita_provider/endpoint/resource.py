"""The ``Endpoint`` resource: a Novita serverless GPU endpoint, declared from a Pulumi program."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

import pulumi

from ..dynamic.resource import NovitaResource
from .inputs import (
    EndpointEnvArgs,
    EndpointEnvArgsDict,
    EndpointHealthCheckArgs,
    EndpointHealthCheckArgsDict,
    EndpointImageArgs,
    EndpointImageArgsDict,
    EndpointPolicyArgs,
    EndpointPolicyArgsDict,
    EndpointPortArgs,
    EndpointPortArgsDict,
    EndpointVolumeMountArgs,
    EndpointVolumeMountArgsDict,
    EndpointWorkerConfigArgs,
    EndpointWorkerConfigArgsDict,
)
from .outputs import (
    EndpointEnv,
    EndpointHealthCheck,
    EndpointImage,
    EndpointPolicy,
    EndpointPort,
    EndpointVolumeMount,
    EndpointWorkerConfig,
)


@dataclasses.dataclass(kw_only=True)
class EndpointArgs:
    """The inputs of an :class:`Endpoint`. Nested values may be ``*Args`` objects or plain
    dicts (typed by the ``*ArgsDict`` classes)."""

    image: pulumi.Input[EndpointImageArgs | EndpointImageArgsDict]
    """The container image the workers run."""
    products: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Serverless GPU product ids, e.g. ``["SL-serverless-3"]``. Changing them replaces."""
    worker_config: pulumi.Input[EndpointWorkerConfigArgs | EndpointWorkerConfigArgsDict]
    """How many workers run, and how each serves requests."""
    policy: pulumi.Input[EndpointPolicyArgs | EndpointPolicyArgsDict]
    """Autoscaling policy."""
    ports: pulumi.Input[Sequence[pulumi.Input[EndpointPortArgs | EndpointPortArgsDict]]]
    """Exactly one port."""
    health_check: pulumi.Input[EndpointHealthCheckArgs | EndpointHealthCheckArgsDict]
    """How Novita probes a worker's health."""
    name: pulumi.Input[str] | None = None
    """Display name; defaults to the resource name plus a random suffix."""
    app_name: pulumi.Input[str] | None = None
    """The endpoint URL's app part; unique per account; defaults to the endpoint id. Replaces."""
    rootfs_size: pulumi.Input[int] | None = None
    """Root filesystem in GB (Novita fixes it at 100 today, the default). Replaces."""
    volume_mounts: (
        pulumi.Input[Sequence[pulumi.Input[EndpointVolumeMountArgs | EndpointVolumeMountArgsDict]]]
        | None
    ) = None
    """Volumes mounted into every worker."""
    cluster_id: pulumi.Input[str] | None = None
    """Cluster to run in; required, and equal to the volume's cluster, with a network volume."""
    envs: pulumi.Input[Sequence[pulumi.Input[EndpointEnvArgs | EndpointEnvArgsDict]]] | None = None
    """Environment variables of the workers."""
    wait_for_ready: pulumi.Input[bool] | None = None
    """Wait after create and update until the endpoint serves (default true)."""
    ready_timeout_seconds: pulumi.Input[int] | None = None
    """How long to wait for readiness, and for deletion, before failing (default 600)."""
    adopt_id: pulumi.Input[str] | None = None
    """The id of an existing resource to bring under management instead of creating one (see
    the README's *Existing resources*)."""


COMPUTED_OUTPUTS = ("url", "state", "state_message")


class Endpoint(
    NovitaResource, name="Endpoint", args=EndpointArgs, computed_outputs=COMPUTED_OUTPUTS
):
    """A Novita serverless GPU endpoint.

    Credentials come from stack config ``novita:apiKey`` (set it with ``--secret``) or the
    ``NOVITA_API_KEY`` environment variable; ``novita:apiUrl``/``NOVITA_API_URL`` point it at
    another API (such as the bundled simulator).

    Construct it with an :class:`EndpointArgs` (``Endpoint(name, args, opts)``) or with the
    same fields as keywords (``Endpoint(name, opts=..., image=..., ...)``).
    """

    # Typing only: at run time NovitaResource.__init__ serves every form, so that the
    # engine records the program's line as the resource's source position.
    if TYPE_CHECKING:

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
            *,
            image: pulumi.Input[EndpointImageArgs | EndpointImageArgsDict],
            products: pulumi.Input[Sequence[pulumi.Input[str]]],
            worker_config: pulumi.Input[EndpointWorkerConfigArgs | EndpointWorkerConfigArgsDict],
            policy: pulumi.Input[EndpointPolicyArgs | EndpointPolicyArgsDict],
            ports: pulumi.Input[Sequence[pulumi.Input[EndpointPortArgs | EndpointPortArgsDict]]],
            health_check: pulumi.Input[EndpointHealthCheckArgs | EndpointHealthCheckArgsDict],
            name: pulumi.Input[str] | None = None,
            app_name: pulumi.Input[str] | None = None,
            rootfs_size: pulumi.Input[int] | None = None,
            volume_mounts: pulumi.Input[
                Sequence[pulumi.Input[EndpointVolumeMountArgs | EndpointVolumeMountArgsDict]]
            ]
            | None = None,
            cluster_id: pulumi.Input[str] | None = None,
            envs: pulumi.Input[Sequence[pulumi.Input[EndpointEnvArgs | EndpointEnvArgsDict]]]
            | None = None,
            wait_for_ready: pulumi.Input[bool] | None = None,
            ready_timeout_seconds: pulumi.Input[int] | None = None,
            adopt_id: pulumi.Input[str] | None = None,
        ) -> None: ...

        def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None: ...

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        """The display name."""
        return pulumi.get(self, "name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="app_name")
    def app_name(self) -> pulumi.Output[str]:
        """The app name in the endpoint URL (the endpoint id unless set)."""
        return pulumi.get(self, "app_name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def image(self) -> pulumi.Output[EndpointImage]:
        """The container image the workers run."""
        return pulumi.get(self, "image")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def products(self) -> pulumi.Output[Sequence[str]]:
        """Serverless GPU product ids."""
        return pulumi.get(self, "products")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="worker_config")
    def worker_config(self) -> pulumi.Output[EndpointWorkerConfig]:
        """How many workers run, and how each serves requests."""
        return pulumi.get(self, "worker_config")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def policy(self) -> pulumi.Output[EndpointPolicy]:
        """Autoscaling policy."""
        return pulumi.get(self, "policy")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def ports(self) -> pulumi.Output[Sequence[EndpointPort]]:
        """The port the endpoint serves (exactly one)."""
        return pulumi.get(self, "ports")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="health_check")
    def health_check(self) -> pulumi.Output[EndpointHealthCheck]:
        """How Novita probes a worker's health."""
        return pulumi.get(self, "health_check")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="rootfs_size")
    def rootfs_size(self) -> pulumi.Output[int]:
        """Root filesystem in GB."""
        return pulumi.get(self, "rootfs_size")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="volume_mounts")
    def volume_mounts(self) -> pulumi.Output[Sequence[EndpointVolumeMount]]:
        """Volumes mounted into every worker (empty when none)."""
        return pulumi.get(self, "volume_mounts")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="cluster_id")
    def cluster_id(self) -> pulumi.Output[str | None]:
        """The cluster the workers run in; ``None`` when Novita chooses."""
        return pulumi.get(self, "cluster_id")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def envs(self) -> pulumi.Output[Sequence[EndpointEnv]]:
        """Environment variables of the workers (empty when none)."""
        return pulumi.get(self, "envs")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="wait_for_ready")
    def wait_for_ready(self) -> pulumi.Output[bool]:
        """Whether create and update wait until the endpoint serves."""
        return pulumi.get(self, "wait_for_ready")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="ready_timeout_seconds")
    def ready_timeout_seconds(self) -> pulumi.Output[int]:
        """How long create, update and delete wait for the endpoint, in seconds."""
        return pulumi.get(self, "ready_timeout_seconds")  # type: ignore[no-any-return]

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
        """Novita's explanation of the state (empty when all is well)."""
        return pulumi.get(self, "state_message")  # type: ignore[no-any-return]
