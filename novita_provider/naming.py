"""Pulumi-style autonaming: the resource name plus a random suffix, stable across updates.

The dynamic provider's ``check`` does not learn the resource's URN, so each resource passes its
Pulumi resource name as the ``autoname_prefix`` input.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

AUTONAME_PREFIX = "autoname_prefix"


def autoname(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)[:7]}"


def resolve_name(olds: Mapping[str, Any], news: Mapping[str, Any], *, fresh: bool = False) -> Any:
    """The name the resource should have: the user's, else the previous autoname, else a new one.

    ``fresh`` asks for a new autoname even when an old one exists: for a change that will
    replace the resource, so that the replacement can be created before the old one is deleted
    where names must be unique.
    """
    name = news.get("name")
    prefix = news.get(AUTONAME_PREFIX)
    if name is not None or not isinstance(prefix, str):
        return name
    previous = olds.get("name")
    if not fresh and isinstance(previous, str) and previous.startswith(prefix + "-"):
        return previous
    return autoname(prefix)


def named_inputs(
    olds: Mapping[str, Any], news: Mapping[str, Any], *, fresh: bool = False
) -> dict[str, Any]:
    """``news`` with the name resolved and the autoname prefix dropped: it is only a hint to
    ``check`` and would otherwise show in every diff and sit in the state."""
    inputs = {**news, "name": resolve_name(olds, news, fresh=fresh)}
    inputs.pop(AUTONAME_PREFIX, None)
    return inputs
