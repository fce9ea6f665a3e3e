"""The root stack's whole lifecycle on the real engine against the simulator (issue #2)."""

from __future__ import annotations

import base64
import json
import urllib.parse

import pytest
from pulumi import automation as auto

from .harness import API_KEY, StackUnderTest, changes

pytestmark = pytest.mark.e2e


def test_lifecycle_create_noop_update_replace_drift_destroy(root_stack: StackUnderTest) -> None:
    stack, sim = root_stack, root_stack.sim

    # up: exactly one create, with the documented (wrapped, camelCase, string port) payload
    up = stack.up()
    # the stack, a volume, a credential and two endpoints
    assert changes(up.summary.resource_changes) == {"create": 5}
    creates = [
        c
        for c in stack.api_calls("/endpoint/create")
        if c["body"]["endpoint"]["name"].startswith("inference-")
    ]
    assert len(creates) == 1
    body = creates[0]["body"]
    assert set(body) == {"endpoint"}
    endpoint = body["endpoint"]
    assert endpoint["workerConfig"] == {
        "minNum": 1,
        "maxNum": 2,
        "freeTimeout": 300,
        "maxConcurrent": 8,
        "gpuNum": 1,
        "requestTimeout": 600,
    }
    assert endpoint["ports"] == [{"port": "8000"}]
    assert endpoint["products"] == [{"id": "SL-serverless-3"}]
    assert endpoint["rootfsSize"] == 100
    assert endpoint["policy"] == {"type": "queue", "value": 30}
    assert endpoint["healthy"] == {"path": "/health"}
    volume_id = up.outputs["volume_id"].value
    assert endpoint["volumeMounts"] == [
        {"type": "network", "id": volume_id, "mountPath": "/models"}
    ]
    assert endpoint["clusterID"] == "as-sgp-2"
    assert endpoint["name"].startswith("inference-")
    first_id = up.outputs["endpoint_id"].value
    assert up.outputs["state"].value == "serving"
    assert up.outputs["url"].value.startswith(f"https://{first_id}-")

    # a following preview and refresh report no changes
    sim.clear_requests()
    assert changes(stack.preview().change_summary) == {}
    assert changes(stack.refresh().summary.resource_changes) == {}
    assert [c["path"] for c in stack.api_calls() if c["method"] == "POST"] == []

    # a worker setting updates in place: one update call, same id
    sim.clear_requests()
    stack.set("maxWorkers", 5)
    up = stack.up()
    assert changes(up.summary.resource_changes) == {"update": 1}
    updates = stack.api_calls("/endpoint/update")
    assert len(updates) == 1
    assert updates[0]["body"]["id"] == first_id
    assert updates[0]["body"]["workerConfig"]["maxNum"] == 5
    assert up.outputs["endpoint_id"].value == first_id
    assert stack.api_calls("/endpoint/create") == []

    # the product replaces: new id, old one deleted
    sim.clear_requests()
    stack.set("product", "SL-serverless-1")
    up = stack.up()
    assert changes(up.summary.resource_changes) == {"replace": 1}
    second_id = up.outputs["endpoint_id"].value
    assert second_id != first_id
    assert [c["body"] for c in stack.api_calls("/endpoint/delete")] == [{"name": first_id}]
    live_ids = [e["id"] for e in sim.endpoints()]
    assert second_id in live_ids
    assert first_id not in live_ids

    # an edit behind Pulumi's back shows as drift on refresh, and up restores it
    sim.edit_endpoint(second_id, {"workerConfig": {"maxNum": 9}})
    refresh = stack.refresh()
    assert changes(refresh.summary.resource_changes) == {"update": 1}
    assert changes(stack.preview().change_summary) == {"update": 1}
    sim.clear_requests()
    stack.up()
    assert len(stack.api_calls("/endpoint/update")) == 1
    [restored] = [e for e in sim.endpoints() if e["id"] == second_id]
    assert restored["workerConfig"]["maxNum"] == 5
    assert changes(stack.preview().change_summary) == {}

    # destroy leaves nothing behind
    stack.destroy()
    assert sim.endpoints() == []
    assert sim.registry_auths() == []
    assert sim.network_storages() == []


@pytest.mark.parametrize(
    ("key", "value", "prop"),
    [
        ("maxWorkers", 0, "worker_config.max_num"),  # below min_num (1)
        ("port", 2222, "ports[0].port"),
        ("policyType", "latency", "policy.type"),
    ],
)
def test_invalid_input_fails_preview_naming_the_property(
    root_stack: StackUnderTest, key: str, value: str | int, prop: str
) -> None:
    root_stack.set(key, value)
    with pytest.raises(auto.CommandError) as failure:
        root_stack.preview()
    assert prop in str(failure.value)
    assert root_stack.api_calls("/endpoint/create") == []


def test_state_holds_no_api_key(root_stack: StackUnderTest) -> None:
    root_stack.up()
    exported = root_stack.export()
    encodings = {
        API_KEY,
        base64.b64encode(API_KEY.encode()).decode(),
        urllib.parse.quote(API_KEY),
        f"Bearer {API_KEY}",
    }
    for encoded in encodings:
        assert encoded not in exported
    assert "authorization" not in exported.lower()

    # Even decrypted, the pickled provider carries no key: it is read in the provider process.
    revealed = json.loads(root_stack.export(show_secrets=True))
    blobs = [
        r["outputs"]["__provider"]
        for r in revealed["deployment"]["resources"]
        if "__provider" in r.get("outputs", {})
    ]
    assert blobs
    for blob in blobs:
        # --show-secrets renders a secret as {"<sig>": "...", "plaintext": "<JSON text>"}
        plaintext = json.loads(blob["plaintext"]) if isinstance(blob, dict) else blob
        assert API_KEY not in plaintext
        assert API_KEY.encode() not in base64.b64decode(plaintext)
    root_stack.destroy()


def test_endpoint_that_never_becomes_ready_fails_up_and_is_removed(
    root_stack: StackUnderTest,
) -> None:
    image = "example.com/broken:1"  # the public endpoint's image
    root_stack.sim.fail_ready(image, "CUDA error: no kernel image is available")
    root_stack.set("image", image)
    with pytest.raises(auto.CommandError) as failure:
        root_stack.up()
    message = str(failure.value)
    assert "CUDA error: no kernel image is available" in message
    assert "Traceback" not in message
    broken_creates = [
        c
        for c in root_stack.api_calls("/endpoint/create")
        if c["body"]["endpoint"]["image"]["image"] == image
    ]
    assert len(broken_creates) == 1
    assert all(e["image"]["image"] != image for e in root_stack.sim.endpoints())


def test_missing_api_key_is_a_clear_error_at_preview(root_stack: StackUnderTest) -> None:
    root_stack.stack.remove_config("novita:apiKey")
    with pytest.raises(auto.CommandError) as failure:
        root_stack.preview()
    message = str(failure.value)
    assert "no Novita API key: run `pulumi config set --secret novita:apiKey <key>`" in message
    assert "Traceback" not in message
    assert root_stack.api_calls() == []
