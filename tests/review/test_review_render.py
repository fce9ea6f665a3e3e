"""The renderer on small hand-written previews: the cases the engine runs cannot reach yet."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from novita_provider.__main__ import main
from novita_provider.review import PreviewError, parse_preview, render_review
from novita_provider.review.kinds import resource_kind
from novita_provider.review.values import SECRET_SIG, SECRET_VALUE_SIG

DYNAMIC = "pulumi-python:dynamic/novita:"
URN = "urn:pulumi:dev::proj::{type}::{name}"
SECRET_VALUE = "hf_plaintext_token_3b1c"


def step(op: str, type_: str, name: str, **fields: Any) -> dict[str, Any]:
    return {"op": op, "urn": URN.format(type=type_, name=name), **fields}


def state(
    type_: str, inputs: dict[str, Any], outputs: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {"type": type_, "inputs": inputs, "outputs": outputs or {}}


def review(*steps: dict[str, Any], diagnostics: list[dict[str, Any]] | None = None) -> str:
    document: dict[str, Any] = {"steps": list(steps)}
    if diagnostics is not None:
        document["diagnostics"] = diagnostics
    return render_review(parse_preview(json.dumps(document)))


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("pulumi-python:dynamic/novita:Endpoint", "Endpoint"),
        ("novita:index:Endpoint", "Endpoint"),
        ("novita:index:NetworkVolume", "NetworkVolume"),
        ("pulumi-python:dynamic/novita:RegistryCredential", "RegistryCredential"),
        ("novita:index:Something", None),
        ("aws:s3:Bucket", None),
        ("pulumi:pulumi:Stack", None),
    ],
)
def test_type_tokens_of_both_providers(token: str, kind: str | None) -> None:
    assert resource_kind(token) == kind


def test_detailed_diff_is_used_when_the_provider_reports_one() -> None:
    ep = "novita:index:Endpoint"
    text = review(
        step(
            "replace",
            ep,
            "api",
            oldState=state(ep, {"products": ["a"], "worker_config": {"max_num": 2}, "x": 1}),
            newState=state(ep, {"products": ["b"], "worker_config": {"max_num": 3}, "x": 2}),
            replaceReasons=["products"],
            detailedDiff={
                "products[0]": {"kind": "update-replace", "inputDiff": True},
                "worker_config.max_num": {"kind": "update", "inputDiff": True},
            },
        )
    )
    assert "- `products[0]`: `a` -> `b` (forces replacement)" in text
    assert "- `worker_config.max_num`: `2` -> `3`\n" in text
    # `x` differs but the provider's detailed diff does not list it.
    assert "`x`" not in text
    assert "**New URL:** endpoint `api`" in text


def test_secret_markers_never_show_their_values() -> None:
    ep = DYNAMIC + "Endpoint"
    marker = {SECRET_SIG: SECRET_VALUE_SIG, "value": SECRET_VALUE}
    old = {"envs": [{"key": "HF_TOKEN", "value": marker}], "__provider": "[secret]"}
    new = {"envs": [{"key": "HF_TOKEN", "value": "[secret]"}], "name": "api-1"}
    text = review(
        step("update", ep, "api", oldState=state(ep, old), newState=state(ep, new)),
        step("create", ep, "web", newState=state(ep, {"token": marker})),
    )
    assert SECRET_VALUE not in text
    assert "- `token`: `[secret]`" in text
    assert "- `name`: (none) -> `api-1`" in text
    assert "__provider" not in text


def test_values_stay_on_one_line_of_inline_code() -> None:
    ep = DYNAMIC + "Endpoint"
    text = review(
        step(
            "update",
            ep,
            "api",
            oldState=state(ep, {"image": {"command": "a"}}),
            newState=state(ep, {"image": {"command": "sh -c `x`\nrm"}}),
        )
    )
    assert "- `image.command`: `a` -> `sh -c 'x'\\nrm`\n" in text


def test_whole_secret_input_changed_by_diff_reasons() -> None:
    ep = DYNAMIC + "Endpoint"
    text = review(
        step(
            "update",
            ep,
            "api",
            oldState=state(ep, {"envs": "[secret]"}),
            newState=state(ep, {"envs": "[secret]"}),
            diffReasons=["envs"],
        )
    )
    assert "- `envs`: `[secret]` -> `[secret]` (changed; secret values are not compared)" in text


def test_delete_before_replace_from_step_order_means_downtime() -> None:
    ep = DYNAMIC + "Endpoint"
    inputs = state(ep, {"products": ["a"]}, {"url": "https://old"})
    text = review(
        step("delete-replaced", ep, "api", oldState=inputs),
        step("replace", ep, "api", oldState=inputs, newState=state(ep, {"products": ["b"]})),
        step("create-replacement", ep, "api", newState=state(ep, {"products": ["b"]})),
    )
    assert text.startswith(
        "### Pulumi preview: 0 to create, 0 to update, 1 to replace, 0 to delete"
    )
    assert text.count("#### replace `api`") == 1
    assert "**Downtime:** endpoint `api`" in text


def test_deletes_warn_of_lost_data_and_dead_urls() -> None:
    vol, ep = "novita:index:NetworkVolume", DYNAMIC + "Endpoint"
    text = review(
        step("delete", vol, "models", oldState=state(vol, {}, {"id": "ns-1"})),
        step("delete", ep, "api", oldState=state(ep, {}, {"url": "https://ep-1-app.example"})),
        step("same", DYNAMIC + "RegistryCredential", "registry"),
    )
    assert text.startswith(
        "### Pulumi preview: 0 to create, 0 to update, 0 to replace, 2 to delete"
    )
    assert "**Data loss:** network volume `models` (`ns-1`) is deleted" in text
    assert "its URL `https://ep-1-app.example` stops answering" in text
    assert "registry" not in text


def test_check_failures_keep_real_values_and_drop_nil() -> None:
    diagnostics = [
        {
            "urn": URN.format(type=DYNAMIC + "Endpoint", name="api"),
            "severity": "error",
            "message": (
                "error: pulumi-python:dynamic/novita:Endpoint resource 'api': property "
                "worker_config.max_num value {<nil>} has a problem: must be <= 100\n"
                "error: novita:index:Endpoint resource 'api': property products value {[x]} "
                "has a problem: unknown product\n"
                "error: pulumi-python:dynamic/novita:Endpoint resource 'api' has a problem: "
                "ports[0].port: port 2222 is reserved (got 2222)\n"
            ),
        },
        {"severity": "error", "message": "error: Resource monitor has terminated, shutting down\n"},
        {"severity": "warning", "message": "warning: something to know\n"},
        {"severity": "info", "message": "chatter\n"},
    ]
    text = review(diagnostics=diagnostics)
    assert "- `api` (Endpoint): `worker_config.max_num`: must be <= 100\n" in text
    assert "- `api` (Endpoint): `products` (value `[x]`): unknown product\n" in text
    assert "- `api` (Endpoint): `ports[0].port`: port 2222 is reserved (got 2222)\n" in text
    assert "Resource monitor" not in text
    assert "**Warnings from the engine:**\n\n- something to know" in text
    assert "chatter" not in text
    assert parse_preview(json.dumps({"steps": [], "diagnostics": diagnostics})).has_errors


def test_no_changes() -> None:
    text = review(step("same", DYNAMIC + "Endpoint", "api"))
    summary = "### Pulumi preview: 0 to create, 0 to update, 0 to replace, 0 to delete"
    assert text == f"{summary}\n\nNo changes.\n"


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"config": {}}'])
def test_input_that_is_not_a_preview_is_refused(text: str) -> None:
    with pytest.raises(PreviewError):
        parse_preview(text)


def test_command_reads_stdin_and_reports_bad_input_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"steps": []})))
    assert main(["review", "-"]) == 0
    assert "No changes." in capsys.readouterr().out

    monkeypatch.setattr("sys.stdin", io.StringIO("Previewing update (dev):"))
    assert main(["review"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("review: stdin: not JSON")
    assert captured.err.count("\n") == 1

    assert main(["review", "/nonexistent/preview.json"]) == 2
    assert (
        capsys.readouterr().err == "review: /nonexistent/preview.json: No such file or directory\n"
    )
