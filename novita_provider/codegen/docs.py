"""The reference docs, rendered from the live declarations (``make docs``).

A page is hand-written text around generated blocks::

    <!-- BEGIN GENERATED: reference (make docs; edit the declarations, not this block) -->
    ...
    <!-- END GENERATED: reference -->

``make docs`` rewrites what is between the markers and keeps everything else, so a resource page
can carry hand-written notes below its reference, and the overview and configuration pages are
prose with generated tables. A resource or function page that does not exist yet is created
with its generated block alone. ``tests/unit/test_docs_current.py`` fails when a checked-in
page is not what this renders now, or when a resource or function has no page.

What is read: :data:`novita_provider.registry.RESOURCES` (each kind's ``spec``: field types,
required or default, pydantic limits, :class:`~novita_provider.core.fields.Prop` flags, the
attribute docstrings; its computed outputs), the native provider's functions, the program's
lookups and the provider settings. Nothing here calls the API or the engine.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..api import settings as api_settings
from ..core.fields import Prop, prop_of
from ..core.kind import ResourceKind
from ..native.docstrings import attribute_docstrings
from ..native.functions import FUNCTIONS, Function
from ..native.names import camel
from ..registry import RESOURCES

ROOT = Path(__file__).resolve().parents[2]
DOCS = Path("docs")
MADE_BY = "make docs; edit the declarations, not this block"
BEGIN = "<!-- BEGIN GENERATED: {name} ({made_by}) -->"
END = "<!-- END GENERATED: {name} -->"
AUTONAME = "the resource name plus a random suffix"


# -- blocks --------------------------------------------------------------------------------------


def splice(text: str, name: str, body: str) -> str:
    """``text`` with the block ``name`` holding ``body``; the block is appended when missing."""
    begin, end = BEGIN.format(name=name, made_by=MADE_BY), END.format(name=name)
    block = f"{begin}\n{body.strip()}\n{end}"
    pattern = re.compile(
        re.escape(begin.split(" (")[0]) + r"[^\n]*\n.*?" + re.escape(end), flags=re.DOTALL
    )
    if pattern.search(text):
        return pattern.sub(lambda _: block, text, count=1)
    return f"{text.rstrip()}\n\n{block}\n" if text.strip() else f"{block}\n"


# -- types in Python terms -----------------------------------------------------------------------


@dataclass
class Shape:
    """A field's type as a program writes it, its limits, and the models it refers to."""

    text: str
    limits: list[str]
    models: list[type[BaseModel]]


Namer = Callable[[type[BaseModel]], str]


def shape(annotation: Any, metadata: Iterable[Any], name_of: Namer) -> Shape:
    constraints = list(_constraints(metadata))
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *more = get_args(annotation)
        return shape(base, [*metadata, *more], name_of)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return shape(options[0], metadata, name_of)
        parts = [shape(option, (), name_of) for option in options]
        return Shape(" | ".join(p.text for p in parts), [], [m for p in parts for m in p.models])
    if origin is list:
        (item,) = get_args(annotation)
        inner = shape(item, (), name_of)
        limits = _limits(constraints, "item", "items")
        limits += [f"each: {limit}" for limit in inner.limits]
        return Shape(f"list[{inner.text}]", limits, inner.models)
    if origin is dict:
        key, value = (shape(arg, (), name_of) for arg in get_args(annotation))
        return Shape(
            f"dict[{key.text}, {value.text}]",
            _limits(constraints, "entry", "entries"),
            value.models,
        )
    if origin is Literal:
        values = ", ".join(_python(v) for v in get_args(annotation))
        return Shape(f"Literal[{values}]", [], [])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        name = name_of(annotation)
        return Shape(f"[{name}](#{_anchor(name)})", [], [annotation])
    if annotation is str:
        return Shape("str", _limits(constraints, "character", "characters"), [])
    if isinstance(annotation, type) and annotation in (bool, int, float):
        return Shape(annotation.__name__, _range(constraints), [])
    return Shape(getattr(annotation, "__name__", repr(annotation)), [], [])


