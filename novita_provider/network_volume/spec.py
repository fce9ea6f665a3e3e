"""The NetworkVolume's inputs, declared once."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, StrictStr

from ..core.fields import Prop, Spec
from ..core.in_use import DEFAULT_IN_USE_TIMEOUT_SECONDS
from ..core.numbers import coerce_whole

MIN_SIZE_GB = 10
Int = Annotated[int, BeforeValidator(coerce_whole), Field(strict=True)]


class NetworkVolumeSpec(Spec):
    """A network volume: where it lives, how big it is, what it is called."""

    name: Annotated[StrictStr, Field(min_length=1, max_length=255)]
    """Unique on the account."""
    cluster_id: Annotated[StrictStr, Field(min_length=1), Prop(replaces=True)]
    """Volumes cannot move: a different cluster means a new volume (and its data is lost)."""
    size_gb: Annotated[Int, Field(ge=MIN_SIZE_GB)]
    """Grows in place; never shrinks (a rule, checked against the old size)."""
    delete_timeout_seconds: Annotated[Int, Field(ge=1), Prop(local=True)] = (
        DEFAULT_IN_USE_TIMEOUT_SECONDS
    )
    adopt_id: Annotated[StrictStr | None, Prop(local=True)] = None
    """The id of an existing resource to bring under management instead of creating one
    (see :mod:`novita_provider.core.adoption`)."""
    """How long delete retries while Novita still reports the volume in use."""
