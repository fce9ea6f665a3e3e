"""Check failures with property paths, from pydantic's errors and from a resource's rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError


@dataclass(frozen=True)
class Failure:
    """One invalid property: a path such as ``worker_config.max_num`` and a reason."""

    path: str
    reason: str


def format_loc(loc: Iterable[int | str]) -> str:
    """pydantic's error location as a property path: ``("ports", 0, "port")`` becomes
    ``ports[0].port``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def validate_model(model: type[BaseModel], data: Any, prefix: str = "") -> list[Failure]:
    """pydantic's errors for ``data`` as failures with property paths."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [_failure(prefix, error) for error in exc.errors()]
    return []


def _failure(prefix: str, error: Any) -> Failure:
    loc = format_loc(error["loc"])
    path = f"{prefix}.{loc}" if prefix and loc else (prefix or loc)
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        message = "unknown property"
    elif error["type"] == "missing":
        message = "required property is missing"
    return Failure(path, message)


def typed(adapter: TypeAdapter[Any], value: Any) -> Any:
    """``value`` validated by ``adapter``, or None when invalid (its own failure is reported by
    the model's validation; rules skip what they cannot read)."""
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


def engine_failure(
    failure: Failure, inputs: Mapping[str, Any], rename: Callable[[str], str] = str
) -> tuple[str, str]:
    """A failure as (property, reason) for the engine, whose message shows the input found
    under the property as a *top-level* key: a nested path would print ``value {<nil>}``. So a
    nested failure goes without a property, its path (``rename``d for the wire) leading the
    reason, followed by the value when it is a number or a boolean (a string may be a secret)."""
    path = rename(failure.path)
    if "." not in failure.path and "[" not in failure.path:
        return path, failure.reason
    value = value_at(inputs, failure.path)
    shown = isinstance(value, int | float) and "got " not in failure.reason
    return "", f"{path}: {failure.reason}" + (f" (got {value!r})" if shown else "")


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def value_at(data: Any, path: str) -> Any:
    """The value at a property path such as ``ports[0].port``, or None."""
    for name, index in _PATH_PART.findall(path):
        if index:
            position = int(index)
            data = data[position] if isinstance(data, list) and position < len(data) else None
        else:
            data = data.get(name) if isinstance(data, Mapping) else None
    return data
