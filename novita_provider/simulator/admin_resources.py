"""Admin calls for section 2 and 3 state: read every credential and storage, edit them as if
in the console (registered under `/_sim` by `admin.register`)."""

from __future__ import annotations

from typing import Any

from .errors import invalid
from .router import Request, Router
from .store import Store


def register(router: Router, store: Store) -> None:
    """Add the credential and storage admin calls to `router` (paths relative to `/_sim`)."""
    handlers = _ResourceHandlers(store)
    router.add("GET", "/registry-auths", handlers.credentials)
    router.add("POST", "/registry-auths/{id}/edit", handlers.edit_credential)
    router.add("GET", "/network-storages", handlers.storages)
    router.add("POST", "/network-storages/{id}/edit", handlers.edit_storage)


class _ResourceHandlers:
    def __init__(self, store: Store) -> None:
        self._store = store

    def credentials(self, request: Request) -> dict[str, Any]:
        return {"registryAuths": self._store.all_credentials()}

    def edit_credential(self, request: Request) -> dict[str, Any]:
        self._store.edit_credential(request.params["id"], _object(request.body))
        return {}

    def storages(self, request: Request) -> dict[str, Any]:
        return {"networkStorages": self._store.all_storages()}

    def edit_storage(self, request: Request) -> dict[str, Any]:
        self._store.edit_storage(request.params["id"], _object(request.body))
        return {}


def _object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise invalid("body: must be an object")
    return body
