"""The package schema of the native provider, generated from the declarations: each resource's
:class:`~novita_provider.core.fields.Spec` (types, required fields, ``Prop(replaces=...)`` as
``replaceOnChanges``, ``Prop(secret=...)`` as ``secret``, ``Literal`` as enums, attribute
docstrings as descriptions), its computed outputs (its ``output_spec``, typed and described
alike), the functions' models and the provider's settings. ``schema.json`` at the repository
root is this, checked in (``make schema``)."""

from __future__ import annotations

import dataclasses
import json
import re
import types
from importlib import metadata
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

from ..api import settings as api_settings
from ..api.settings import ProviderSettings
from ..core.kind import ResourceKind
from ..registry import RESOURCES
from .docstrings import attribute_docstrings
from .functions import FUNCTIONS
from .names import camel

PACKAGE = "novita"
DISTRIBUTION = "novita-pulumi"


def package_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0.0.0"


def resource_token(kind: type[ResourceKind[Any]]) -> str:
    return f"{PACKAGE}:index:{kind.type_name}"


def function_token(name: str) -> str:
    return f"{PACKAGE}:index:{name}"


class _Types:
    """The object and enum types the properties refer to, collected as they are met."""

    def __init__(self) -> None:
        self.types: dict[str, Any] = {}

    def ref(self, token: str) -> dict[str, str]:
        return {"$ref": f"#/types/{token}"}

    def property(self, annotation: Any, prefix: str, owner: str, field: str) -> dict[str, Any]:
        """The schema of a value of type ``annotation``; ``owner``/``field`` name enums."""
        origin = get_origin(annotation)
        if origin is Annotated:
            return self.property(get_args(annotation)[0], prefix, owner, field)
        if origin in (Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                raise TypeError(f"{owner}.{field}: unions other than X | None have no schema")
            return self.property(options[0], prefix, owner, field)
        if origin is list:
            (item,) = get_args(annotation)
            return {"type": "array", "items": self.property(item, prefix, owner, field)}
        if origin is Literal:
            return self.enum(f"{owner}{_upper_first(camel(field))}", get_args(annotation))
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self.object(annotation, prefix)
        for python_type, name in ((bool, "boolean"), (int, "integer"), (float, "number")):
            if annotation is python_type:
                return {"type": name}
        if annotation is str:
            return {"type": "string"}
        raise TypeError(f"{owner}.{field}: no schema type for {annotation!r}")

    def enum(self, token_name: str, values: tuple[Any, ...]) -> dict[str, str]:
        token = f"{PACKAGE}:index:{token_name}"
        self.types[token] = {
            "type": "string",
            "enum": [{"name": _upper_first(camel(str(v))), "value": v} for v in values],
        }
        return self.ref(token)

    def _describe_enum(self, schema: dict[str, Any], description: str) -> None:
        """An enum type is described by the field it was declared for."""
        while "items" in schema:
            schema = schema["items"]
        token = schema.get("$ref", "").removeprefix("#/types/")
        definition = self.types.get(token)
        if definition and "enum" in definition:
            definition.setdefault("description", description)

    def object(self, model: type[BaseModel], prefix: str) -> dict[str, str]:
        name = f"{prefix}{model.__name__.removesuffix('Spec')}"
        token = f"{PACKAGE}:index:{name}"
        if token not in self.types:
            self.types[token] = {}  # placeholder: a model may refer to itself
            properties, required = self.properties(model, prefix, name)
            definition: dict[str, Any] = {"type": "object", "properties": properties}
            if model.__doc__ and model.__doc__ is not BaseModel.__doc__:
                definition["description"] = _doc(model.__doc__)
            if required:
                definition["required"] = required
            self.types[token] = definition
        return self.ref(token)

    def properties(
        self, model: type[BaseModel], prefix: str, owner: str
    ) -> tuple[dict[str, Any], list[str]]:
        docs = attribute_docstrings(model)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for name, info in model.model_fields.items():
            schema = self.property(info.annotation, prefix, owner, name)
            if name in docs:
                schema["description"] = docs[name]
                self._describe_enum(schema, docs[name])
            properties[camel(name)] = schema
            if info.is_required():
                required.append(camel(name))
        return properties, required


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _doc(text: str) -> str:
    """A docstring as a description: each paragraph on one line, paragraphs kept apart."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def _resource(kind: type[ResourceKind[Any]], found: _Types) -> dict[str, Any]:
    spec = kind.spec
    inputs, required = found.properties(spec, kind.type_name, kind.type_name)
    for name, prop in spec.props().items():
        if prop.replaces:
            inputs[camel(name)]["replaceOnChanges"] = True
        if prop.secret:
            inputs[camel(name)]["secret"] = True
    required_inputs = [name for name in required if not (kind.autonamed and name == "name")]
    outputs = {name: dict(schema) for name, schema in inputs.items()}
    for schema in outputs.values():
        schema.pop("replaceOnChanges", None)
    if kind.output_spec is not None:
        computed, _ = found.properties(kind.output_spec, kind.type_name, kind.type_name)
        outputs.update(computed)
    else:
        for name in kind.computed_outputs:
            outputs[camel(name)] = {"type": "string"}  # undeclared: reported as text
    always = [*required, *(camel(n) for n in spec.defaults()), "name"]
    definition: dict[str, Any] = {
        "description": _doc(spec.__doc__ or kind.type_name),
        "inputProperties": inputs,
        "properties": outputs,
        "required": sorted(set(always)),
    }
    if required_inputs:
        definition["requiredInputs"] = required_inputs
    return definition


def _function(
    args: type[BaseModel], result: type[BaseModel], description: str, found: _Types
) -> dict[str, Any]:
    definition: dict[str, Any] = {"description": description}
    arg_props, arg_required = found.properties(args, "", "")
    if arg_props:
        definition["inputs"] = {"type": "object", "properties": arg_props}
        if arg_required:
            definition["inputs"]["required"] = arg_required
    out_props, out_required = found.properties(result, "", result.__name__)
    definition["outputs"] = {"type": "object", "properties": out_props}
    if out_required:
        definition["outputs"]["required"] = out_required
    return definition


def _config() -> dict[str, Any]:
    """The provider's settings: ``ProviderSettings`` fields, as ``novita:<camelName>``. A
    field kept out of ``repr`` (the API key) is a secret."""
    hints = get_type_hints(ProviderSettings)
    docs = attribute_docstrings(ProviderSettings)
    envs = {
        api_settings.API_KEY_CONFIG: api_settings.API_KEY_ENV,
        api_settings.API_URL_CONFIG: api_settings.API_URL_ENV,
        **{
            key: env
            for key, env, _ in (
                api_settings.REQUEST_TIMEOUT,
                api_settings.MAX_RETRIES,
                api_settings.RETRY_TIMEOUT,
            )
        },
    }
    variables: dict[str, Any] = {}
    for item in dataclasses.fields(ProviderSettings):
        key = f"{PACKAGE}:{camel(item.name)}"
        schema = _Types().property(hints[item.name], "", "", item.name)
        description = docs.get(item.name, "")
        env = envs[key]
        schema["description"] = f"{description} Default: the environment variable {env}.".strip()
        if not item.repr:
            schema["secret"] = True
        variables[camel(item.name)] = schema
    return variables


def build_schema(version: str | None = None) -> dict[str, Any]:
    found = _Types()
    resources = {resource_token(kind): _resource(kind, found) for kind in RESOURCES}
    functions = {
        function_token(f.name): _function(f.args, f.result, f.description, found) for f in FUNCTIONS
    }
    variables = _config()
    return {
        "name": PACKAGE,
        "displayName": "Novita",
        "description": "Novita AI serverless GPU endpoints, network volumes and registry "
        "credentials.",
        "version": version or package_version(),
        "license": "Apache-2.0",
        "keywords": ["pulumi", "novita", "gpu", "serverless", "category/cloud"],
        "meta": {"moduleFormat": "(.*)"},
        "config": {"variables": variables},
        "provider": {
            "description": "The Novita provider: credentials and API settings.",
            "inputProperties": variables,
            "properties": variables,
        },
        "resources": resources,
        "functions": functions,
        "types": dict(sorted(found.types.items())),
        "language": {
            "python": {"packageName": "pulumi_novita", "respectSchemaVersion": True},
            "nodejs": {"packageName": "@novita-pulumi/novita", "respectSchemaVersion": True},
            "go": {
                "importBasePath": "github.com/novita-pulumi/novita-pulumi/sdk/go/novita",
                "respectSchemaVersion": True,
            },
        },
    }


def schema_text(version: str | None = None) -> str:
    """The schema as checked in: stable key order, two-space indent, final newline."""
    return json.dumps(build_schema(version), indent=2) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