def _constraints(metadata: Iterable[Any]) -> Iterator[Any]:
    for item in metadata:
        if isinstance(item, FieldInfo):
            yield from _constraints(item.metadata)
        else:
            yield item


def _limits(constraints: list[Any], one: str, many: str) -> list[str]:
    low = next((c.min_length for c in constraints if isinstance(c, annotated_types.MinLen)), None)
    high = next((c.max_length for c in constraints if isinstance(c, annotated_types.MaxLen)), None)
    if low is not None and high is not None:
        return [f"{low} to {high} {many}"]
    if low is not None:
        return [f"at least {low} {one if low == 1 else many}"]
    if high is not None:
        return [f"at most {high} {one if high == 1 else many}"]
    return []


def _range(constraints: list[Any]) -> list[str]:
    found: dict[str, Any] = {}
    for c in constraints:
        for bound in ("ge", "gt", "le", "lt"):
            if isinstance(c, getattr(annotated_types, bound.capitalize())):
                found[bound] = getattr(c, bound)
    if "ge" in found and "le" in found:
        return [f"{found['ge']} to {found['le']}"]
    words = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}
    return [f"{words[bound]} {value}" for bound, value in found.items()]


def _python(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, BaseModel):
        return repr(value.model_dump())
    return repr(value)


def _anchor(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "", name.lower().replace(" ", "-"))


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?\.)(\s|$)", text)
    return match.group(1) if match else text


def _doc(obj: Any) -> str:
    """The object's own docstring (not one inherited from a base), in Markdown."""
    doc = vars(obj).get("__doc__") if isinstance(obj, type) else getattr(obj, "__doc__", None)
    return markdown(inspect.cleandoc(doc)) if isinstance(doc, str) else ""


def markdown(text: str) -> str:
    """A docstring's reStructuredText literals and roles as Markdown code."""
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"`\1`", text)
    return text.replace("``", "`")


# -- one field, one row --------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    shape: Shape
    default: str
    change: str | None
    notes: str


def rows(
    model: type[BaseModel],
    name_of: Namer,
    *,
    kind: type[ResourceKind[Any]] | None = None,
    with_change: bool = False,
) -> list[Row]:
    docs = attribute_docstrings(model)
    found = []
    for name, info in model.model_fields.items():
        prop = prop_of(info.metadata)
        field_shape = shape(info.annotation, info.metadata, name_of)
        notes = [*field_shape.limits]
        if prop.secret:
            notes.append("**secret**: stored encrypted in inputs and outputs")
        description = docs.get(name) or info.description
        if description:
            notes.append(description)
        found.append(
            Row(
                name=_names(name),
                shape=field_shape,
                default=_default(name, info, prop, kind),
                change=_change(prop) if with_change else None,
                notes=" ".join(_sentence(n) for n in notes if n.strip()),
            )
        )
    return found


def _sentence(text: str) -> str:
    text = _cell(markdown(text)).rstrip(".")
    return f"{text[:1].upper()}{text[1:]}."


def _names(name: str) -> str:
    native = camel(name)
    return f"`{name}`" if native == name else f"`{name}` (`{native}`)"


def _default(name: str, info: FieldInfo, prop: Prop, kind: type[ResourceKind[Any]] | None) -> str:
    if kind is not None and kind.autonamed and name == "name":
        return f"optional: {AUTONAME}"
    if info.is_required():
        return "**required**"
    if prop.server_default:
        return "optional: chosen by Novita"
    value = info.get_default(call_default_factory=True)
    return "optional" if value is None else f"`{_python(value)}`"


def _change(prop: Prop) -> str:
    if prop.replaces:
        return "replace"
    if prop.local:
        return "provider only, no API call"
    return "update in place"


def table(found: list[Row], first: str = "input") -> str:
    with_change = any(row.change is not None for row in found)
    head = f"| {first} | type | default | {'on change | ' if with_change else ''}notes |"
    lines = [head, "|" + "---|" * (5 if with_change else 4)]
    for row in found:
        change = f" {row.change} |" if with_change else ""
        kind = row.shape.text.replace("|", "\\|")
        lines.append(f"| {row.name} | {kind} | {row.default} |{change} {row.notes} |")
    return "\n".join(lines)


