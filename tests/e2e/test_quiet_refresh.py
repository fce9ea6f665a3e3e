"""A quiet, truthful refresh on the real engine (issue #12), for the root stack and each example.

One stack session per project: right after ``up``, ``pulumi preview --refresh`` shows nothing;
then for an endpoint, a network volume and a registry credential in turn, one field changed
behind Pulumi's back (the simulator's admin surface) shows as a refresh diff of that resource and
that field only, ``pulumi up --refresh`` restores it with one update (a credential, which Novita
cannot update, is replaced), and ``pulumi preview --refresh`` is quiet again.

What the engine reports is read from its own output: the engine events of the preview (the
refresh steps' ``diffs``, which the CLI prints as ``[diff: ...]``, and each planned step's
``detailedDiff``), and the ``--diff`` text, where no property line may appear when quiet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pulumi.automation import events

from .harness import REGISTRY_PASSWORD, REPO, SECRET_ENV_VALUE, StackUnderTest

pytestmark = pytest.mark.e2e

MakeStack = Callable[..., StackUnderTest]

PROPERTY_LINE = re.compile(r"^\s*(?:\+-|[-+~])\s*[A-Za-z_]\w*\s*:(?:\s|$)", re.MULTILINE)
"""A property line of ``--diff`` output (``~ worker_config: {``, ``- image: {``), not a
resource line (``~ pulumi-python:dynamic/novita:Endpoint: (refresh)``)."""


@dataclass
class Planned:
    ops: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)


@dataclass
class RefreshPreview:
    """What ``pulumi preview --refresh --diff`` reported, per resource name."""

    text: str
    refreshed: dict[str, set[str]]
    """Fields the refresh found changed (empty sets left out)."""
    planned: dict[str, Planned]
    """Steps other than ``same`` that the preview plans, with the fields they change."""


def top_field(path: str) -> str:
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def preview_refresh(stack: StackUnderTest) -> RefreshPreview:
    text: list[str] = []
    seen: list[events.EngineEvent] = []
    stack.stack.preview(
        refresh=True, diff=True, color="never", on_output=text.append, on_event=seen.append
    )
    refreshed: dict[str, set[str]] = {}
    planned: dict[str, Planned] = {}
    for event in seen:
        step = event.resource_pre_event or event.res_outputs_event
        if step is None or not step.metadata.type.startswith("pulumi-python:dynamic/"):
            continue
        meta = step.metadata
        name = meta.urn.rsplit("::", 1)[1]
        fields = {top_field(p) for p in [*(meta.diffs or []), *(meta.detailed_diff or {})]}
        if meta.op == events.OpType.REFRESH:
            if fields:
                refreshed.setdefault(name, set()).update(fields)
        elif meta.op != events.OpType.SAME:
            planned.setdefault(name, Planned()).ops.add(meta.op.value)
            planned[name].fields.update(fields)
    return RefreshPreview("\n".join(text), refreshed, planned)


def assert_quiet(stack: StackUnderTest) -> None:
    preview = preview_refresh(stack)
    assert preview.refreshed == {}, preview.text
    assert preview.planned == {}, preview.text
    assert PROPERTY_LINE.findall(preview.text) == [], preview.text
    assert "[diff:" not in preview.text
    assert "--outputs:--" not in preview.text


def up_refresh_posts(stack: StackUnderTest) -> list[str]:
    """``pulumi up --refresh``; the API calls that changed something, in order."""
    stack.sim.clear_requests()
    stack.stack.up(refresh=True, color="never", on_output=stack.output.append)
    return [c["path"] for c in stack.sim.requests() if c["method"] != "GET"]


def resource_ids(stack: StackUnderTest) -> dict[str, str]:
    """Each Novita resource's id in the stack's state, by resource name."""
    deployment = stack.stack.export_stack().deployment or {}
    return {
        r["urn"].rsplit("::", 1)[1]: r["id"]
        for r in deployment.get("resources", [])
        if r["type"].startswith("pulumi-python:dynamic/novita:")
    }


@dataclass(frozen=True)
class Drift:
    """One change made behind Pulumi's back, and what a refresh must report for it."""

    resource: str
    field: str
    edit: Callable[[StackUnderTest, str], None]


def endpoint_edit(patch: dict[str, Any]) -> Callable[[StackUnderTest, str], None]:
    return lambda stack, id_: stack.sim.edit_endpoint(id_, patch)


def volume_shrunk_to(size: int) -> Callable[[StackUnderTest, str], None]:
    # Smaller than the program's size, so that `up` can grow it back (volumes never shrink).
    return lambda stack, id_: stack.sim.edit_network_storage(id_, {"storageSize": size})


def credential_user_changed(stack: StackUnderTest, id_: str) -> None:
    stack.sim.edit_registry_auth(id_, {"username": "changed-in-the-console"})


@dataclass(frozen=True)
class Project:
    source: Path | None
    """None: the root stack."""
    secrets: dict[str, str]
    endpoint: Drift
    volume: Drift | None = None
    credential: Drift | None = None
    credential_users: tuple[str, ...] = ()
    """Endpoints pulling with the credential: a replaced credential updates each."""


PROJECTS = {
    "root": Project(
        None,
        {"registryPassword": REGISTRY_PASSWORD},
        Drift("inference", "worker_config", endpoint_edit({"workerConfig": {"maxNum": 5}})),
        Drift("models", "size_gb", volume_shrunk_to(60)),
        Drift("registry", "username", credential_user_changed),
        ("batch",),
    ),
    "private-image": Project(
        REPO / "examples" / "private-image",
        {"registryPassword": REGISTRY_PASSWORD},
        Drift("private-model", "policy", endpoint_edit({"policy": {"value": 3}})),
        None,
        Drift("registry", "username", credential_user_changed),
        ("private-model",),
    ),
    "network-volume": Project(
        REPO / "examples" / "network-volume",
        {},
        Drift("inference", "envs", endpoint_edit({"envs": [{"key": "DEBUG", "value": "1"}]})),
        Drift("models", "size_gb", volume_shrunk_to(20)),
    ),
    "production": Project(
        REPO / "examples" / "production",
        {"registryPassword": REGISTRY_PASSWORD, "hfToken": SECRET_ENV_VALUE},
        Drift("chat", "image", endpoint_edit({"image": {"command": "python -m other"}})),
        Drift("weights", "size_gb", volume_shrunk_to(150)),
        Drift("registry", "username", credential_user_changed),
        ("chat",),
    ),
}

UPDATE_CALL = {
    "Endpoint": "/endpoint/update",
    "NetworkVolume": "/networkstorage/update",
}


def assert_drift_reported_then_restored(
    stack: StackUnderTest, drift: Drift, update_call: str
) -> None:
    drift.edit(stack, resource_ids(stack)[drift.resource])

    preview = preview_refresh(stack)
    assert preview.refreshed == {drift.resource: {drift.field}}
    assert {name: (p.ops, p.fields) for name, p in preview.planned.items()} == {
        drift.resource: ({"update"}, {drift.field})
    }, preview.text

    assert up_refresh_posts(stack) == [update_call]
    assert_quiet(stack)


def assert_credential_drift_reported_then_replaced(
    stack: StackUnderTest, drift: Drift, users: tuple[str, ...]
) -> None:
    drift.edit(stack, resource_ids(stack)[drift.resource])

    preview = preview_refresh(stack)
    assert preview.refreshed == {drift.resource: {drift.field}}
    replaced = preview.planned.pop(drift.resource)
    assert "replace" in replaced.ops
    # Novita cannot update a credential: the program's username comes back as a new one,
    # under a fresh autoname so that it can exist beside the old one.
    assert replaced.fields == {drift.field, "name"}
    # Its users move to it: their auth_id is not known before it exists.
    assert {name: (p.ops, p.fields) for name, p in preview.planned.items()} == {
        user: ({"update"}, {"image"}) for user in users
    }, preview.text

    posts = up_refresh_posts(stack)
    assert posts == [
        "/repository/auth/save",
        *["/endpoint/update"] * len(users),
        "/repository/auth/delete",
    ]
    assert [a["username"] for a in stack.sim.registry_auths()] == ["deploy-bot"]
    assert_quiet(stack)


def run_refresh_session(stack: StackUnderTest, project: Project) -> None:
    if "registryPassword" in project.secrets:
        stack.set("registryUsername", "deploy-bot")
    stack.up()
    assert_quiet(stack)
    assert_drift_reported_then_restored(stack, project.endpoint, UPDATE_CALL["Endpoint"])
    if project.volume is not None:
        assert_drift_reported_then_restored(stack, project.volume, UPDATE_CALL["NetworkVolume"])
    if project.credential is not None:
        assert_credential_drift_reported_then_replaced(
            stack, project.credential, project.credential_users
        )


@pytest.mark.parametrize("shape", ["documented", "all_shape_variants"])
def test_root_stack_refresh_is_quiet_and_truthful(root_stack: StackUnderTest, shape: str) -> None:
    if shape == "all_shape_variants":
        root_stack.sim.configure(all_shape_variants=True)
    run_refresh_session(root_stack, PROJECTS["root"])


@pytest.mark.parametrize("example", ["private-image", "network-volume", "production"])
def test_example_refresh_is_quiet_and_truthful(project_stack: MakeStack, example: str) -> None:
    project = PROJECTS[example]
    stack = project_stack(project.source, secrets=project.secrets)
    run_refresh_session(stack, project)
