"""Adoption: putting an existing resource under management instead of creating one.

Pulumi's ``import_`` option and ``pulumi import`` cannot work for dynamic resources (the
engine's Read for an import carries no ``__provider``), so every resource has a provider-local
input ``adopt_id``. On create, a resource with ``adopt_id`` reads the live resource by that id
and brings it to the declared configuration with at most one update call: it never creates and
never deletes. A field the API cannot change in place (a credential's password, an endpoint's
products) must already match, else adoption fails naming the fields (never their values).

``adopt_id`` only means something while the resource is not yet in the stack. For a replacement
the engine checks the inputs twice, with the old inputs and then without (for fresh autonames),
so the provider process remembers the ids the stack already tracks (the ids ``diff`` sees and
the ``adopt_id`` of a resource with old inputs) and never adopts one of them: a replacement
creates a new resource instead of adopting the old one again. ``adopt_id`` never reaches the
outputs (it would show as a change once removed from the program).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

ADOPT_ID = "adopt_id"

_tracked: set[tuple[str, str]] = set()
_lock = threading.Lock()


def remember_tracked(type_name: str, *ids: Any) -> None:
    """Note ids the stack already tracks for ``type_name`` (in this provider process)."""
    with _lock:
        _tracked.update((type_name, id_) for id_ in ids if isinstance(id_, str) and id_)


def is_tracked(type_name: str, id_: str) -> bool:
    with _lock:
        return (type_name, id_) in _tracked


def adopt_id_of(props: Mapping[str, Any]) -> str | None:
    value = props.get(ADOPT_ID)
    return value if isinstance(value, str) and value else None


def without_adopt_id(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in props.items() if key != ADOPT_ID}