def nested_tables(
    roots: Iterable[Row],
    name_of: Namer,
    output_name: Callable[[type[BaseModel]], str] | None,
    first: str = "input",
) -> str:
    """A table per model the rows refer to, depth first, each once."""
    seen: list[type[BaseModel]] = []
    pending = [m for row in roots for m in row.shape.models]
    while pending:
        model = pending.pop(0)
        if model in seen:
            continue
        seen.append(model)
        pending.extend(m for row in rows(model, name_of) for m in row.shape.models)
    sections = []
    for model in seen:
        title = f"### {name_of(model)}"
        if output_name is not None:
            title += f"\n\nAs an output: `{output_name(model)}` (same fields)."
        description = _doc(model)
        sections.append(
            "\n\n".join(
                part
                for part in (
                    title,
                    " ".join(description.split()),
                    table(rows(model, name_of), first),
                )
                if part
            )
        )
    return "\n\n".join(sections)


# -- resources -----------------------------------------------------------------------------------


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def resource_page_name(kind: type[ResourceKind[Any]]) -> Path:
    return DOCS / "resources" / f"{snake(kind.type_name)}.md"


def _args_namer(kind: type[ResourceKind[Any]], suffix: str) -> Namer:
    def name_of(model: type[BaseModel]) -> str:
        return f"{kind.type_name}{model.__name__.removesuffix('Spec')}{suffix}"

    return name_of


def render_resource(kind: type[ResourceKind[Any]]) -> str:
    name = kind.type_name
    spec = kind.spec
    args_name = _args_namer(kind, "Args")
    inputs = rows(spec, args_name, kind=kind, with_change=True)
    parts = [
        f"# {name}",
        " ".join(_doc(spec).split()) or name,
        "\n".join(
            (
                f"- Python: `from novita_provider import {name}, {name}Args`; "
                f"`{name}(resource_name, {name}Args(...), opts=None)` or the same fields as "
                f"keywords; `{name}.get(resource_name, id)` reads one that exists.",
                f"- Native provider and its SDKs: `novita:index:{name}` (names in camelCase, "
                "shown in brackets where they differ).",
                f"- Dynamic type token (in URNs): `pulumi-python:dynamic/novita:{name}`.",
            )
        ),
        "## Inputs",
        "Nested inputs take the `*Args` class or a dict with the same keys (typed by the "
        "`*ArgsDict` of the same name). *on change*: `replace` makes a new resource, "
        "`update in place` is one API call, `provider only` changes what the provider does "
        "and calls nothing.",
        table(inputs),
    ]
    nested = nested_tables(inputs, args_name, _args_namer(kind, ""))
    if nested:
        parts += ["## Nested input types", nested]
    parts += ["## Outputs", _outputs(kind)]
    return "\n\n".join(parts)


def _outputs(kind: type[ResourceKind[Any]]) -> str:
    intro = (
        "Every input above, as stored (normalised, defaults filled in), each a typed attribute "
        "(`Output[...]`), plus `id` (the Novita id) and the outputs only Novita knows:"
    )
    output_spec: type[BaseModel] | None = getattr(kind, "output_spec", None)
    if output_spec is not None:
        outputs = rows(output_spec, _args_namer(kind, ""))
        nested = nested_tables(outputs, _args_namer(kind, ""), None, "field")
        return "\n\n".join(part for part in (intro, table(outputs, "output"), nested) if part)
    if not kind.computed_outputs:
        return (
            "Every input above, as stored (normalised, defaults filled in), each a typed "
            "attribute (`Output[...]`), and `id` (the Novita id)."
        )
    lines = ["| output | type |", "|---|---|"]
    lines += [f"| {_names(name)} | str |" for name in kind.computed_outputs]
    return f"{intro}\n\n" + "\n".join(lines)


