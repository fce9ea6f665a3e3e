"""The creates an interrupted ``pulumi up`` left pending, read from ``pulumi stack export``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TYPE_PREFIX = "pulumi-python:dynamic/novita:"


@dataclass(frozen=True)
class PendingCreate:
    type_name: str
    """``Endpoint``, ``RegistryCredential`` or ``NetworkVolume``."""
    urn: str
    inputs: dict[str, Any]
    """The checked inputs (secret values stay encrypted: only names and images are used)."""

    @property
    def name(self) -> str | None:
        value = self.inputs.get("name")
        return value if isinstance(value, str) else None

    @property
    def autonamed(self) -> bool:
        """Whether the name is this resource's autoname (its Pulumi name plus a random suffix):
        then no other stack can hold a resource of that name."""
        resource_name = self.urn.rsplit("::", 1)[-1]
        return self.name is not None and bool(
            re.fullmatch(re.escape(resource_name) + r"-[0-9a-f]{7}", self.name)
        )


def pending_creates(export: dict[str, Any]) -> list[PendingCreate]:
    """Our resources' pending creates in a stack export."""
    deployment = export.get("deployment") or {}
    found = []
    for operation in deployment.get("pending_operations") or []:
        resource = operation.get("resource") or {}
        type_token = resource.get("type", "")
        if operation.get("type") == "creating" and type_token.startswith(TYPE_PREFIX):
            found.append(
                PendingCreate(
                    type_token.removeprefix(TYPE_PREFIX),
                    resource.get("urn", ""),
                    dict(resource.get("inputs") or {}),
                )
            )
    return found


def tracked_ids(export: dict[str, Any]) -> set[str]:
    """The ids of the resources the stack holds."""
    deployment = export.get("deployment") or {}
    return {r["id"] for r in deployment.get("resources") or [] if r.get("id")}
