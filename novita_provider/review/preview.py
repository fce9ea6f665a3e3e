"""Read ``pulumi preview --json`` into resource steps and diagnostics."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Final

# Steps that are plumbing, not resources a reviewer cares about.
SKIPPED_TYPES: Final = ("pulumi:pulumi:Stack",)
SKIPPED_TYPE_PREFIXES: Final = ("pulumi:providers:",)
REPLACE_OPS: Final = frozenset({"replace", "create-replacement", "delete-replaced"})
QUIET_OPS: Final = frozenset({"same", "read", "refresh"})


class PreviewError(ValueError):
    """The input is not ``pulumi preview --json`` output."""


@dataclass(frozen=True)
class ResourceStep:
    """What the preview will do to one resource."""

    op: str
    urn: str
    type: str
    old_inputs: dict[str, Any] = field(default_factory=dict)
    new_inputs: dict[str, Any] = field(default_factory=dict)
    old_outputs: dict[str, Any] = field(default_factory=dict)
    replace_reasons: tuple[str, ...] = ()
    diff_reasons: tuple[str, ...] = ()
    detailed_diff: dict[str, str] | None = None
    """Property path -> diff kind (``update``, ``add-replace``, ...), when the provider gave one."""
    dependencies: tuple[str, ...] = ()
    delete_before_replace: bool | None = None
    """Known only when the JSON lists the replacement's delete and create steps."""

    @property
    def name(self) -> str:
        return self.urn.rsplit("::", 1)[-1]


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    message: str
    urn: str | None = None


@dataclass(frozen=True)
class Preview:
    steps: tuple[ResourceStep, ...]
    diagnostics: tuple[Diagnostic, ...]
    unchanged: tuple[ResourceStep, ...] = ()
    """Resources the preview leaves as they are (``same``): the stack's cost totals count them."""

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    def count(self, op: str) -> int:
        return sum(1 for step in self.steps if step.op == op)


def parse_preview(text: str) -> Preview:
    """Parse the engine's JSON; raise :class:`PreviewError` (one line) if it is not that."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise PreviewError(f"not JSON ({error.msg} at line {error.lineno})") from None
    if not isinstance(document, dict) or not ({"steps", "diagnostics"} & document.keys()):
        raise PreviewError("not `pulumi preview --json` output (no `steps` or `diagnostics`)")
    raw_steps = [s for s in document.get("steps") or [] if isinstance(s, dict)]
    steps = _merge_replacements(raw_steps)
    unchanged = tuple(
        step
        for raw in raw_steps
        if raw.get("op") == "same"
        and (step := _resource_step(raw, "same", str(raw.get("urn") or ""))) is not None
    )
    diagnostics = tuple(
        Diagnostic(
            severity=str(d.get("severity") or "info"),
            message=str(d.get("message") or ""),
            urn=d.get("urn"),
        )
        for d in document.get("diagnostics") or []
        if isinstance(d, dict)
    )
    return Preview(steps=tuple(steps), diagnostics=diagnostics, unchanged=unchanged)


def _merge_replacements(raw_steps: list[dict[str, Any]]) -> list[ResourceStep]:
    """One step per resource: a replacement's ``replace``/``create-replacement``/
    ``delete-replaced`` steps become one ``replace``, noting which side runs first."""
    order: list[str] = []
    by_urn: dict[str, list[dict[str, Any]]] = {}
    for step in raw_steps:
        urn = str(step.get("urn") or "")
        if urn not in by_urn:
            order.append(urn)
            by_urn[urn] = []
        by_urn[urn].append(step)
    result: list[ResourceStep] = []
    for urn in order:
        group = by_urn[urn]
        ops = [str(s.get("op") or "") for s in group]
        replacing = [s for s in group if s.get("op") in REPLACE_OPS]
        if replacing:
            main = next((s for s in group if s.get("op") == "replace"), replacing[0])
            op = "replace"
        else:
            main, op = group[-1], ops[-1]
        found = _resource_step(main, op, urn)
        if found is None or op in QUIET_OPS:
            continue
        if "delete-replaced" in ops and "create-replacement" in ops:
            first_delete = ops.index("delete-replaced") < ops.index("create-replacement")
            found = replace(found, delete_before_replace=first_delete)
        result.append(found)
    return result


def _resource_step(raw: dict[str, Any], op: str, urn: str) -> ResourceStep | None:
    old = raw.get("oldState") or {}
    new = raw.get("newState") or {}
    type_token = str(new.get("type") or old.get("type") or _type_from_urn(urn))
    if type_token in SKIPPED_TYPES or type_token.startswith(SKIPPED_TYPE_PREFIXES):
        return None
    detailed = raw.get("detailedDiff")
    return ResourceStep(
        op=op,
        urn=urn,
        type=type_token,
        old_inputs=dict(old.get("inputs") or {}),
        new_inputs=dict(new.get("inputs") or {}),
        old_outputs=dict(old.get("outputs") or {}),
        replace_reasons=tuple(str(r) for r in raw.get("replaceReasons") or ()),
        diff_reasons=tuple(str(r) for r in raw.get("diffReasons") or ()),
        detailed_diff=(
            {str(path): str((d or {}).get("kind", "update")) for path, d in detailed.items()}
            if isinstance(detailed, dict)
            else None
        ),
        dependencies=tuple(str(d) for d in new.get("dependencies") or ()),
    )


def _type_from_urn(urn: str) -> str:
    """``urn:pulumi:stack::project::parent$type::name`` -> ``type``."""
    parts = urn.split("::")
    return parts[-2].rsplit("$", 1)[-1] if len(parts) >= 4 else ""
