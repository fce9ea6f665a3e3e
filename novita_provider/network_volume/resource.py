"""The ``NetworkVolume`` resource: Novita network storage that endpoints mount."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, overload

import pulumi

from ..dynamic.resource import NovitaResource


@dataclasses.dataclass(kw_only=True)
class NetworkVolumeArgs:
    """The inputs of a :class:`NetworkVolume`."""

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
    """The id of an existing resource to bring under management instead of creating one (see
    the README's *Existing resources*)."""


COMPUTED_OUTPUTS = ("cluster_name", "price")


class NetworkVolume(
    NovitaResource, name="NetworkVolume", args=NetworkVolumeArgs, computed_outputs=COMPUTED_OUTPUTS
):
    """A network volume; mount it on an endpoint with ``type="network"`` and its ``id``, and set
    the endpoint's ``cluster_id`` to the volume's ``cluster_id``.

    Construct it with a :class:`NetworkVolumeArgs` (``NetworkVolume(name, args, opts)``) or
    with the same fields as keywords (``NetworkVolume(name, opts=..., cluster_id=..., ...)``).
    """

    # Typing only: at run time NovitaResource.__init__ serves every form, so that the
    # engine records the program's line as the resource's source position.
    if TYPE_CHECKING:

        @overload
        def __init__(
            self,
            resource_name: str,
            args: NetworkVolumeArgs,
            opts: pulumi.ResourceOptions | None = None,
        ) -> None: ...

        @overload
        def __init__(
            self,
            resource_name: str,
            opts: pulumi.ResourceOptions | None = None,
            *,
            cluster_id: pulumi.Input[str],
            size_gb: pulumi.Input[int],
            name: pulumi.Input[str] | None = None,
            delete_timeout_seconds: pulumi.Input[int] | None = None,
            adopt_id: pulumi.Input[str] | None = None,
        ) -> None: ...

        def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None: ...

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        """The volume's name, unique on the account."""
        return pulumi.get(self, "name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="cluster_id")
    def cluster_id(self) -> pulumi.Output[str]:
        """The cluster the volume lives in: endpoints mounting it must run there."""
        return pulumi.get(self, "cluster_id")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="size_gb")
    def size_gb(self) -> pulumi.Output[int]:
        """Size in GB."""
        return pulumi.get(self, "size_gb")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="delete_timeout_seconds")
    def delete_timeout_seconds(self) -> pulumi.Output[int]:
        """How long delete retries while the volume is still in use, in seconds."""
        return pulumi.get(self, "delete_timeout_seconds")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="cluster_name")
    def cluster_name(self) -> pulumi.Output[str]:
        """The cluster's display name, as the API reports it."""
        return pulumi.get(self, "cluster_name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def price(self) -> pulumi.Output[str]:
        """Novita's price for the volume, as the API reports it."""
        return pulumi.get(self, "price")  # type: ignore[no-any-return]
