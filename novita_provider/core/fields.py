"""Field declarations: each resource declares its inputs once, as a pydantic model.

A field's type, validation and default are pydantic's; what Pulumi needs besides is declared
with a :class:`Prop` in the field's ``Annotated`` metadata, as pulumi-command's struct tags do::

    products: Annotated[list[str], Prop(replaces=True)]
    password: Annotated[StrictStr, Prop(secret=True)]
    wait_for_ready: Annotated[StrictBool, Prop(local=True)] = True

The attribute docstring under a field is its user-facing description (what it is, its default,
whether changing it replaces the resource): the schema, the reference docs and the generated
Python surface all show it. Reasons meant for developers are ``#`` comments. Nested objects
are :class:`SpecModel` subclasses, documented the same way, with a class docstring each.

``check``, ``diff`` and ``update`` are derived from these by
:mod:`novita_provider.core.kind`; the native provider's schema
(:mod:`novita_provider.native.schema`) and the program-side classes
(:mod:`novita_provider.codegen.surface`) are generated from them too.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


@dataclass(frozen=True)
class Prop:
    """What Pulumi must know about an input besides its type."""

    replaces: bool = False
    """A change replaces the resource (the API cannot change it in place)."""
    secret: bool = False
    """Stored as a Pulumi secret, in inputs and outputs."""
    local: bool = False
    """Provider behaviour, not the resource's configuration: changing it calls no API."""
    server_default: bool = False
    """Unset means the API chooses (and reports) a value: reading it back is not a change."""


NO_PROP = Prop()


class SpecModel(BaseModel):
    """A nested input object: frozen, unknown properties rejected."""

    model_config: ClassVar[ConfigDict] = ConfigDict(extra="forbid", frozen=True)


class Spec(BaseModel):
    """Base for a resource's inputs: frozen, and strict about unknown properties."""

    model_config: ClassVar[ConfigDict] = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def props(cls) -> dict[str, Prop]:
        """Every top-level field's declaration (``NO_PROP`` where none is given)."""
        return dict(_props(cls))

    @classmethod
    def names(cls, **wanted: bool) -> tuple[str, ...]:
        """Field names whose declaration has every given flag, e.g. ``names(replaces=True)``."""
        return _names(cls, tuple(sorted(wanted.items())))

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """Top-level defaults other than None, which ``check`` fills in so that previews show
        the values that will be deployed (fresh copies: callers may change them)."""
        return copy.deepcopy(_defaults(cls))

    def canonical(self) -> dict[str, Any]:
        """The inputs as stored: normalised values and defaults, unset optional fields left
        out. ``check`` returns this for the program's inputs and ``read`` for the live
        resource, so an unchanged resource reads back exactly as it was checked."""
        return self.model_dump(exclude_none=True)


def prop_of(metadata: list[Any]) -> Prop:
    return next((item for item in metadata if isinstance(item, Prop)), NO_PROP)


# A spec's declarations never change once its class exists, and check, diff and read ask for
# them on every call: computing them once per class is a third of check's and diff's CPU time
# (pydantic inspects a default factory's signature on every ``get_default``).


@functools.cache
def _props(spec: type[Spec]) -> dict[str, Prop]:
    return {name: prop_of(info.metadata) for name, info in spec.model_fields.items()}


@functools.cache
def _names(spec: type[Spec], wanted: tuple[tuple[str, bool], ...]) -> tuple[str, ...]:
    return tuple(
        name
        for name, prop in _props(spec).items()
        if all(getattr(prop, flag) == value for flag, value in wanted)
    )


@functools.cache
def _defaults(spec: type[Spec]) -> dict[str, Any]:
    defaults = {
        name: info.get_default(call_default_factory=True)
        for name, info in spec.model_fields.items()
        if not info.is_required()
    }
    return {name: value for name, value in defaults.items() if value is not None}
