"""Whole numbers as they arrive from Pulumi (``3.0``) and from the API (``"300"``)."""

from __future__ import annotations

from typing import Any


def whole_number(value: Any, *, allow_text: bool = False) -> int | None:
    """``value`` as an int if it is one: ``3`` and ``3.0`` (Pulumi sends integers as floats),
    and with ``allow_text`` also ``"3"`` (the API sends 64-bit integers as strings). Booleans,
    fractions and anything else are None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if allow_text and isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit():
            return int(text)
    return None


def coerce_whole(value: Any) -> Any:
    """For a pydantic ``BeforeValidator``: a whole number from user input becomes an int, the
    rest is left for the field's own validation to reject."""
    number = whole_number(value)
    return value if number is None else number


def coerce_wire_int(value: Any) -> Any:
    """Like :func:`coerce_whole`, but also accepting the API's integers as strings."""
    number = whole_number(value, allow_text=True)
    return value if number is None else number


def timeout_seconds(value: Any, default: float) -> float:
    """A timeout input (``ready_timeout_seconds``, ``delete_timeout_seconds``): a positive
    number of seconds, else ``default`` (check has already rejected anything else; stored
    states from older releases may hold None)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return float(default)
    return float(value)
