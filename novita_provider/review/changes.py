"""Which fields of a resource change, old -> new.

The provider's ``detailedDiff`` is used when the step has one (this provider reports it, as
property paths like ``worker_config.max_num``); otherwise the step's old and new inputs are
compared here (other providers may leave it out). Fields named
by ``replaceReasons``/``diffReasons`` that the comparison cannot see (both sides secret) are
listed too.
"""

from __future__ import annotations

from dataclasses import dataclass

from .preview import ResourceStep
from .values import (
    ABSENT,
    Path,
    format_path,
    is_opaque,
    is_secret,
    lookup,
    parse_path,
    without_internal,
)


@dataclass(frozen=True)
class FieldChange:
    path: Path
    old: object
    new: object
    replaces: bool
    """Whether this field is a reason for replacing the resource."""

    @property
    def name(self) -> str:
        return format_path(self.path)


def field_changes(step: ResourceStep) -> list[FieldChange]:
    """The changed fields of an update or replace, in path order."""
    old = without_internal(step.old_inputs)
    new = without_internal(step.new_inputs)
    if step.detailed_diff:
        paths = [parse_path(p) for p in step.detailed_diff if parse_path(p)[:1] != ("__provider",)]
        replacing = {
            parse_path(p) for p, kind in step.detailed_diff.items() if kind.endswith("-replace")
        }
    else:
        paths = list(_differences(old, new, ()))
        replacing = set()
    seen = {path[:1] for path in paths}
    for reason in (*step.replace_reasons, *step.diff_reasons):
        parsed = parse_path(reason)
        if parsed and parsed[:1] not in seen and parsed[0] != "__provider":
            paths.append(parsed)
            seen.add(parsed[:1])
    reasons = set(step.replace_reasons)
    return sorted(
        (
            FieldChange(
                path=path,
                old=lookup(old, path),
                new=lookup(new, path),
                replaces=path in replacing or (bool(path) and path[0] in reasons),
            )
            for path in paths
        ),
        key=lambda change: change.name,
    )


def _differences(old: object, new: object, path: Path) -> list[Path]:
    if old == new and not is_opaque(old):
        return []
    if is_opaque(old) or is_opaque(new):
        # Equal secrets cannot be compared; a changed unknown is a change.
        return [] if old == new and is_secret(old) else [path]
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[Path] = []
        for key in sorted(old.keys() | new.keys()):
            found += _differences(old.get(key, ABSENT), new.get(key, ABSENT), (*path, key))
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        found = []
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found += _differences(a, b, (*path, index))
        return found
    return [path]
