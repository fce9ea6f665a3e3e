"""The ``RegistryCredential`` resource: credentials Novita uses to pull a private image."""

from __future__ import annotations

import dataclasses
from typing import Any, overload

import pulumi

from ..dynamic.resource import NovitaResource, args_and_opts


@dataclasses.dataclass(kw_only=True)
class RegistryCredentialArgs:
    username: pulumi.Input[str]
    password: pulumi.Input[str]
    """Stored as a Pulumi secret in state, whether or not it was passed as one."""
    name: pulumi.Input[str] | None = None
    """Unique on the account; defaults to the resource name plus a random suffix. Prefer the
    default: any change replaces the credential, and an autonamed one can be replaced before
    the old one is deleted, so endpoints switch to it without an outage."""
    delete_timeout_seconds: pulumi.Input[int] | None = None
    """How long delete retries while an endpoint still uses the credential (default 300)."""
    adopt_id: pulumi.Input[str] | None = None
    """The id of an existing resource to bring under management instead of creating one."""


SECRET_INPUTS = ("password",)


class RegistryCredential(NovitaResource, name="RegistryCredential"):
    """A private-registry credential; pass its ``id`` as an endpoint's ``image.auth_id``."""

    @overload
    def __init__(
        self,
        resource_name: str,
        args: RegistryCredentialArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self, resource_name: str, opts: pulumi.ResourceOptions | None = None, **kwargs: Any
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        resource_args, opts = args_and_opts(RegistryCredentialArgs, args, kwargs)
        super().__init__(resource_name, resource_args, opts, secrets=SECRET_INPUTS)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        return pulumi.get(self, "name")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def username(self) -> pulumi.Output[str]:
        return pulumi.get(self, "username")  # type: ignore[no-any-return]

    @property
    @pulumi.getter
    def password(self) -> pulumi.Output[str]:
        """A secret."""
        return pulumi.get(self, "password")  # type: ignore[no-any-return]
