"""Section 2: the registry credential calls, registered into the API router."""

from __future__ import annotations

from typing import Any

from ..checks import expect_object, expect_str
from ..query import check_query
from ..router import Request, Router
from ..store import Store

NAME_MAX = 255
USERNAME_MAX = 511
PASSWORD_MAX = 1024


def register(router: Router, store: Store) -> None:
    """Add the three credential calls to `router`."""
    handlers = _CredentialHandlers(store)
    router.add("GET", "/repository/auths", handlers.list_credentials)
    router.add("POST", "/repository/auth/save", handlers.save)
    router.add("POST", "/repository/auth/delete", handlers.delete)


class _CredentialHandlers:
    def __init__(self, store: Store) -> None:
        self._store = store

    def list_credentials(self, request: Request) -> dict[str, Any]:
        check_query(request, ())
        return {"data": self._store.list_credentials()}

    def save(self, request: Request) -> dict[str, Any]:
        raw = expect_object(request.body, "", required=("name", "username", "password"))
        name = expect_str(raw["name"], "name", min_len=1, max_len=NAME_MAX)
        username = expect_str(raw["username"], "username", min_len=1, max_len=USERNAME_MAX)
        password = expect_str(raw["password"], "password", min_len=1, max_len=PASSWORD_MAX)
        self._store.save_credential(name, username, password)
        return {}

    def delete(self, request: Request) -> dict[str, Any]:
        raw = expect_object(request.body, "", required=("id",))
        self._store.delete_credential(expect_str(raw["id"], "id", min_len=1))
        return {}
