"""Property names on the wire: camelCase, as Pulumi schemas and SDKs spell them, mapped to the
snake_case field names of the resources' declarations.

One mapping for every resource, derived from its :class:`~novita_provider.core.fields.Spec`
(nested models included) and its computed outputs: nothing is listed field by field.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.alias_generators import to_camel


def camel(name: str) -> str:
    """``worker_config`` -> ``workerConfig``."""
    return to_camel(name)


def model_types(annotation: Any) -> Iterator[type[BaseModel]]:
    """The pydantic models inside a field's type (``list[X]``, ``X | None``, ``Annotated``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = get_origin(annotation)
    if origin is Annotated:
        yield from model_types(get_args(annotation)[0])
    elif origin in (list, Union, types.UnionType):
        for arg in get_args(annotation):
            yield from model_types(arg)


def field_names(model: type[BaseModel]) -> Iterator[str]:
    """Every field name of ``model`` and of the models nested in it."""
    for name, info in model.model_fields.items():
        yield name
        for nested in model_types(info.annotation):
            yield from field_names(nested)


class NameMap:
    """snake_case <-> camelCase for one resource's (or function's) property names. Keys it does
    not know pass through unchanged, so validation can still name them."""

    def __init__(self, names: Iterable[str]) -> None:
        self._to_camel = {name: camel(name) for name in names}
        self._to_snake = {wire: name for name, wire in self._to_camel.items()}

    @classmethod
    def of(cls, model: type[BaseModel], *extra: str) -> NameMap:
        return cls([*field_names(model), *extra])

    def to_snake(self, value: Any) -> Any:
        return _rename(value, self._to_snake)

    def to_camel(self, value: Any) -> Any:
        return _rename(value, self._to_camel)

    def path_to_camel(self, path: str) -> str:
        """A property path such as ``worker_config.min_num`` or ``ports[0].port``."""
        return re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: self._to_camel.get(m[0], m[0]), path)

    def key_to_snake(self, name: str) -> str:
        return self._to_snake.get(name, name)

    def key_to_camel(self, name: str) -> str:
        return self._to_camel.get(name, name)


def _rename(value: Any, names: Mapping[str, str]) -> Any:
    if isinstance(value, Mapping):
        return {names.get(key, key): _rename(item, names) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_rename(item, names) for item in value]
    return value
