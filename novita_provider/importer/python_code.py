"""Rendering Python literals and expressions for generated programs."""

from __future__ import annotations

import keyword
import re
from typing import Any


class Expr(str):
    """Python source to emit as is (a reference such as ``volume_data.id``), not as a literal."""


def literal(value: Any, indent: int = 0) -> str:
    """``value`` as Python source: dicts and lists over several lines when long."""
    if isinstance(value, Expr):
        return str(value)
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(value, dict):
        items = [f"{key!r}: {literal(item, indent + 4)}" for key, item in value.items()]
        return _group("{", "}", items, pad, inner)
    if isinstance(value, list):
        return _group("[", "]", [literal(item, indent + 4) for item in value], pad, inner)
    return repr(value)


def _group(opening: str, closing: str, items: list[str], pad: str, inner: str) -> str:
    one_line = f"{opening}{', '.join(items)}{closing}"
    if len(one_line) + len(pad) <= 80 and "\n" not in one_line:
        return one_line
    body = "".join(f"{inner}{item},\n" for item in items)
    return f"{opening}\n{body}{pad}{closing}"


def identifier(text: str, taken: set[str]) -> str:
    """A readable Python variable name from ``text``, distinct from every name in ``taken``
    (which it joins)."""
    base = re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower() or "resource"
    if base[0].isdigit() or keyword.iskeyword(base) or base in {"pulumi", "config"}:
        base = f"r_{base}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def unique(text: str, taken: set[str]) -> str:
    """``text``, or ``text-2``, ``text-3``... so that it is distinct within ``taken``."""
    name, n = text, 2
    while name in taken:
        name, n = f"{text}-{n}", n + 1
    taken.add(name)
    return name
