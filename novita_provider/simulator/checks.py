"""Generic checks of decoded JSON values; every error names the field path."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from .errors import invalid

_DECIMAL = re.compile(r"-?[0-9]+")


def join(path: str, key: str | int) -> str:
    """The path of a child field: `a.b` for a key, `a[0]` for an index."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def present(obj: dict[str, Any], key: str) -> bool:
    """True when `key` is in `obj` with a non-null value (null counts as absent)."""
    return obj.get(key) is not None


def expect_object(
    value: Any, path: str, *, required: Collection[str] = (), optional: Collection[str] = ()
) -> dict[str, Any]:
    """A JSON object with no keys but `required` and `optional`, and every required key set."""
    if not isinstance(value, dict):
        raise invalid(f"{path or 'body'}: must be an object")
    for key in value:
        if key not in required and key not in optional:
            raise invalid(f"{join(path, key)}: unknown field")
    for key in required:
        if not present(value, key):
            raise invalid(f"{join(path, key)}: required")
    return value


def expect_list(
    value: Any, path: str, *, min_len: int = 0, max_len: int | None = None
) -> list[Any]:
    """A JSON array with a length in `[min_len, max_len]`."""
    if not isinstance(value, list):
        raise invalid(f"{path}: must be an array")
    if len(value) < min_len:
        raise invalid(f"{path}: must have at least {min_len} item(s)")
    if max_len is not None and len(value) > max_len:
        raise invalid(f"{path}: must have at most {max_len} item(s)")
    return value


def expect_str(value: Any, path: str, *, min_len: int = 0, max_len: int | None = None) -> str:
    """A JSON string with a length in `[min_len, max_len]`."""
    if not isinstance(value, str):
        raise invalid(f"{path}: must be a string")
    if len(value) < min_len or (max_len is not None and len(value) > max_len):
        if max_len is None:
            raise invalid(f"{path}: must be at least {min_len} characters")
        raise invalid(f"{path}: length must be between {min_len} and {max_len}")
    return value


def optional_str(obj: dict[str, Any], key: str, path: str, *, max_len: int | None = None) -> str:
    """`obj[key]` as a string of at most `max_len` chars; absent or null gives `""`."""
    if not present(obj, key):
        return ""
    return expect_str(obj[key], join(path, key), max_len=max_len)


def expect_int(value: Any, path: str, low: int, high: int, *, numeric_string: bool = False) -> int:
    """An integer in `[low, high]`; a JSON integer, or also a decimal string if allowed."""
    number = _as_int(value, numeric_string)
    if number is None:
        kind = "an integer or a numeric string" if numeric_string else "an integer"
        raise invalid(f"{path}: must be {kind}")
    if not low <= number <= high:
        raise invalid(f"{path}: must be between {low} and {high}")
    return number


def _as_int(value: Any, numeric_string: bool) -> int | None:
    """The integer a JSON value holds (never a bool or a fractional float), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str) and numeric_string and _DECIMAL.fullmatch(value):
        return int(value)
    return None
