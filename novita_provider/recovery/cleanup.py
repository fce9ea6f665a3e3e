"""Remove what interrupted creates made: each pending create's resource, found by the name
recorded in the pending operation, unless the stack tracks it, the name is ambiguous, or the
name is one the user chose (another stack may hold a resource of that name: only an autoname,
with its random suffix, says the resource is this create's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..api.client import NovitaClient
from ..registry import kind_class
from .pending import PendingCreate


@dataclass(frozen=True)
class Outcome:
    pending: PendingCreate
    deleted: tuple[str, ...] = ()
    note: str = ""

    def describe(self) -> str:
        what = f"{self.pending.type_name} {self.pending.name or self.pending.urn}"
        if self.deleted:
            return f"{what}: deleted {', '.join(self.deleted)} (the next `pulumi up` recreates it)"
        return f"{what}: {self.note}"


def live_ids(client: NovitaClient, pending: PendingCreate) -> list[str]:
    """The live resources the pending create may have made: same type and exact name (and,
    for endpoints, whose names are not unique, the same image and products)."""
    name = pending.name
    if name is None:
        return []
    if pending.type_name == "Endpoint":
        image = (pending.inputs.get("image") or {}).get("image")
        products = pending.inputs.get("products")
        return [
            e.id
            for e in client.list_endpoints()
            if e.name == name
            and (image is None or e.image.image == image)
            and (not isinstance(products, list) or [p.id for p in e.products] == products)
            and e.state.state != "terminating"
        ]
    if pending.type_name == "RegistryCredential":
        auth = client.find_registry_auth(name=name)
        return [auth.id] if auth else []
    if pending.type_name == "NetworkVolume":
        storage = client.find_network_storage(name=name)
        return [storage.storage_id] if storage else []
    return []


def remove_pending(
    client: NovitaClient, pending: PendingCreate, tracked: set[str], *, dry_run: bool = False
) -> Outcome:
    ids = [id_ for id_ in live_ids(client, pending) if id_ not in tracked]
    if not ids:
        return Outcome(pending, note="nothing was created")
    if not pending.autonamed:
        return Outcome(
            pending,
            note=f"{', '.join(ids)} has the name you chose, so it may be another stack's; "
            "left alone: delete it by hand if this run made it",
        )
    if len(ids) > 1:
        return Outcome(
            pending, note=f"{len(ids)} match ({', '.join(ids)}); left alone, check them by hand"
        )
    if dry_run:
        return Outcome(pending, note=f"would delete {ids[0]}")
    provider_client: Callable[[], NovitaClient] = lambda: client  # noqa: E731
    kind_class(pending.type_name)(provider_client).delete(ids[0], pending.inputs)
    return Outcome(pending, deleted=(ids[0],))
