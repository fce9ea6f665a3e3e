"""The ``RegistryCredential`` resource: credentials Novita uses to pull a private image."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, overload

import pulumi

from ..dynamic.resource import NovitaResource


@dataclasses.dataclass(kw_only=True)
class RegistryCredentialArgs:
    """The inputs of a :class:`RegistryCredential`."""

    username: pulumi.Input[str]
    """The registry user name."""
    password: pulumi.Input[str]
    """Stored as a Pulumi secret in state, whether or not it was passed as one."""
    name: pulumi.Input[str] | None = None
    """Unique on the account; defaults to the resource name plus a random suffix. Prefer the
    default: any change replaces the credential, and an autonamed one can be replaced before
    the old one is deleted, so endpoints switch to it without an outage."""
    delete_timeout_seconds: pulumi.Input[int] | None = None
    """How long delete retries while an endpoint still uses the credential (default 300)."""
    adopt_id: pulumi.Input[str] | None = None
    """The id of an existing resource to bring under management instead of creating one (see
    the README's *Existing resources*)."""


SECRET_INPUTS = ("password",)


class RegistryCredential(
    NovitaResource, name="RegistryCredential", args=RegistryCredentialArgs, secrets=SECRET_INPUTS
):
    """A private-registry credential; pass its ``id`` as an endpoint's ``image.auth_id``.

    Construct it with a :class:`RegistryCredentialArgs` (``RegistryCredential(name, args,
    opts)``) or with the same fields as keywords (``RegistryCredential(name, opts=...,
    username=..., password=...)``).
    """

    # Typing only: at run time NovitaResource.__init__ serves every form, so that the
    # engine records the program's line as the resource's source position.
    if TYPE_CHECKING:

        @overload
        def __init__(
            self,
            resource_name: str,
            args: RegistryCredentialArgs,
            opts: pulumi.ResourceOptions | None = None,
        ) -> None: ...

        @overload
        def __init__(
            self,
            resource_name: str,
            opts: pulumi.ResourceOptions | None = None,
            *,
            username: pulumi.Input[str],
            password: pulumi.Input[str],
            name: pulumi.Input[str] | None = None,
            delete_timeout_seconds: pulumi.Input[int] | None = None,
            adopt_id: pulumi.Input[str] | None = None,
        ) -> None: ...

        def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None: ...

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        """The credential's name, unique on the account."""
        return pulumi.get(self, "name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def username(self) -> pulumi.Output[str]:
        """The registry user name."""
        return pulumi.get(self, "username")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def password(self) -> pulumi.Output[str]:
        """The registry password: a secret."""
        return pulumi.get(self, "password")  # type: ignore[no-any-return]

    @property
    @pulumi.getter(name="delete_timeout_seconds")
    def delete_timeout_seconds(self) -> pulumi.Output[int]:
        """How long delete retries while an endpoint still uses the credential, in seconds."""
        return pulumi.get(self, "delete_timeout_seconds")  # type: ignore[no-any-return]
