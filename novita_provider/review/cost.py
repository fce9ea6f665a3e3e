"""The review's Cost section: each changed resource's estimate before and after, the stack's
totals (unchanged resources included), unknown prices and where every price came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from ..cost import HOURS_PER_MONTH, Estimate, PriceBook, estimate, format_usd
from ..cost.money import format_delta
from .kinds import resource_kind
from .preview import Preview, ResourceStep
from .values import without_internal

DASH: Final = "(none)"
ESTIMATE_NOTE: Final = (
    "All figures are estimates in USD from Novita's listed prices (units unverified) or the "
    "stack's `novita:prices`; a 30-day month is 720 hours."
)


@dataclass(frozen=True)
class CostRow:
    name: str
    kind: str
    op: str
    before: Estimate | None
    """None: the resource does not exist before the change."""
    after: Estimate | None
    """None: the resource does not exist after the change."""


@dataclass(frozen=True)
class Total:
    floor: Decimal
    ceiling: Decimal
    complete: bool
    """False when some resource's price is unknown: the sums leave it out."""


@dataclass(frozen=True)
class CostReport:
    rows: tuple[CostRow, ...]
    unchanged: tuple[CostRow, ...]
    book: PriceBook
    problem: str = ""
    """Why prices could not be read at all (the section says so; the rest of the review stands)."""

    def total(self, side: str) -> Total:
        estimates = [getattr(row, side) for row in (*self.rows, *self.unchanged)]
        present = [e for e in estimates if e is not None]
        known = [e for e in present if e.known]
        return Total(
            floor=sum((e.floor for e in known), Decimal(0)),
            ceiling=sum((e.ceiling for e in known), Decimal(0)),
            complete=len(known) == len(present),
        )


def cost_report(preview: Preview, book: PriceBook, problem: str = "") -> CostReport:
    rows = tuple(row for step in preview.steps if (row := _row(step, book)) is not None)
    unchanged = tuple(row for step in preview.unchanged if (row := _row(step, book)) is not None)
    return CostReport(rows, unchanged, book, problem)


def _row(step: ResourceStep, book: PriceBook) -> CostRow | None:
    kind = resource_kind(step.type)
    if kind is None:
        return None
    old = without_internal(step.old_inputs)
    new = without_internal(step.new_inputs)
    before = estimate(kind, old, book, step.old_outputs) if step.op != "create" else None
    after = estimate(kind, new or old, book, step.old_outputs) if step.op != "delete" else None
    if step.op == "same":
        before = after
    return CostRow(step.name, kind, step.op, before, after)


def render_cost(report: CostReport) -> list[str]:
    lines = ["### Cost (estimates)", "", ESTIMATE_NOTE, ""]
    if report.problem:
        lines += [f"Prices were unavailable: {report.problem}", ""]
    if not report.rows and not report.unchanged:
        return [*lines, "No Novita resources.", ""]
    lines += [
        "| resource | change | before, per hour | after, per hour | change per hour "
        "| change per 30-day month |",
        "|---|---|---|---|---|---|",
    ]
    for row in report.rows:
        lines.append(
            f"| `{row.name}` ({row.kind}) | {row.op} | {_range(row.before)} | "
            f"{_range(row.after)} | {_delta(row, 1)} | {_delta(row, HOURS_PER_MONTH)} |"
        )
    before, after = report.total("before"), report.total("after")
    lines.append(
        f"| **stack total** | | {_total(before)} | {_total(after)} | "
        f"{_total_delta(before, after, 1)} | {_total_delta(before, after, HOURS_PER_MONTH)} |"
    )
    lines.append("")
    if report.unchanged:
        lines += [f"{len(report.unchanged)} unchanged resource(s) are included in the totals.", ""]
    unpriced = _unpriced(report)
    if unpriced:
        lines += ["Unknown prices (left out of the totals):", "", *[f"- {u}" for u in unpriced], ""]
    sources = _sources(report)
    if sources:
        lines += ["Price sources:", "", *[f"- {s}" for s in sources], ""]
    return lines