# -- functions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lookup:
    """A function: the native provider's, the program's (Python), or both under one name."""

    name: str
    native: Function | None
    python: Callable[..., Any] | None


def lookups() -> list[Lookup]:
    programs = dict(_program_lookups())
    natives = {snake(f.name): f for f in FUNCTIONS}
    return [
        Lookup(name, natives.get(name), programs.get(name))
        for name in sorted({*programs, *natives})
    ]


def _program_lookups() -> Iterator[tuple[str, Callable[..., Any]]]:
    """``get_*`` functions of :mod:`novita_provider.lookups` and of the package root."""
    seen: set[str] = set()
    for module_name in ("novita_provider.lookups", "novita_provider"):
        module = importlib.import_module(module_name)
        names = getattr(module, "__all__", None) or dir(module)
        for name in names:
            value = getattr(module, name, None)
            if (
                name.startswith("get_")
                and inspect.isfunction(value)
                and value.__module__.startswith("novita_provider")
                and name not in seen
            ):
                seen.add(name)
                yield name, value


def function_page_name(lookup: Lookup) -> Path:
    return DOCS / "functions" / f"{lookup.name}.md"


def _model_namer(model: type[BaseModel]) -> str:
    return model.__name__


def render_function(lookup: Lookup) -> str:
    native, python = lookup.native, lookup.python
    description = native.description if native else _doc(python).split("\n\n")[0]
    parts = [f"# {lookup.name}", " ".join(description.split())]
    uses = []
    if python is not None:
        uses.append(
            f"- Python program (runs in the program, during preview too): "
            f"`from novita_provider import {python.__name__}`; "
            f"`{python.__name__}{_signature(python)}`."
        )
    if native is not None:
        uses.append(
            f"- Native provider and its SDKs: `novita:index:{native.name}` "
            "(names in camelCase, shown in brackets where they differ)."
        )
    parts.append("\n".join(uses))
    if native is not None:
        args = rows(native.args, _model_namer)
        parts += ["## Arguments", table(args, "argument") if args else "None."]
        result = rows(native.result, _model_namer)
        parts += [
            "## Result",
            f"`{native.result.__name__}`"
            + (f": {_cell(_doc(native.result))}" if _doc(native.result) else ""),
            table(result, "field"),
        ]
        nested = nested_tables([*args, *result], _model_namer, None, "field")
        if nested:
            parts += ["## Types", nested]
    return "\n\n".join(parts)


def _signature(func: Callable[..., Any]) -> str:
    params = []
    keyword_only = False
    signature = inspect.signature(func)
    for param in signature.parameters.values():
        if param.kind is param.KEYWORD_ONLY and not keyword_only:
            params.append("*")
            keyword_only = True
        text = param.name
        if param.annotation is not param.empty:
            text += f": {_annotation(param.annotation)}"
        if param.default is not param.empty:
            text += f" = {param.default!r}"
        params.append(text)
    returns = signature.return_annotation
    tail = "" if returns is signature.empty else f" -> {_annotation(returns)}"
    return f"({', '.join(params)}){tail}"


def _annotation(annotation: Any) -> str:
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


# -- the overview's tables and the settings ------------------------------------------------------


def index_tables(prefix: str) -> str:
    """The resources and functions, linked; ``prefix`` is the docs directory as seen from the
    page (``""`` in docs/, ``"docs/"`` from the README)."""
    lines = ["| resource | what it is |", "|---|---|"]
    for kind in RESOURCES:
        link = resource_page_name(kind).relative_to(DOCS).as_posix()
        summary = _cell(_first_sentence(_doc(kind.spec) or kind.type_name))
        lines.append(f"| [`{kind.type_name}`]({prefix}{link}) | {summary} |")
    lines += ["", "| function | what it returns |", "|---|---|"]
    for lookup in lookups():
        link = function_page_name(lookup).relative_to(DOCS).as_posix()
        native = lookup.native
        summary = native.description if native else _doc(lookup.python)
        names = [f"`{lookup.name}`"] if lookup.python else []
        if native is not None:
            names.append(f"`novita:index:{native.name}`")
        lines.append(f"| [{' / '.join(names)}]({prefix}{link}) | {_cell(summary)} |")
    return "\n".join(lines)


