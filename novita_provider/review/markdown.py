"""Render a :class:`Preview` as Markdown for a pull-request comment."""

from __future__ import annotations

from typing import Final

from .changes import FieldChange, field_changes
from .consequences import consequences
from .diagnostics import problems
from .kinds import short_type
from .preview import Preview, ResourceStep
from .values import SECRET_TEXT, display, format_path, is_secret, leaves, without_internal

SUMMARY_OPS: Final = ("create", "update", "replace", "delete")
OP_TITLES: Final = {
    "create": "create",
    "update": "update",
    "replace": "replace",
    "delete": "delete",
}


def render_review(preview: Preview) -> str:
    """The whole comment: summary, errors, warnings, then one section per changed resource."""
    counts = ", ".join(f"{preview.count(op)} to {op}" for op in SUMMARY_OPS)
    lines = [f"### Pulumi preview: {counts}", ""]
    found = problems(preview.diagnostics)
    errors = [p.text for p in found if p.severity == "error"]
    if errors:
        lines += ["**The preview failed:**", "", *[f"- {e}" for e in errors], ""]
    engine_warnings = [p.text for p in found if p.severity == "warning"]
    if engine_warnings:
        lines += ["**Warnings from the engine:**", "", *[f"- {w}" for w in engine_warnings], ""]
    warnings = [w for step in preview.steps for w in consequences(step, preview)]
    if warnings:
        lines += ["**Consequences to check:**", "", *[f"- {w}" for w in warnings], ""]
    if not preview.steps and not errors:
        lines += ["No changes.", ""]
    for step in preview.steps:
        lines += _resource(step)
    return "\n".join(lines).rstrip() + "\n"


def _resource(step: ResourceStep) -> list[str]:
    title = f"#### {step.op} `{step.name}` ({short_type(step.type)})"
    lines = [title, ""]
    if step.op == "replace":
        reasons = ", ".join(f"`{r}`" for r in step.replace_reasons)
        why = f"of changes to {reasons}" if reasons else "the provider says so (no reason given)"
        lines += [f"Replaced because {why}.", ""]
    if step.op in {"update", "replace"}:
        lines += [*_field_lines(step), ""]
    elif step.op == "create":
        lines += _inputs(step)
    return lines


def _field_lines(step: ResourceStep) -> list[str]:
    changes = field_changes(step)
    shown = {c.path[:1] for c in changes}
    unseen_secrets = [
        f"- `{name}`: `{SECRET_TEXT}` (secret, not compared: it may have changed)"
        for name in secret_inputs(step)
        if (name,) not in shown
    ]
    lines = [_change_line(c) for c in changes] + unseen_secrets
    return lines or ["- no input changed that can be shown"]


def secret_inputs(step: ResourceStep) -> list[str]:
    """Top-level inputs that are secret on either side: the JSON cannot show their changes."""
    old, new = without_internal(step.old_inputs), without_internal(step.new_inputs)
    return sorted(
        k for k in old.keys() | new.keys() if is_secret(old.get(k)) or is_secret(new.get(k))
    )


def _change_line(change: FieldChange) -> str:
    suffix = " (forces replacement)" if change.replaces else ""
    note = ""
    if change.old == change.new:
        note = " (changed; secret values are not compared)"
    return f"- `{change.name}`: {display(change.old)} -> {display(change.new)}{note}{suffix}"


def _inputs(step: ResourceStep) -> list[str]:
    fields = [
        f"- `{format_path(path)}`: {display(value)}"
        for path, value in leaves(without_internal(step.new_inputs))
        if path
    ]
    if not fields:
        return []
    return ["<details><summary>inputs</summary>", "", *fields, "", "</details>", ""]
