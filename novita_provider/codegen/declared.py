"""A resource's declaration as the code generators read it: each field's type reduced to a
:class:`Shape` (scalar, enum, object, list, map), its description (the attribute docstring),
whether a program must give it, the nested objects met and the enumerations named."""

from __future__ import annotations

import dataclasses
import textwrap
import types
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..core.fields import Spec
from ..core.kind import ResourceKind
from ..native.docstrings import attribute_docstrings


@dataclasses.dataclass(frozen=True)
class Shape:
    """A declared type, reduced to what the program side can express."""

    kind: Literal["scalar", "enum", "object", "list", "map", "any"]
    scalar: str = ""
    values: tuple[Any, ...] = ()
    model: type[BaseModel] | None = None
    item: Shape | None = None
    optional: bool = False


def shape_of(annotation: Any, where: str) -> Shape:
    origin = get_origin(annotation)
    if origin is Annotated:
        return shape_of(get_args(annotation)[0], where)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) != 1:
            raise TypeError(f"{where}: unions other than X | None cannot be generated")
        return dataclasses.replace(shape_of(options[0], where), optional=True)
    if origin is list:
        (item,) = get_args(annotation)
        return Shape("list", item=shape_of(item, where))
    if origin is dict:
        key, value = get_args(annotation)
        if key is not str:
            raise TypeError(f"{where}: only dicts with str keys can be generated")
        return Shape("map", item=shape_of(value, where))
    if origin is Literal:
        return Shape("enum", values=get_args(annotation))
    if annotation is Any:
        return Shape("any")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("object", model=annotation)
    for python_type in (bool, int, float, str):
        if annotation is python_type:
            return Shape("scalar", scalar=python_type.__name__)
    raise TypeError(f"{where}: no program-side type for {annotation!r}")


def _models_in(shape: Shape) -> Iterator[type[BaseModel]]:
    if shape.model is not None:
        yield shape.model
    if shape.item is not None:
        yield from _models_in(shape.item)


def _enum_in(shape: Shape) -> Shape | None:
    if shape.kind == "enum":
        return shape
    return None if shape.item is None else _enum_in(shape.item)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pascal(name: str) -> str:
    return "".join(_upper_first(part) for part in name.split("_"))


@dataclasses.dataclass(frozen=True)
class Field:
    """One declared field, as the generated code needs it."""

    name: str
    shape: Shape
    description: str
    required: bool
    """Required in the program's constructor."""
    default: Any
    """A plain default (a number, text or bool) the nested ``*Args`` can carry, else None."""
    enum: str | None
    """The ``Literal`` alias naming its enumeration."""


def _plain_default(info: FieldInfo) -> Any:
    if info.is_required() or info.default_factory is not None:
        return None
    default = info.default
    return default if isinstance(default, bool | int | float | str) else None


class Resource:
    """What the generated modules of one resource kind are made of."""

    def __init__(self, kind: type[ResourceKind[Any]]) -> None:
        self.kind = kind
        self.name = kind.type_name
        self.spec: type[Spec] = kind.spec
        self.package = kind.__module__.rsplit(".", 1)[0]
        self.models: list[type[BaseModel]] = []
        self.enums: dict[str, tuple[tuple[Any, ...], str]] = {}
        self.inputs = self.fields(self.spec, self.name, top=True)
        order = list(self.spec.model_fields)
        self.declared = sorted(self.inputs, key=lambda field: order.index(field.name))
        """The inputs in declaration order (the getters' order)."""
        outputs = kind.output_spec
        self.outputs = [] if outputs is None else self.fields(outputs, self.name, top=True)
        if outputs is None and kind.computed_outputs:
            raise TypeError(f"{kind.__name__}: declare output_spec to generate its outputs")
        self.nested = {model: self.fields(model, self.short(model)) for model in self.models}
        self.secrets = self.spec.names(secret=True)

    def short(self, model: type[BaseModel]) -> str:
        return model.__name__.removesuffix("Spec")

    def type_name(self, model: type[BaseModel]) -> str:
        return f"{self.name}{self.short(model)}"

    def fields(self, model: type[BaseModel], owner: str, top: bool = False) -> list[Field]:
        docs = attribute_docstrings(model)
        found = []
        for name, info in model.model_fields.items():
            where = f"{model.__name__}.{name}"
            if name not in docs:
                raise ValueError(f"{where}: no description (an attribute docstring under it)")
            shape = shape_of(info.annotation, where)
            for nested in _models_in(shape):
                if nested not in self.models:
                    self.models.append(nested)
                    self.fields(nested, self.short(nested))  # nested models' own models
            enum = _enum_in(shape)
            alias = None
            if enum is not None:
                alias = f"{owner}{_pascal(name)}"
                known = self.enums.setdefault(alias, (enum.values, docs[name]))
                if known[0] != enum.values:
                    raise TypeError(f"{where}: {alias} already names other values")
            autonamed = top and self.kind.autonamed and name == "name"
            required = info.is_required() and not autonamed
            found.append(Field(name, shape, docs[name], required, _plain_default(info), alias))
        # The constructor lists the required fields first (in declaration order), then the rest.
        return [f for f in found if f.required] + [f for f in found if not f.required]

    def described(self, model: type[BaseModel]) -> str:
        doc = model.__doc__
        if not doc or doc is BaseModel.__doc__ or doc is Spec.__doc__:
            raise ValueError(f"{model.__name__}: no class docstring (its description)")
        return textwrap.dedent(doc).strip()
