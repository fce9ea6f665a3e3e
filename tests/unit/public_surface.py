"""A text dump of the public surface of ``novita_provider``: every name in ``__all__`` and every
public name of the program-side modules, with what a program relies on (module path, fields,
types, defaults, constructor signatures, typed-overload signatures, output getters).

``tests/unit/public_surface.txt`` is this, checked in: a change to the surface shows as a diff
there (``python -m tests.unit.public_surface > tests/unit/public_surface.txt`` after a
deliberate change). Types are as written (normalised by the compiler); getters are sorted
(their order is no part of the surface), fields and signatures are in order."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import sys
import textwrap
from typing import Any, Literal, get_args, get_origin, is_typeddict

import novita_provider

MODULES = (
    "novita_provider",
    "novita_provider.endpoint",
    "novita_provider.endpoint.resource",
    "novita_provider.endpoint.inputs",
    "novita_provider.endpoint.outputs",
    "novita_provider.network_volume",
    "novita_provider.network_volume.resource",
    "novita_provider.registry_credential",
    "novita_provider.registry_credential.resource",
)


def _hints(obj: Any) -> dict[str, Any]:
    """Annotations as written (the modules use ``from __future__ import annotations``): the
    compiler normalises their spelling, and resolving them would need pulumi's own names."""
    return {
        key: getattr(value, "__forward_arg__", value)
        for key, value in inspect.get_annotations(obj).items()
    }


def _type(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)


def _module_names(name: str) -> list[str]:
    module = importlib.import_module(name)
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            key
            for key, obj in vars(module).items()
            if not key.startswith("_")
            and not inspect.ismodule(obj)
            and not isinstance(obj, bool)
            and (
                getattr(obj, "__module__", None) == name
                or isinstance(obj, tuple | str | int)
                or get_origin(obj) is Literal
            )
        ]
    return sorted(names)


def _overloads(cls: type) -> list[str]:
    """The typing-only ``__init__`` overloads, as normalised source."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return []
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.FunctionDef)
            and node.name == "__init__"
            and any(ast.unparse(d) == "overload" for d in node.decorator_list)
        ):
            found.append(f"overload {ast.unparse(node.args)}")
    return found


def _properties(cls: type) -> list[str]:
    lines = []
    for key in sorted(vars(cls)):
        value = vars(cls)[key]
        if isinstance(value, property) and value.fget is not None:
            hints = _hints(value.fget)
            pulumi_name = getattr(value.fget, "_pulumi_name", None)
            lines.append(f"  getter {key} ({pulumi_name}) -> {_type(hints.get('return'))}")
    return lines


def _class(cls: type) -> list[str]:
    lines = [f"class {cls.__module__}.{cls.__qualname__}"]
    lines.append("  mro " + ", ".join(f"{c.__module__}.{c.__qualname__}" for c in cls.__mro__))
    if is_typeddict(cls):
        hints = {}
        for klass in reversed(cls.__mro__):
            hints.update(_hints(klass) if is_typeddict(klass) else {})
        for key in hints:
            required = "required" if key in cls.__required_keys__ else "optional"  # type: ignore[attr-defined]
            lines.append(f"  key {key} {required}: {_type(hints[key])}")
        return lines
    if dataclasses.is_dataclass(cls):
        hints = _hints(cls)
        for f in dataclasses.fields(cls):
            default = "" if f.default is dataclasses.MISSING else f" = {f.default!r}"
            if f.default_factory is not dataclasses.MISSING:
                default = f" = {f.default_factory!r}()"
            lines.append(f"  field {f.name} kw_only={f.kw_only}: {_type(hints[f.name])}{default}")
    for attr in ("_novita_type", "_computed_outputs", "_secrets"):
        if attr in vars(cls):
            lines.append(f"  {attr} = {vars(cls)[attr]!r}")
    if "_args_type" in vars(cls):
        lines.append(f"  _args_type = {vars(cls)['_args_type'].__qualname__}")
    if "__init__" in vars(cls):
        lines.append(f"  __init__{inspect.signature(vars(cls)['__init__'])}")
    if "get" in dir(cls) and hasattr(cls, "_novita_type"):
        get = cls.get  # type: ignore[attr-defined]
        lines.append(f"  get{inspect.signature(get)}")
    lines.extend(f"  {line}" for line in _overloads(cls))
    lines.extend(_properties(cls))
    return lines


def _describe(qualified: str, obj: Any) -> list[str]:
    if inspect.isclass(obj):
        return [f"{qualified}:", *_class(obj)]
    if get_origin(obj) is Literal:
        return [f"{qualified}: Literal{list(get_args(obj))}"]
    if inspect.isfunction(obj):
        return [
            f"{qualified}: function {obj.__module__}.{obj.__qualname__}{inspect.signature(obj)}"
        ]
    return [f"{qualified}: {obj!r}"]


def dump() -> str:
    lines: list[str] = []
    for name in MODULES:
        module = importlib.import_module(name)
        for key in _module_names(name):
            lines.extend(_describe(f"{name}.{key}", getattr(module, key)))
    assert novita_provider.__all__
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(dump())
