"""Pulumi-style autonaming: the resource name plus a random suffix, stable across updates.

The dynamic provider's ``check`` does not learn the resource's URN, so each resource passes its
Pulumi resource name as the ``autoname_prefix`` input (dropped by ``check``: it is only a hint
and would otherwise show in every diff and sit in the state).
"""

from __future__ import annotations

import secrets
from typing import Any

AUTONAME_PREFIX = "autoname_prefix"


def autoname(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)[:7]}"


def resolve_name(previous: Any, name: Any, prefix: str | None, *, fresh: bool = False) -> Any:
    """The name the resource should have: the user's, else the previous autoname, else a new
    one. ``fresh`` asks for a new autoname even when an old one exists (for a replacement)."""
    if name is not None or prefix is None:
        return name
    if not fresh and isinstance(previous, str) and previous.startswith(prefix + "-"):
        return previous
    return autoname(prefix)
