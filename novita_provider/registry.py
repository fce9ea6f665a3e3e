"""Every resource type the providers serve: one line per resource."""

from __future__ import annotations

from typing import Any

from .core.kind import ResourceKind
from .endpoint.kind import EndpointKind
from .network_volume.kind import NetworkVolumeKind
from .registry_credential.kind import RegistryCredentialKind

RESOURCES: tuple[type[ResourceKind[Any]], ...] = (
    EndpointKind,
    RegistryCredentialKind,
    NetworkVolumeKind,
)


def kind_class(type_name: str) -> type[ResourceKind[Any]]:
    for kind in RESOURCES:
        if kind.type_name == type_name:
            return kind
    raise KeyError(f"no Novita resource type {type_name!r}")
