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
    """Credentials Novita uses to pull a private image."""

    name: Annotated[StrictStr, Field(min_length=1, max_length=255), Prop(replaces=True)]
    """Unique on the account."""
    username: Annotated[StrictStr, Field(min_length=1, max_length=511), Prop(replaces=True)]
    password: Annotated[
        StrictStr, Field(min_length=1, max_length=1024), Prop(replaces=True, secret=True)
    ]
    delete_timeout_seconds: Annotated[Int, Field(ge=1), Prop(local=True)] = (
        DEFAULT_IN_USE_TIMEOUT_SECONDS
    )
    adopt_id: Annotated[StrictStr | None, Prop(local=True)] = None
    """The id of an existing resource to bring under management instead of creating one
    (see :mod:`novita_provider.core.adoption`)."""
    """How long delete retries while an endpoint still uses the credential."""
