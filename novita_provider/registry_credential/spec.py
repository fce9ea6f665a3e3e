"""The RegistryCredential's inputs, declared once. Novita has no update call for
credentials: every field but the provider-local timeout replaces."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, StrictStr

from ..core.fields import Prop, Spec
from ..core.in_use import DEFAULT_IN_USE_TIMEOUT_SECONDS
from ..core.numbers import coerce_whole

Int = Annotated[int, BeforeValidator(coerce_whole), Field(strict=True)]


class RegistryCredentialSpec(Spec):
    """A private-registry credential; pass its ``id`` as an endpoint's ``image.auth_id``."""

    # Novita has no update call for credentials: every field but the provider-local ones
    # replaces.
    name: Annotated[StrictStr, Field(min_length=1, max_length=255), Prop(replaces=True)]
    """The credential's name, unique on the account; defaults to the resource name plus a random
    suffix. Prefer the default: an autonamed credential can be replaced before the old one is
    deleted, so endpoints switch to it without an outage. Changing it replaces the registry
    credential."""
    username: Annotated[StrictStr, Field(min_length=1, max_length=511), Prop(replaces=True)]
    """The registry user name. Changing it replaces the registry credential."""
    password: Annotated[
        StrictStr, Field(min_length=1, max_length=1024), Prop(replaces=True, secret=True)
    ]
    """The registry password, stored as a Pulumi secret in state whether or not it was passed as
    one. Changing it replaces the registry credential."""
    delete_timeout_seconds: Annotated[Int, Field(ge=1), Prop(local=True)] = (
        DEFAULT_IN_USE_TIMEOUT_SECONDS
    )
    """How long delete retries while an endpoint still uses the credential, in seconds (default
    300)."""
    # See novita_provider.core.adoption.
    adopt_id: Annotated[StrictStr | None, Prop(local=True)] = None
    """The id of an existing resource to bring under management instead of creating one (see
    the README's *Existing resources*)."""
