"""The state contract: what a stack's state stores of this package. Never move or rename.

Every dynamic resource stores its provider pickled (dill) in its ``__provider`` input and output.
Since 0.2.0 that pickle is a call of :func:`provider` with the resource's type name
(``novita_provider.state_contract.provider('Endpoint')``), so it no longer depends on where
the implementation lives. Stacks written by 0.1.0 name the provider classes themselves:
``novita_provider.endpoint_provider.EndpointProvider``,
``novita_provider.network_volume_provider.NetworkVolumeProvider`` and
``novita_provider.registry_credential_provider.RegistryCredentialProvider``; those three
modules are kept, as small aliases, for good. ``tests/golden_state`` holds states written by
each release and proves that they still load, refresh and destroy.

This module must stay light: resource classes import it in the user's program, which should
not pay for the implementation (pydantic, httpx) it never runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pulumi.dynamic import ResourceProvider

if TYPE_CHECKING:
    from .dynamic.provider import DynamicProvider


def provider(type_name: str) -> DynamicProvider:
    """The provider for a resource type: what every pickled ``__provider`` calls."""
    from .dynamic.provider import DynamicProvider

    return DynamicProvider(type_name)


class ProviderRef(ResourceProvider):
    """What a resource hands to ``pulumi.dynamic.Resource`` in the program: it pickles as a
    call of :func:`provider`, and carries nothing else (no key, no settings, no secret: so it
    is stored in plain text, which also spares the engine encrypting it for every resource)."""

    serialize_as_secret_always = False

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return provider, (self.type_name,)


def legacy_provider_class(type_name: str) -> type[DynamicProvider]:
    """The class a 0.1.0 pickle names: unpickling makes an instance without calling
    ``__init__``, so the type name is a class attribute."""
    from .dynamic.provider import DynamicProvider

    return type(f"{type_name}Provider", (DynamicProvider,), {"type_name": type_name})
