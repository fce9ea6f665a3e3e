"""Property values as the JSON shows them: secrets, unknowns, nesting, and their display."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

# The engine's marker key for a secret value (``{SECRET_SIG: SECRET_VALUE_SIG, "value": ...}``)
# and the string it prints for a value only known after apply.
SECRET_SIG: Final = "4dabf18193072939515e22adb298388d"
SECRET_VALUE_SIG: Final = "1b47061264138c4ac30d75fd1eb44270"
UNKNOWN_SENTINEL: Final = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
SECRET_TEXT: Final = "[secret]"
UNKNOWN_TEXT: Final = "(known after apply)"
ABSENT_TEXT: Final = "(none)"
INTERNAL_INPUTS: Final = frozenset({"__provider"})

Path = tuple[str | int, ...]


class Absent:
    """A value missing on one side of a change (added or removed)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Final = Absent()


def is_secret(value: object) -> bool:
    """Whether the JSON shows this value as a secret (a marker object or ``"[secret]"``)."""
    if value == SECRET_TEXT:
        return True
    return isinstance(value, dict) and value.get(SECRET_SIG) == SECRET_VALUE_SIG


def is_unknown(value: object) -> bool:
    return value == UNKNOWN_SENTINEL


def is_opaque(value: object) -> bool:
    """Values not to look into: secrets and unknowns."""
    return is_secret(value) or is_unknown(value)


def format_path(path: Path) -> str:
    """``("worker_config", "max_num")`` -> ``worker_config.max_num``; indexes as ``[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            text += f".{part}" if text else part
        else:
            text += f"[{json.dumps(part)}]"
    return text


def parse_path(text: str) -> Path:
    """The inverse of :func:`format_path` for Pulumi property paths (``a.b[0]["c.d"]``)."""
    parts: list[str | int] = []
    for match in re.finditer(r'\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.\[\]]+)', text):
        index, quoted, name = match.groups()
        if index is not None:
            parts.append(int(index))
        elif quoted is not None:
            parts.append(json.loads(f'"{quoted}"'))
        else:
            parts.append(name)
    return tuple(parts)


def lookup(value: object, path: Path) -> object:
    """The value at ``path``, ABSENT if missing; a secret or unknown on the way is returned."""
    for part in path:
        if is_opaque(value):
            return value
        in_list = isinstance(part, int) and isinstance(value, list) and 0 <= part < len(value)
        in_dict = isinstance(part, str) and isinstance(value, dict) and part in value
        if in_list or in_dict:
            value = value[part]  # type: ignore[index]
        else:
            return ABSENT
    return value


def without_internal(inputs: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (inputs or {}).items() if k not in INTERNAL_INPUTS}


def leaves(value: object, path: Path = ()) -> Iterator[tuple[Path, object]]:
    """Every leaf of a nested value with its path (secrets and unknowns are leaves)."""
    if isinstance(value, dict) and not is_secret(value) and value:
        for key in sorted(value):
            yield from leaves(value[key], (*path, key))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path, value


def display(value: object) -> str:
    """A value for Markdown: inline code, secrets masked, unknowns and absences in words."""
    if isinstance(value, Absent):
        return ABSENT_TEXT
    if is_secret(value):
        return f"`{SECRET_TEXT}`"
    if is_unknown(value):
        return UNKNOWN_TEXT
    text = value if isinstance(value, str) else json.dumps(mask(value), sort_keys=True)
    # One line of inline code whatever the value holds.
    text = text.replace("`", "'").replace("\r", "\\r").replace("\n", "\\n")
    return f"`{text}`" if text else '`""`'


def mask(value: object) -> object:
    """A copy with every secret replaced by ``[secret]`` and unknowns spelled out."""
    if is_secret(value):
        return SECRET_TEXT
    if is_unknown(value):
        return UNKNOWN_TEXT
    if isinstance(value, dict):
        return {k: mask(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v) for v in value]
    return value
