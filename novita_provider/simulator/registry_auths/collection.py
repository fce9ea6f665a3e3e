"""Registry credentials (section 2): records and their collection, kept inside the Store lock."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import IMAGE_AUTH_IN_USE, RESOURCE_NOT_FOUND, business, invalid

EDITABLE = ("username", "password")


@dataclass
class Credential:
    """One credential; its JSON form is also the `GET /repository/auths` item."""

    id: str
    name: str
    username: str
    password: str

    def to_json(self) -> dict[str, str]:
        """`{id, name, username, password}` (the password in clear, as the API answers)."""
        return asdict(self)


class Credentials:
    """Credentials by id, in creation order. Not thread-safe: the Store holds its lock."""

    def __init__(self) -> None:
        self._items: dict[str, Credential] = {}

    def __contains__(self, credential_id: object) -> bool:
        return credential_id in self._items

    def listed(self) -> list[dict[str, str]]:
        """Every credential in creation order."""
        return [item.to_json() for item in self._items.values()]

    def add(self, name: str, username: str, password: str) -> str:
        """Store a credential; its name must be unused. Returns the new id."""
        if any(item.name == name for item in self._items.values()):
            raise invalid(f"name: a registry credential named {name!r} already exists")
        while (credential_id := "ra-" + secrets.token_hex(5)) in self._items:
            pass
        self._items[credential_id] = Credential(credential_id, name, username, password)
        return credential_id

    def remove(self, credential_id: str, users: Iterable[str]) -> None:
        """Delete a credential that no endpoint (`users`: their ids) references."""
        self._get(credential_id)
        in_use = sorted(users)
        if in_use:
            raise business(
                IMAGE_AUTH_IN_USE,
                f"id: registry credential {credential_id!r} is used by endpoint(s) "
                + ", ".join(in_use),
            )
        del self._items[credential_id]

    def edit(self, credential_id: str, patch: Mapping[str, Any]) -> None:
        """Change `username` and/or `password` (a console edit); values must be strings."""
        for key, value in patch.items():
            if key not in EDITABLE:
                raise invalid(f"{key}: not an editable credential field")
            if not isinstance(value, str):
                raise invalid(f"{key}: must be a string")
        item = self._get(credential_id)
        for key, value in patch.items():
            setattr(item, key, value)

    def clear(self) -> None:
        """Forget every credential."""
        self._items.clear()

    def to_json(self) -> list[dict[str, str]]:
        """The state-file form."""
        return self.listed()

    def load(self, saved: Iterable[Mapping[str, Any]]) -> None:
        """Add the credentials of a state file (the form of `to_json`)."""
        for data in saved:
            item = Credential(**data)
            self._items[item.id] = item

    def _get(self, credential_id: str) -> Credential:
        item = self._items.get(credential_id)
        if item is None:
            raise business(
                RESOURCE_NOT_FOUND, f"id: registry credential {credential_id!r} not found"
            )
        return item
