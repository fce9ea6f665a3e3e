"""The checked-in schema.json is what the declarations generate (``make schema`` rewrites it)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from novita_provider.core.kind import _noun
from novita_provider.native.docstrings import attribute_docstrings
from novita_provider.native.names import NameMap, camel
from novita_provider.native.schema import _resource, _Types, build_schema, schema_text
from novita_provider.network_volume.kind import NetworkVolumeKind
from novita_provider.registry import RESOURCES

from ..e2e.harness import REPO


def test_schema_json_matches_the_declarations() -> None:
    checked_in = (REPO / "schema.json").read_text()
    assert checked_in == schema_text(), "schema.json is stale: run `make schema` and commit it"


def test_schema_carries_replaces_secrets_enums_and_descriptions() -> None:
    schema = build_schema()
    endpoint = schema["resources"]["novita:index:Endpoint"]
    assert endpoint["inputProperties"]["products"]["replaceOnChanges"] is True
    assert "replaceOnChanges" not in endpoint["inputProperties"]["workerConfig"]
    assert "name" not in endpoint["requiredInputs"]  # autonamed
    assert endpoint["properties"]["stateMessage"]["type"] == "string"
    worker = schema["types"]["novita:index:EndpointWorkerConfig"]
    assert worker["properties"]["minNum"]["type"] == "integer"
    assert "cudaVersion" not in worker["required"]
    policy_type = schema["types"]["novita:index:EndpointPolicyType"]
    assert [e["value"] for e in policy_type["enum"]] == ["queue", "concurrency"]
    credential = schema["resources"]["novita:index:RegistryCredential"]
    assert credential["inputProperties"]["password"]["secret"] is True
    assert credential["properties"]["password"]["secret"] is True
    volume = schema["resources"]["novita:index:NetworkVolume"]["inputProperties"]
    assert volume["sizeGb"]["description"].startswith("Size in GB")
    assert schema["config"]["variables"]["apiKey"]["secret"] is True
    assert set(schema["functions"]) == {
        "novita:index:getClusters",
        "novita:index:getEndpointLimits",
    }
    json.dumps(schema)  # serialisable as is


def test_names_map_both_ways_for_every_resource() -> None:
    for kind in RESOURCES:
        names = NameMap.of(kind.spec, *kind.computed_outputs)
        props = {name: name for name in kind.spec.model_fields}
        assert names.to_snake(names.to_camel(props)) == props
    names = NameMap.of(RESOURCES[0].spec)
    wire = names.to_camel({"volume_mounts": [{"mount_path": "/m"}], "envs": [{"key": "a_b"}]})
    assert wire == {"volumeMounts": [{"mountPath": "/m"}], "envs": [{"key": "a_b"}]}
    assert names.path_to_camel("worker_config.min_num") == "workerConfig.minNum"


def _undescribed(schema: dict[str, Any]) -> list[str]:
    """Every resource, type and function property (and every type) without a description."""
    missing: list[str] = []
    for token, resource in schema["resources"].items():
        for side in ("inputProperties", "properties"):
            missing += [
                f"{token} {side} {k}" for k, v in resource[side].items() if not v.get("description")
            ]
    for token, definition in schema["types"].items():
        if not definition.get("description"):
            missing.append(token)
        props = definition.get("properties", {})
        missing += [f"{token} {k}" for k, v in props.items() if not v.get("description")]
    for token, function in schema["functions"].items():
        for side in ("inputs", "outputs"):
            props = function.get(side, {}).get("properties", {})
            missing += [f"{token} {side} {k}" for k, v in props.items() if not v.get("description")]
    return missing


def test_every_property_and_type_has_a_description() -> None:
    assert _undescribed(build_schema()) == []


def test_the_check_finds_an_undescribed_property() -> None:
    schema = build_schema()
    del schema["types"]["novita:index:EndpointWorkerConfig"]["properties"]["minNum"]["description"]
    assert _undescribed(schema) == ["novita:index:EndpointWorkerConfig minNum"]


def test_computed_outputs_are_typed_and_described_by_the_output_spec() -> None:
    class Outputs(BaseModel):
        """What Novita reports."""

        used_gb: int
        """Space in use, in GB."""
        tags: list[str]
        """Labels."""

    class Kind(NetworkVolumeKind):
        output_spec = Outputs  # type: ignore[assignment]

    assert Kind.computed_outputs == ("used_gb", "tags")
    outputs = _resource(Kind, _Types())["properties"]
    assert outputs["usedGb"] == {"type": "integer", "description": "Space in use, in GB."}
    assert outputs["tags"] == {
        "type": "array",
        "items": {"type": "string"},
        "description": "Labels.",
    }
    volume = build_schema()["resources"]["novita:index:NetworkVolume"]["properties"]
    assert (
        volume["clusterName"]["description"] == "The cluster's display name, as the API reports it."
    )


def test_descriptions_say_what_replaces_and_the_defaults() -> None:
    """The declarations' words agree with their flags: a field that replaces says so (and one
    that does not, does not), and a plain default is stated."""
    for kind in RESOURCES:
        spec: type[BaseModel] = kind.spec
        docs = attribute_docstrings(spec)
        noun = _noun(kind.type_name)
        for name, prop in kind.spec.props().items():
            says = f"replaces the {noun}" in " ".join(docs[name].split())
            assert says == prop.replaces, f"{kind.type_name}.{name}: {docs[name]!r}"
        for name, default in kind.spec.defaults().items():
            if isinstance(default, bool | int | str):
                assert str(default).lower() in docs[name].lower(), f"{kind.type_name}.{name}"


def test_outputs_keep_their_names() -> None:
    schema = build_schema()
    for kind in RESOURCES:
        outputs = schema["resources"][f"novita:index:{kind.type_name}"]["properties"]
        assert {camel(n) for n in kind.computed_outputs} <= set(outputs)
    endpoint = schema["resources"]["novita:index:Endpoint"]["properties"]
    assert {"url", "state", "stateMessage"} <= set(endpoint)
