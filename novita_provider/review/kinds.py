"""Which of our resource kinds a Pulumi type token names.

Today's dynamic resources are ``pulumi-python:dynamic/novita:Endpoint``; a native provider will
use ``novita:index:Endpoint`` (or another module than ``index``). Both map to ``Endpoint``.
"""

from __future__ import annotations

from typing import Final, Literal

Kind = Literal[
    "Endpoint",
    "NetworkVolume",
    "RegistryCredential",
    "GpuInstance",
    "Template",
    "Network",
    "ImagePrewarm",
]
KINDS: Final[tuple[Kind, ...]] = (
    "Endpoint",
    "NetworkVolume",
    "RegistryCredential",
    "GpuInstance",
    "Template",
    "Network",
    "ImagePrewarm",
)
DYNAMIC_PREFIX: Final = "pulumi-python:dynamic/novita:"


def resource_kind(type_token: str) -> Kind | None:
    """Our kind for a type token, or None for anything else (other providers, the stack)."""
    if type_token.startswith(DYNAMIC_PREFIX):
        name = type_token.removeprefix(DYNAMIC_PREFIX)
    else:
        package, _, rest = type_token.partition(":")
        module, _, name = rest.partition(":")
        if package != "novita" or not module or not name:
            return None
    return next((kind for kind in KINDS if kind == name), None)


def short_type(type_token: str) -> str:
    """A readable type name: our kind, or the token's last part."""
    return resource_kind(type_token) or type_token.rsplit(":", 1)[-1]
