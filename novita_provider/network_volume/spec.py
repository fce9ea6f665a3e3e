"""The NetworkVolume's inputs and computed outputs, declared once."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field, StrictStr

from ..core.fields import Prop, Spec
from ..core.in_use import DEFAULT_IN_USE_TIMEOUT_SECONDS
from ..core.numbers import coerce_whole

MIN_SIZE_GB = 10
Int = Annotated[int, BeforeValidator(coerce_whole), Field(strict=True)]


class NetworkVolumeSpec(Spec):
    """A network volume; mount it on an endpoint with ``type="network"`` and its ``id``, and set
    the endpoint's ``cluster_id`` to the volume's ``cluster_id``."""

    name: Annotated[StrictStr, Field(min_length=1, max_length=255)]
    """The volume's name, unique on the account; defaults to the resource name plus a random
    suffix."""
    # Volumes cannot move: a different cluster means a new volume.
    cluster_id: Annotated[StrictStr, Field(min_length=1), Prop(replaces=True)]
    """A cluster with network storage support (see ``get_clusters``); endpoints mounting the
    volume must run there too. Changing it replaces the network volume, and its data is lost."""
    # The shrink rule is checked against the old size (NetworkVolumeKind.rules).
    size_gb: Annotated[Int, Field(ge=MIN_SIZE_GB)]
    """Size in GB, at least 10. Growing updates in place; shrinking is rejected at preview."""
    delete_timeout_seconds: Annotated[Int, Field(ge=1), Prop(local=True)] = (
        DEFAULT_IN_USE_TIMEOUT_SECONDS
    )
    """How long delete retries while the volume is still in use, in seconds (default 300):
    Novita keeps a volume bound for a while after the endpoint that mounted it is deleted."""
    # See novita_provider.core.adoption.
    adopt_id: Annotated[StrictStr | None, Prop(local=True)] = None
    """The id of an existing resource to bring under management instead of creating one (see
    the README's *Existing resources*)."""


class NetworkVolumeOutputs(BaseModel):
    """What Novita reports about a network volume once it exists."""

    cluster_name: str
    """The cluster's display name, as the API reports it."""
    price: str
    """Novita's price for the volume, as the API reports it."""
