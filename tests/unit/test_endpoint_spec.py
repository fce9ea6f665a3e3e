"""Mapping between user inputs, Pulumi state and the Novita wire format."""

from __future__ import annotations

from typing import Any

from novita_provider.api import models as api
from novita_provider.api.client import NovitaClient
from novita_provider.endpoint.kind import EndpointKind, _live
from novita_provider.endpoint.spec import EndpointSpec, config_from_api


def inputs(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "inference-abc1234",
        "image": {"image": "vllm/vllm-openai:v0.6.3"},
        "products": ["SL-serverless-3"],
        "worker_config": {
            "min_num": 1,
            "max_num": 2,
            "free_timeout": 300,
            "max_concurrent": 8,
            "request_timeout": 600,
        },
        "policy": {"type": "queue", "value": 30},
        "ports": [{"port": 8000}],
        "health_check": {"path": "/health"},
    }
    base.update(overrides)
    return base


def test_create_payload_is_camel_case_with_api_defaults() -> None:
    spec = EndpointSpec.model_validate(
        inputs(volume_mounts=[{"type": "local", "mount_path": "/data"}])
    )
    body = spec.to_create().to_api()
    assert body == {
        "name": "inference-abc1234",
        "workerConfig": {
            "minNum": 1,
            "maxNum": 2,
            "freeTimeout": 300,
            "maxConcurrent": 8,
            "gpuNum": 1,
            "requestTimeout": 600,
        },
        "ports": [{"port": "8000"}],
        "policy": {"type": "queue", "value": 30},
        "image": {"image": "vllm/vllm-openai:v0.6.3"},
        "volumeMounts": [{"type": "local", "size": 30, "mountPath": "/data"}],
        "envs": [],
        "healthy": {"path": "/health"},
        "products": [{"id": "SL-serverless-3"}],
        "rootfsSize": 100,
    }


def test_update_payload_is_flat_and_omits_create_only_fields() -> None:
    spec = EndpointSpec.model_validate(
        inputs(
            app_name="chat",
            cluster_id="as-sgp-2",
            volume_mounts=[{"type": "network", "id": "ns-1", "mount_path": "/models"}],
        )
    )
    body = spec.to_update("ep-1").to_api()
    assert body["id"] == "ep-1"
    assert body["clusterID"] == "as-sgp-2"
    assert body["volumeMounts"] == [{"type": "network", "id": "ns-1", "mountPath": "/models"}]
    assert not {"products", "rootfsSize", "appName", "endpoint"} & set(body)


def test_integers_may_arrive_as_floats_from_pulumi() -> None:
    raw = inputs()
    raw["worker_config"] = {**raw["worker_config"], "min_num": 1.0, "max_num": 2.0}
    spec = EndpointSpec.model_validate(raw)
    assert spec.worker_config.min_num == 1
    assert isinstance(spec.worker_config.min_num, int)


def read_shape(spec: EndpointSpec, endpoint_id: str = "ep-1") -> dict[str, Any]:
    """What GET /endpoint returns for ``spec``: 64-bit numbers and ports as strings."""
    create = spec.to_create().to_api()
    wc = dict(create["workerConfig"])
    wc["freeTimeout"] = str(wc["freeTimeout"])
    wc["maxConcurrent"] = str(wc["maxConcurrent"])
    return {
        "id": endpoint_id,
        "name": create["name"],
        "appName": create.get("appName", endpoint_id),
        "state": {"state": "serving", "error": "", "message": ""},
        "url": f"https://{endpoint_id}.runsync.novita.dev",
        "workerConfig": wc,
        "policy": {"type": create["policy"]["type"], "value": str(create["policy"]["value"])},
        "image": {"image": create["image"]["image"], "authId": "", "command": ""},
        "rootfsSize": create["rootfsSize"],
        "volumeMounts": create["volumeMounts"],
        "envs": create["envs"],
        "ports": create["ports"],
        "workers": [],
        "products": create["products"],
        "healthy": {
            "path": "/health",
            "initialDelay": 30,
            "period": 10,
            "timeout": 5,
            "successThreshold": 1,
            "failureThreshold": 3,
        },
        "clusterID": "",
        "log": "",
    }


def test_read_back_normalises_to_the_same_spec() -> None:
    spec = EndpointSpec.model_validate(
        inputs(
            envs=[{"key": "MODEL", "value": "qwen"}],
            volume_mounts=[{"type": "local", "mount_path": "/data"}],
        )
    )
    live = api.Endpoint.model_validate(read_shape(spec))
    back = EndpointSpec.model_validate(config_from_api(live))
    assert back == spec.model_copy(update={"app_name": "ep-1"})


def test_read_back_keeps_provider_only_settings() -> None:
    spec = EndpointSpec.model_validate(inputs(wait_for_ready=False, ready_timeout_seconds=60))
    live = api.Endpoint.model_validate(read_shape(spec))
    back = EndpointKind(no_client).outputs(_live(live), spec)
    assert (back["wait_for_ready"], back["ready_timeout_seconds"]) == (False, 60)


def no_client() -> NovitaClient:
    raise AssertionError("pure logic: no API call expected")