@dataclass(frozen=True)
class Setting:
    key: str
    env: str | None
    type: str
    default: str
    secret: bool
    description: str


def settings() -> list[Setting]:
    """Every ``ProviderSettings`` field as its stack config key ``novita:<camelName>``, with the
    environment variable :mod:`novita_provider.api.settings` pairs it with."""
    hints = get_type_hints(api_settings.ProviderSettings)
    docs = attribute_docstrings(api_settings.ProviderSettings)
    envs = _settings_envs()
    found = []
    for item in dataclasses.fields(api_settings.ProviderSettings):
        key = f"novita:{camel(item.name)}"
        default = item.default if item.default is not dataclasses.MISSING else None
        found.append(
            Setting(
                key=key,
                env=envs.get(key),
                type=shape(hints[item.name], (), _model_namer).text,
                default="none" if default is None else f"`{_python(default)}`",
                secret=not item.repr,
                description=docs.get(item.name, ""),
            )
        )
    return found


def _settings_envs() -> dict[str, str]:
    """Config key -> environment variable, from the settings module's constants: tuples
    ``(key, env, ...)`` and pairs ``X_CONFIG``/``X_ENV``."""
    values = vars(api_settings)
    envs: dict[str, str] = {}
    for name, value in values.items():
        if (
            isinstance(value, tuple)
            and len(value) >= 2
            and isinstance(value[0], str)
            and value[0].startswith("novita:")
            and isinstance(value[1], str)
            and value[1].startswith("NOVITA_")
        ):
            envs[value[0]] = value[1]
        if name.endswith("_CONFIG") and isinstance(value, str):
            env = values.get(name.removesuffix("_CONFIG") + "_ENV")
            if isinstance(env, str):
                envs[value] = env
    return envs


def settings_table() -> str:
    lines = [
        "| stack config | environment | type | default | what |",
        "|---|---|---|---|---|",
    ]
    for s in settings():
        key = f"`{s.key}`" + (" (set it with `--secret`)" if s.secret else "")
        env = f"`{s.env}`" if s.env else "none"
        lines.append(f"| {key} | {env} | {s.type} | {s.default} | {_cell(s.description)} |")
    return "\n".join(lines)


# -- every page ----------------------------------------------------------------------------------


def generated_blocks() -> dict[Path, dict[str, str]]:
    """Page -> block name -> generated text, for every page that has generated blocks."""
    pages: dict[Path, dict[str, str]] = {
        DOCS / "_index.md": {"index": index_tables("")},
        DOCS / "installation-configuration.md": {"settings": settings_table()},
        Path("README.md"): {"index": index_tables("docs/")},
    }
    for kind in RESOURCES:
        pages[resource_page_name(kind)] = {"reference": render_resource(kind)}
    for lookup in lookups():
        pages[function_page_name(lookup)] = {"reference": render_function(lookup)}
    return pages


def rendered(root: Path = ROOT) -> dict[Path, str]:
    """Every page as ``make docs`` writes it (relative path -> text), its hand-written parts
    read from ``root``."""
    pages = {}
    for path, blocks in generated_blocks().items():
        file = root / path
        text = file.read_text() if file.exists() else ""
        for name, body in blocks.items():
            text = splice(text, name, body)
        pages[path] = text
    return pages


def stale(root: Path = ROOT) -> list[Path]:
    """Pages missing or not as rendered now."""
    return [
        path
        for path, text in rendered(root).items()
        if not (root / path).exists() or (root / path).read_text() != text
    ]


def write(root: Path = ROOT) -> list[Path]:
    """Write every stale page; returns the ones written."""
    changed = stale(root)
    pages = rendered(root)
    for path in changed:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(pages[path])
    return changed


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        old = stale()
        for path in old:
            print(f"docs: {path} is not current: run make docs", file=sys.stderr)
        return 1 if old else 0
    for path in write():
        print(f"docs: wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
