"""``make bench``: time the Endpoint provider on the real Pulumi engine and count its API calls.

    python -m benchmarks.run [--sizes 1,10,50] [--readiness-n 20] [--ready-delay 5]
                             [--repeat 1] [--parallel P] [--no-warmup] [--no-readiness]
                             [--profile] [--out FILE]

1. For each N in ``--sizes``, against an in-process simulator with no delays: ``up``, a no-change
   ``preview``, ``refresh`` and ``destroy`` of a stack of N endpoints (``benchmarks/stacks.py``)
   and of a baseline stack of N no-op dynamic resources (the engine's own cost), interleaved
   operation by operation. The simulator's request log gives the API calls of each operation.
2. Readiness: ``--readiness-n`` endpoints with the simulator's ready delay ``--ready-delay``:
   ``up`` then ``destroy``, and the same N of the baseline; target ``up <= 2 * delay + baseline``.
3. A table, PASS/FAIL per target, and everything as JSON in ``--out``. Exit status 1 if an
   operation failed or a target was missed.

Each measured operation runs ``--repeat`` times (the median is reported); each stack lives in a
fresh workspace (temporary directory, local backend, private ``PULUMI_HOME``) that first gets one
untimed ``preview`` of a one-resource stack, so that one-off costs (first start of the CLI and the
Python processes in a new home, cold caches) stay out of the timings (``--no-warmup`` keeps them).
The engine's ``parallel`` setting is left at its default (``--parallel`` sets it): 4 x the CPUs,
so 8 operations at once on a 2-core machine, which bounds how many creates can wait for
readiness at the same time; the readiness run therefore uses ``--parallel N``
(``--readiness-parallel`` changes it), as a user deploying many endpoints would.
Measured on such a machine, the warm-up made no difference beyond the
noise (about 0.1 s) once the CLI had run at least once; it is kept as a guard for a cold start.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from novita_provider.simulator import SimulatorServer

from . import profiles
from .engine import (
    API_KEY,
    OPERATIONS,
    BenchStack,
    Operation,
    engine_default_parallel,
    pulumi_bin_dir,
)
from .stacks import (
    CREATE_ROUTE,
    DELETE_ROUTE,
    GET_ROUTE,
    KINDS,
    LIMITS_ROUTE,
    REPO,
    Kind,
    route_counts,
)

DEFAULT_OUT = REPO / "benchmarks" / "results" / "latest.json"
UP_DESTROY_MAX_RATIO = 1.3
PREVIEW_MAX_RATIO = 1.1
RATIO_TARGET_N = 50
READINESS_OPERATIONS: tuple[Operation, ...] = ("up", "destroy")


@dataclass
class Measurement:
    """One operation on one stack, run ``repeat`` times."""

    phase: str  # "sizes" or "readiness"
    kind: Kind
    operation: Operation
    n: int
    seconds: list[float] = field(default_factory=list)
    calls: list[dict[str, int]] = field(default_factory=list)  # per run, by "METHOD /path"
    changes: list[dict[str, int]] = field(default_factory=list)  # per run, as the engine says

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["median_seconds"] = round(self.median, 3)
        data["seconds"] = [round(s, 3) for s in self.seconds]
        data["calls_per_resource"] = round(_total(self.calls[0]) / self.n, 3)
        return data


@dataclass
class Target:
    name: str
    expected: str
    measured: str
    passed: bool


def _total(calls: dict[str, int]) -> int:
    return sum(calls.values())


def _others(calls: dict[str, int], *allowed: str) -> dict[str, int]:
    return {r: c for r, c in calls.items() if r not in allowed}


def _fmt_calls(calls: dict[str, int]) -> str:
    return ", ".join(f"{r} {c}" for r, c in calls.items()) or "none"


# -- running --------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace, root: Path) -> None:
        self.args = args
        self.root = root
        self.profile_dir: Path | None = Path(args.profile_dir).resolve() if args.profile else None
        self.measurements: list[Measurement] = []
        self.errors: list[str] = []

    def log(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    @contextmanager
    def stacks(
        self, sim: SimulatorServer, label: str, n: int, parallel: int | None = None
    ) -> Iterator[dict[Kind, BenchStack]]:
        """One fresh workspace per kind, warmed up, with ``count`` = n; removed afterwards."""
        stacks: dict[Kind, BenchStack] = {}
        try:
            for kind in KINDS:
                stack = BenchStack(
                    kind,
                    self.root / f"{label}-{kind}-{n}",
                    sim.api_url,
                    self.profile_dir,
                    parallel if parallel is not None else self.args.parallel,
                )
                stacks[kind] = stack
                if self.args.warmup:
                    stack.set_count(1)
                    stack.run("preview", profile_tag=f"warmup-{label}-{kind}-n{n}")
                stack.set_count(n)
            sim.clear_requests()
            yield stacks
        finally:
            for stack in stacks.values():
                stack.remove()
            sim.clear_requests()

    def measure(
        self,
        sim: SimulatorServer,
        stack: BenchStack,
        measurement: Measurement,
        rep: int,
    ) -> None:
        sim.clear_requests()
        tag = f"{measurement.phase}-{stack.kind}-{measurement.operation}-n{measurement.n}-r{rep}"
        timed = stack.run(measurement.operation, profile_tag=tag)
        measurement.seconds.append(timed.seconds)
        measurement.calls.append(route_counts(sim.requests()))
        measurement.changes.append(timed.changes)
        sim.clear_requests()
        self.log(
            f"  {stack.kind:8} {measurement.operation:8} N={measurement.n:<3} "
            f"{timed.seconds:7.2f} s  calls: {_fmt_calls(measurement.calls[-1])}"
        )

    def run_sizes(self, sim: SimulatorServer) -> None:
        for n in self.args.sizes:
            self.log(f"== N={n}: up, preview, refresh, destroy (ready delay 0)")
            rows = {
                (kind, op): Measurement("sizes", kind, op, n) for kind in KINDS for op in OPERATIONS
            }
            try:
                with self.stacks(sim, "sizes", n) as stacks:
                    for rep in range(self.args.repeat):
                        for op in OPERATIONS:
                            # Interleaved so that drift in the machine's load hits both alike.
                            for kind in KINDS if rep % 2 else KINDS[::-1]:
                                self.measure(sim, stacks[kind], rows[kind, op], rep)
            except Exception as exc:
                self.errors.append(f"N={n}: {exc}")
                self.log(f"!! N={n} failed: {exc}")
            self.measurements.extend(m for m in rows.values() if m.seconds)

    def run_readiness(self, sim: SimulatorServer) -> None:
        n, delay = self.args.readiness_n, self.args.ready_delay
        parallel = self.args.readiness_parallel or n
        self.log(
            f"== readiness: N={n}, ready delay {delay:g} s, terminate delay 0, "
            f"engine --parallel {parallel}"
        )
        sim.configure(ready_delay=delay, terminate_delay=0.0)
        rows = {
            (kind, op): Measurement("readiness", kind, op, n)
            for kind in KINDS
            for op in READINESS_OPERATIONS
        }
        try:
            with self.stacks(sim, "readiness", n, parallel) as stacks:
                for rep in range(self.args.repeat):
                    for op in READINESS_OPERATIONS:
                        for kind in KINDS:
                            self.measure(sim, stacks[kind], rows[kind, op], rep)
        except Exception as exc:
            self.errors.append(f"readiness: {exc}")
            self.log(f"!! readiness failed: {exc}")
        finally:
            sim.configure(ready_delay=0.0, terminate_delay=0.0)
        self.measurements.extend(m for m in rows.values() if m.seconds)

    def find(self, phase: str, kind: Kind, op: str, n: int) -> Measurement | None:
        for m in self.measurements:
            if (m.phase, m.kind, m.operation, m.n) == (phase, kind, op, n):
                return m
        return None


# -- evaluating -----------------------------------------------------------------------------


def table_rows(bench: Bench) -> list[dict[str, Any]]:
    rows = []
    for phase, ops, sizes in (
        ("sizes", OPERATIONS, bench.args.sizes),
        ("readiness", READINESS_OPERATIONS, [bench.args.readiness_n]),
    ):
        for op in ops:
            for n in sizes:
                ep = bench.find(phase, "endpoint", op, n)
                base = bench.find(phase, "baseline", op, n)
                if ep is None:
                    continue
                label = op if phase == "sizes" else f"{op} (ready {bench.args.ready_delay:g}s)"
                rows.append(
                    {
                        "operation": label,
                        "n": n,
                        "endpoint_s": round(ep.median, 2),
                        "baseline_s": round(base.median, 2) if base else None,
                        "ratio": round(ep.median / base.median, 2) if base else None,
                        "calls_per_resource": round(_total(ep.calls[0]) / n, 2),
                        "calls": ep.calls[0],
                    }
                )
    return rows


def evaluate(bench: Bench) -> tuple[list[Target], dict[str, Any]]:
    targets: list[Target] = []
    for n in bench.args.sizes:
        targets.extend(_count_targets(bench, n))
    targets.extend(_ratio_targets(bench))
    readiness, target = _readiness(bench)
    if target is not None:
        targets.append(target)
    return targets, readiness


def _count_targets(bench: Bench, n: int) -> list[Target]:
    targets = []
    preview = bench.find("sizes", "endpoint", "preview", n)
    if preview:
        ok = all(
            not _others(c, LIMITS_ROUTE) and c.get(LIMITS_ROUTE, 0) <= 1 for c in preview.calls
        )
        targets.append(
            Target(
                f"preview N={n}: 0 API calls per resource",
                f"none but <= 1 {LIMITS_ROUTE} (one provider process)",
                _fmt_calls(preview.calls[0]),
                ok,
            )
        )
    refresh = bench.find("sizes", "endpoint", "refresh", n)
    if refresh:
        ok = all(c == {GET_ROUTE: n} for c in refresh.calls)
        targets.append(
            Target(
                f"refresh N={n}: 1 GET per resource",
                f"{GET_ROUTE} {n}, nothing else",
                _fmt_calls(refresh.calls[0]),
                ok,
            )
        )
    for op, mutation, allowed in (
        ("up", CREATE_ROUTE, (CREATE_ROUTE, GET_ROUTE, LIMITS_ROUTE)),
        ("destroy", DELETE_ROUTE, (DELETE_ROUTE, GET_ROUTE)),
    ):
        m = bench.find("sizes", "endpoint", op, n)
        if m is None:
            continue
        ok = all(
            c.get(mutation, 0) == n
            and not _others(c, *allowed)
            and c.get(LIMITS_ROUTE, 0) <= 1
            and c.get(GET_ROUTE, 0) >= n
            for c in m.calls
        )
        polls = m.calls[0].get(GET_ROUTE, 0) / n
        targets.append(
            Target(
                f"{op} N={n}: 1 {mutation} per resource + polls",
                f"{mutation} {n}, {GET_ROUTE} polls only"
                + (f", <= 1 {LIMITS_ROUTE}" if op == "up" else ""),
                f"{_fmt_calls(m.calls[0])} (polls/resource {polls:.2f})",
                ok,
            )
        )
    return targets


def _ratio_targets(bench: Bench) -> list[Target]:
    n = RATIO_TARGET_N if RATIO_TARGET_N in bench.args.sizes else max(bench.args.sizes)
    targets = []
    for op, limit in (
        ("up", UP_DESTROY_MAX_RATIO),
        ("preview", PREVIEW_MAX_RATIO),
        ("destroy", UP_DESTROY_MAX_RATIO),
    ):
        ep = bench.find("sizes", "endpoint", op, n)
        base = bench.find("sizes", "baseline", op, n)
        if ep is None or base is None:
            continue
        ratio = ep.median / base.median
        note = "" if n == RATIO_TARGET_N else f" (N={RATIO_TARGET_N} not run)"
        targets.append(
            Target(
                f"{op} N={n}: time vs baseline{note}",
                f"<= {limit:g}x",
                f"{ep.median:.2f} s / {base.median:.2f} s = {ratio:.2f}x",
                ratio <= limit,
            )
        )
    return targets


def _readiness(bench: Bench) -> tuple[dict[str, Any], Target | None]:
    n, delay = bench.args.readiness_n, bench.args.ready_delay
    ep = bench.find("readiness", "endpoint", "up", n)
    base = bench.find("readiness", "baseline", "up", n)
    destroy = bench.find("readiness", "endpoint", "destroy", n)
    if ep is None or base is None:
        return {"n": n, "ready_delay_s": delay, "error": "not measured"}, None
    target_s = 2 * delay + base.median
    result = {
        "n": n,
        "ready_delay_s": delay,
        "readiness_up_s": round(ep.median, 2),
        "baseline_up_s": round(base.median, 2),
        "target_s": round(target_s, 2),
        "met": ep.median <= target_s,
        "polls_per_resource": round(ep.calls[0].get(GET_ROUTE, 0) / n, 2),
        "up_calls": ep.calls[0],
        "destroy_s": round(destroy.median, 2) if destroy else None,
        "destroy_calls": destroy.calls[0] if destroy else None,
    }
    target = Target(
        f"readiness up N={n}, ready delay {delay:g} s",
        f"<= 2 x {delay:g} s + baseline up {base.median:.2f} s = {target_s:.2f} s",
        f"{ep.median:.2f} s ({result['polls_per_resource']} polls/resource)",
        ep.median <= target_s,
    )
    return result, target


# -- reporting ------------------------------------------------------------------------------


def print_table(rows: Sequence[dict[str, Any]]) -> None:
    header = (
        f"{'operation':<20} {'N':>3} {'endpoint s':>10} {'baseline s':>10} {'ratio':>6} "
        f"{'calls/res':>9}  API calls (method path count)"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        base = "-" if r["baseline_s"] is None else f"{r['baseline_s']:.2f}"
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}"
        print(
            f"{r['operation']:<20} {r['n']:>3} {r['endpoint_s']:>10.2f} {base:>10} {ratio:>6} "
            f"{r['calls_per_resource']:>9.2f}  {_fmt_calls(r['calls'])}"
        )


def print_targets(targets: Sequence[Target]) -> None:
    for t in targets:
        print(
            f"{'PASS' if t.passed else 'FAIL'}  {t.name}: expected {t.expected}; got {t.measured}"
        )


def parallel_label(args: argparse.Namespace) -> str:
    if args.parallel is not None:
        return f"engine --parallel {args.parallel}"
    return f"engine parallel default ({engine_default_parallel()} here)"


def pulumi_version() -> str:
    result = subprocess.run(
        [str(pulumi_bin_dir() / "pulumi"), "version"],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
        env={**os.environ, "PULUMI_SKIP_UPDATE_CHECK": "true"},
    )
    return result.stdout.strip()


# -- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Time the Novita Endpoint provider on the real Pulumi engine against the "
        "local simulator, next to a no-op dynamic-resource baseline, and count its API calls.",
    )
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x) for x in s.split(",") if x.strip()],
        default=[1, 10, 50],
        help="stack sizes (comma-separated; default 1,10,50)",
    )
    parser.add_argument("--readiness-n", type=int, default=20, help="default 20")
    parser.add_argument(
        "--readiness-parallel",
        type=int,
        default=None,
        help="engine --parallel for the readiness run (default: N, so that the engine's own "
        "limit of 4 x CPUs operations at once is not what is measured)",
    )
    parser.add_argument(
        "--ready-delay", type=float, default=5.0, help="simulator ready delay, s (default 5)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per operation, the median is kept"
    )
    parser.add_argument(
        "--parallel",
        type=int,
        default=None,
        help="pass --parallel to the engine (default: the engine's own, 4 x CPUs or "
        "$PULUMI_PARALLEL)",
    )
    parser.add_argument(
        "--no-warmup",
        dest="warmup",
        action="store_false",
        help="skip the untimed one-resource preview in each fresh workspace",
    )
    parser.add_argument(
        "--no-readiness", dest="readiness", action="store_false", help="skip the readiness part"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run each dynamic-provider process under cProfile (all threads; timings then "
        "include the profiler's overhead)",
    )
    parser.add_argument(
        "--profile-dir",
        default=str(REPO / "benchmarks" / "results" / "profile"),
        help="where --profile writes <phase>-<kind>-<operation>-n<N>-r<run>.<pid>.prof",
    )
    parser.add_argument(
        "--out", default=str(DEFAULT_OUT), help=f"JSON file (default {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    if not args.sizes or min(args.sizes) < 1 or args.repeat < 1 or args.readiness_n < 1:
        parser.error("sizes, --repeat and --readiness-n must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    root = Path(tempfile.mkdtemp(prefix="novita-bench-"))
    bench = Bench(args, root)
    if bench.profile_dir is not None:
        shutil.rmtree(bench.profile_dir, ignore_errors=True)
        bench.profile_dir.mkdir(parents=True)
    bench.log(
        f"pulumi {pulumi_version()} from {pulumi_bin_dir()}; work dir {root}; "
        f"warm-up {'on' if args.warmup else 'off'}; repeat {args.repeat}"
        + ("; PROFILING (timings include profiler overhead)" if args.profile else "")
    )
    try:
        with SimulatorServer(api_key=API_KEY, ready_delay=0.0, terminate_delay=0.0) as sim:
            bench.run_sizes(sim)
            if args.readiness:
                bench.run_readiness(sim)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    rows = table_rows(bench)
    targets, readiness = evaluate(bench)
    print()
    warmup = "one untimed one-resource preview per fresh workspace first"
    print(
        f"Novita Endpoint vs no-op baseline, real engine (median of {args.repeat}; "
        f"{warmup if args.warmup else 'no warm-up'}; {parallel_label(args)}; "
        "simulator in-process)"
    )
    print_table(rows)
    print()
    print_targets(targets)
    for error in bench.errors:
        print(f"ERROR {error}")

    result: dict[str, Any] = {
        "meta": {
            "started": started.isoformat(timespec="seconds"),
            "pulumi": pulumi_version(),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "sizes": args.sizes,
            "repeat": args.repeat,
            "warmup": args.warmup,
            "parallel": parallel_label(args),
            "profiled": args.profile,
        },
        "table": rows,
        "readiness": readiness,
        "targets": [asdict(t) for t in targets],
        "measurements": [m.to_json() for m in bench.measurements],
        "errors": bench.errors,
    }
    if bench.profile_dir is not None:
        summary = profiles.summarize(bench.profile_dir)
        result["profiles_dir"] = str(bench.profile_dir)
        result["profiles"] = summary
        print()
        profiles.print_summary(summary)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nJSON: {out}")
    if bench.profile_dir is not None:
        print(f"provider profiles (pstats): {bench.profile_dir}")
    return 1 if bench.errors or not all(t.passed for t in targets) else 0


if __name__ == "__main__":
    sys.exit(main())
