"""The ``NetworkVolume`` resource: Novita network storage that endpoints mount."""

from __future__ import annotations

import dataclasses
from typing import Any, overload

import pulumi

from ..dynamic.resource import NovitaResource, args_and_opts


@dataclasses.dataclass(kw_only=True)
class NetworkVolumeArgs:
    cluster_id: pulumi.Input[str]
    """A cluster with network storage support (see ``get_clusters``). Changing it replaces the
    volume (and endpoints mounting it must move to that cluster too)."""
    size_gb: pulumi.Input[int]
    """At least 10. Growing updates in place; shrinking is rejected at preview."""
    name: pulumi.Input[str] | None = None
    """Unique on the account; defaults to the resource name plus a random suffix."""
    delete_timeout_seconds: pulumi.Input[int] | None = None
    """How long delete retries while the volume is still in use (default 300): Novita keeps a
    volume bound for a while after the endpoint that mounted it is deleted."""
    adopt_id: pulumi.Input[str] | None = None
    """The id of an existing resource to bring under management instead of creating one."""


COMPUTED_OUTPUTS = ("cluster_name", "price")


class NetworkVolume(NovitaResource, name="NetworkVolume"):
    """A network volume; mount it on an endpoint with ``type="network"`` and its ``id``, and set
    the endpoint's ``cluster_id`` to the volume's ``cluster_id``."""

    @overload
    def __init__(
        self,
        resource_name: str,
        args: NetworkVolumeArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self, resource_name: str, opts: pulumi.ResourceOptions | None = None, **kwargs: Any
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        resource_args, opts = args_and_opts(NetworkVolumeArgs, args, kwargs)
        super().__init__(resource_name, resource_args, opts, computed_outputs=COMPUTED_OUTPUTS)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        return pulumi.get(self, "name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="cluster_id")
    def cluster_id(self) -> pulumi.Output[str]:
        return pulumi.get(self, "cluster_id")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="size_gb")
    def size_gb(self) -> pulumi.Output[int]:
        return pulumi.get(self, "size_gb")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="cluster_name")
    def cluster_name(self) -> pulumi.Output[str]:
        return pulumi.get(self, "cluster_name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def price(self) -> pulumi.Output[str]:
        """Novita's price for the volume, as the API reports it."""
        return pulumi.get(self, "price")  # type: ignore[no-any-return]
