"""Check failures with property paths, from pydantic's errors and from a resource's rules."""

from __future__ import annotations

from collections.abc import Iterable
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
