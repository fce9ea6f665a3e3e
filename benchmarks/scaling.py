"""Figures that separate our provider's cost from the engine's (issues #8.3 and #13).

- Fixed overhead: ours minus the no-op baseline at N=1 (start-up: imports, client set-up).
- Marginal cost: the slope of time from N=10 to N=50 (seconds per extra resource), ours against
  the no-op baseline's.
- Scale: at N=200, ours against the same-bytes baseline (the engine's cost for this much state)
  and against the no-op baseline (the engine's cost for any resource).

All come from the same run, against the same baselines.
"""

from __future__ import annotations

from typing import Any

from .engine import OPERATIONS, Operation
from .measurement import Find, Target

OVERHEAD_N = 1
OVERHEAD_OPERATIONS: tuple[Operation, ...] = ("up", "preview")
OVERHEAD_MAX_S = 0.2
SLOPE_FROM, SLOPE_TO = 10, 50
SLOPE_MAX_RATIO = 1.25
# Refresh's and destroy's slopes are shown too, but from N=10 to N=50 they change by less than
# the noise of one run on a shared 2-core machine, so they carry no PASS/FAIL.
SLOPE_TARGET_OPERATIONS: tuple[Operation, ...] = ("up", "preview")
SCALE_N = 200
SAME_BYTES_MAX_RATIO = 1.15
NOOP_MAX_RATIO: dict[Operation, float] = {"up": 1.4, "preview": 1.3, "refresh": 1.3, "destroy": 1.4}


def _median(find: Find, kind: Any, op: str, n: int) -> float | None:
    m = find("sizes", kind, op, n)
    return m.median if m else None


def fixed_overhead(find: Find) -> list[dict[str, Any]]:
    """Per operation at N=1: seconds of ours minus each baseline."""
    rows = []
    for op in OPERATIONS:
        ours = _median(find, "endpoint", op, OVERHEAD_N)
        noop = _median(find, "baseline", op, OVERHEAD_N)
        same = _median(find, "same-bytes", op, OVERHEAD_N)
        if ours is None or noop is None:
            continue
        rows.append(
            {
                "operation": op,
                "n": OVERHEAD_N,
                "overhead_vs_noop_s": round(ours - noop, 3),
                "overhead_vs_same_bytes_s": None if same is None else round(ours - same, 3),
            }
        )
    return rows


def _slope(find: Find, kind: Any, op: str) -> float | None:
    lo = _median(find, kind, op, SLOPE_FROM)
    hi = _median(find, kind, op, SLOPE_TO)
    if lo is None or hi is None:
        return None
    return (hi - lo) / (SLOPE_TO - SLOPE_FROM)


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b <= 0:
        return None
    return a / b


def marginal_cost(find: Find) -> list[dict[str, Any]]:
    """Per operation: seconds per extra resource from N=10 to N=50, per kind, and the ratios."""
    rows = []
    for op in OPERATIONS:
        ours = _slope(find, "endpoint", op)
        noop = _slope(find, "baseline", op)
        same = _slope(find, "same-bytes", op)
        if ours is None or noop is None:
            continue
        vs_noop, vs_same = _ratio(ours, noop), _ratio(ours, same)
        rows.append(
            {
                "operation": op,
                "from_n": SLOPE_FROM,
                "to_n": SLOPE_TO,
                "endpoint_ms_per_resource": round(ours * 1000, 2),
                "baseline_ms_per_resource": round(noop * 1000, 2),
                "same_bytes_ms_per_resource": None if same is None else round(same * 1000, 2),
                "ratio_vs_baseline": None if vs_noop is None else round(vs_noop, 2),
                "ratio_vs_same_bytes": None if vs_same is None else round(vs_same, 2),
            }
        )
    return rows


def targets(find: Find, sizes: list[int]) -> list[Target]:
    """PASS/FAIL lines for the fixed overhead, the marginal cost and the N=200 ratios."""
    result: list[Target] = []
    overhead = {r["operation"]: r for r in fixed_overhead(find)}
    for op in OVERHEAD_OPERATIONS:
        row = overhead.get(op)
        if row is None:
            continue
        s = row["overhead_vs_noop_s"]
        result.append(
            Target(
                f"{op} N={OVERHEAD_N}: fixed overhead (ours - no-op baseline)",
                f"<= {OVERHEAD_MAX_S:g} s",
                f"{s:.2f} s",
                s <= OVERHEAD_MAX_S,
            )
        )
    for row in marginal_cost(find):
        if row["operation"] not in SLOPE_TARGET_OPERATIONS:
            continue
        ratio = row["ratio_vs_baseline"]
        result.append(
            Target(
                f"{row['operation']} N={SLOPE_FROM}->{SLOPE_TO}: marginal cost vs no-op baseline",
                f"<= {SLOPE_MAX_RATIO:g}x",
                f"{row['endpoint_ms_per_resource']:.1f} / {row['baseline_ms_per_resource']:.1f} "
                "ms per resource = "
                + ("n/a (baseline slope <= 0: noise)" if ratio is None else f"{ratio:.2f}x"),
                ratio is not None and ratio <= SLOPE_MAX_RATIO,
            )
        )
    n = SCALE_N if SCALE_N in sizes else max(sizes)
    note = "" if n == SCALE_N else f" (N={SCALE_N} not run)"
    for op in OPERATIONS:
        ours = _median(find, "endpoint", op, n)
        for kind, label, limit in (
            ("same-bytes", "same-bytes baseline", SAME_BYTES_MAX_RATIO),
            ("baseline", "no-op baseline", NOOP_MAX_RATIO[op]),
        ):
            base = _median(find, kind, op, n)
            if ours is None or base is None:
                continue
            ratio = ours / base
            result.append(
                Target(
                    f"{op} N={n}: time vs {label}{note}",
                    f"<= {limit:g}x",
                    f"{ours:.2f} s / {base:.2f} s = {ratio:.2f}x",
                    ratio <= limit,
                )
            )
    return result
