"""Values Pulumi does not know yet during preview (outputs of resources not created yet)."""

from __future__ import annotations

from typing import Any

from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN


def is_unknown(value: Any) -> bool:
    return isinstance(value, Unknown) or (isinstance(value, str) and value == UNKNOWN)


def contains_unknown(value: Any) -> bool:
    if is_unknown(value):
        return True
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(v) for v in value)
    return False


def strip_unknowns(value: Any, path: str = "") -> tuple[Any, set[str]]:
    """Drop unknown values (dict keys disappear, list items become None) and list their paths."""
    unknown: set[str] = set()
    if isinstance(value, dict):
        known: dict[str, Any] = {}
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if is_unknown(item):
                unknown.add(child)
                continue
            known[key], inner = strip_unknowns(item, child)
            unknown |= inner
        return known, unknown
    if isinstance(value, list | tuple):
        items: list[Any] = []
        for index, item in enumerate(value):
            child = f"{path}[{index}]"
            if is_unknown(item):
                unknown.add(child)
                items.append(None)
                continue
            stripped, inner = strip_unknowns(item, child)
            items.append(stripped)
            unknown |= inner
        return items, unknown
    return value, unknown


def under_unknown(path: str, unknown_paths: set[str]) -> bool:
    """True when ``path`` is an unknown value, inside one, or a container holding one."""
    for unknown in unknown_paths:
        if path == unknown or path.startswith((unknown + ".", unknown + "[")):
            return True
        if unknown.startswith((path + ".", path + "[")):
            return True
    return False
