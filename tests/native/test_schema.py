"""The checked-in schema.json is what the declarations generate (``make schema`` rewrites it)."""

from __future__ import annotations

import json

from novita_provider.native.names import NameMap
from novita_provider.native.schema import build_schema, schema_text
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
    assert endpoint["properties"]["stateMessage"] == {"type": "string"}
    worker = schema["types"]["novita:index:EndpointWorkerConfig"]
    assert worker["properties"]["minNum"] == {"type": "integer"}
    assert "cudaVersion" not in worker["required"]
    policy_type = schema["types"]["novita:index:EndpointPolicyType"]
    assert [e["value"] for e in policy_type["enum"]] == ["queue", "concurrency"]
    credential = schema["resources"]["novita:index:RegistryCredential"]
    assert credential["inputProperties"]["password"]["secret"] is True
    assert credential["properties"]["password"]["secret"] is True
    volume = schema["resources"]["novita:index:NetworkVolume"]["inputProperties"]
    assert volume["sizeGb"]["description"].startswith("Grows in place")
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