def cost_json(report: CostReport) -> dict[str, Any]:
    """The same figures for CI bots: USD amounts as exact decimal strings."""
    before, after = report.total("before"), report.total("after")
    return {
        "estimate": True,
        "currency": "USD",
        "hoursPerMonth": HOURS_PER_MONTH,
        "pricesUnavailable": report.problem or None,
        "resources": [_row_json(row) for row in (*report.rows, *report.unchanged)],
        "total": {"before": _total_json(before), "after": _total_json(after)},
        "unpriced": _unpriced(report),
        "sources": _sources(report),
    }


def _range(found: Estimate | None) -> str:
    if found is None:
        return DASH
    if not found.known or found.floor is None or found.ceiling is None:
        return "unknown" if found.unpriced else f"unknown ({found.note})"
    if found.floor == found.ceiling:
        return format_usd(found.floor)
    return f"{format_usd(found.floor)} to {format_usd(found.ceiling)}"


def _bounds(found: Estimate | None) -> tuple[Decimal, Decimal] | None:
    if found is None:
        return Decimal(0), Decimal(0)
    if found.floor is None or found.ceiling is None:
        return None
    return found.floor, found.ceiling


def _delta(row: CostRow, hours: int) -> str:
    before, after = _bounds(row.before), _bounds(row.after)
    if before is None or after is None:
        return "unknown"
    return _delta_text(after[0] - before[0], after[1] - before[1], hours, row.op == "delete")


def _delta_text(floor: Decimal, ceiling: Decimal, hours: int, saving: bool = False) -> str:
    floor, ceiling = floor * hours, ceiling * hours
    if floor == ceiling:
        text = format_delta(ceiling)
    elif floor == 0:
        text = f"ceiling {format_delta(ceiling)}"
    else:
        text = f"floor {format_delta(floor)}, ceiling {format_delta(ceiling)}"
    return f"{text} (saving)" if saving and ceiling < 0 else text


def _total(total: Total) -> str:
    text = (
        format_usd(total.floor)
        if total.floor == total.ceiling
        else f"{format_usd(total.floor)} to {format_usd(total.ceiling)}"
    )
    return text if total.complete else f"{text} + unknown"


def _total_delta(before: Total, after: Total, hours: int) -> str:
    text = _delta_text(after.floor - before.floor, after.ceiling - before.ceiling, hours)
    return text if before.complete and after.complete else f"{text} + unknown"


def _unpriced(report: CostReport) -> list[str]:
    seen: dict[str, None] = {}
    for row in (*report.rows, *report.unchanged):
        for side in (row.before, row.after):
            for missing in side.unpriced if side else ():
                seen[f"`{row.name}` ({row.kind}): {missing.hint()}"] = None
    return list(seen)


def _sources(report: CostReport) -> list[str]:
    found: dict[str, None] = {}
    for side in _estimates(report):
        for source in side.sources:
            found[source] = None
    return sorted(found)


def _estimates(report: CostReport) -> Iterable[Estimate]:
    for row in (*report.rows, *report.unchanged):
        for side in (row.before, row.after):
            if side is not None:
                yield side


def _estimate_json(found: Estimate | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "floorPerHour": None if found.floor is None else str(found.floor),
        "ceilingPerHour": None if found.ceiling is None else str(found.ceiling),
        "floorPerMonth": None if found.floor is None else str(found.floor * HOURS_PER_MONTH),
        "ceilingPerMonth": None if found.ceiling is None else str(found.ceiling * HOURS_PER_MONTH),
        "billed": found.billed,
        "note": found.note,
        "sources": list(found.sources),
        "unpriced": [m.config_key for m in found.unpriced],
    }


def _row_json(row: CostRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "type": row.kind,
        "op": row.op,
        "before": _estimate_json(row.before),
        "after": _estimate_json(row.after),
    }


def _total_json(total: Total) -> dict[str, Any]:
    return {
        "floorPerHour": str(total.floor),
        "ceilingPerHour": str(total.ceiling),
        "floorPerMonth": str(total.floor * HOURS_PER_MONTH),
        "ceilingPerMonth": str(total.ceiling * HOURS_PER_MONTH),
        "complete": total.complete,
    }
