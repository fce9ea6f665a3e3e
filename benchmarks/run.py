"""``make bench``: time the Endpoint provider on the real Pulumi engine and count its API calls.

    python -m benchmarks.run [--sizes 1,10,50,200] [--readiness-n 20] [--ready-delay 5]
                             [--repeat 1] [--parallel P] [--no-warmup] [--no-readiness]
                             [--no-same-bytes] [--breakdown] [--profile] [--engine-profile N]
                             [--out FILE]

0. The same-bytes template: one endpoint is deployed, its state exported, and its inputs and
   outputs written for the same-bytes baseline (``benchmarks/same_bytes.py``).
1. For each N in ``--sizes``, against an in-process simulator with no delays: ``up``, a no-change
   ``preview``, ``refresh`` and ``destroy`` of a stack of N endpoints (``benchmarks/stacks.py``),
   of a baseline stack of N no-op dynamic resources (the engine's own cost per resource) and of
   a stack of N same-bytes no-op resources (the engine's cost for an endpoint's state),
   interleaved operation by operation. The simulator's request log gives the API calls of each
   operation; each stack's checkpoint after ``up`` gives the state per resource
   (``benchmarks/state_sizes.py``).
2. With ``--breakdown``: at the largest size, ``preview`` and ``refresh`` of ours, of the
   same-bytes baseline and of the same-bytes baseline whose provider process first imports ours
   and builds its client, interleaved: ours minus same-bytes, split into our process's start and
   our per-resource work.
   With ``--engine-profile N``: each operation once more at size N under the CLI's own
   ``--tracing`` and ``--profiling`` (``benchmarks/engine_profile.py``).
3. Readiness: ``--readiness-n`` endpoints with the simulator's ready delay ``--ready-delay``:
   ``up`` then ``destroy``, and the same N of the no-op baseline; target
   ``up <= 2 * delay + baseline``.
4. A table, the fixed overhead and marginal cost (``benchmarks/scaling.py``), the state per
   resource and one endpoint's stored fields with their reasons (``benchmarks/state_fields.py``),
   PASS/FAIL per target, and everything as JSON in ``--out``. Exit status 1 if an operation
   failed or a target was missed.

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
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from novita_provider.simulator import SimulatorServer

from . import engine_profile, profiles, scaling, state_fields, state_sizes
from .engine import (
    API_KEY,
    OPERATIONS,
    BenchStack,
    Operation,
    engine_default_parallel,
    pulumi_bin_dir,
)
from .measurement import Measurement, Target, fmt_calls, total
from .same_bytes import LOAD_OURS_ENV, TEMPLATE_ENV, template_from_deployment
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
BREAKDOWN = "breakdown"
BREAKDOWN_LOADED = "breakdown-loaded"
BREAKDOWN_OPERATIONS: tuple[Operation, ...] = ("preview", "refresh")
READINESS_KINDS: tuple[Kind, ...] = ("endpoint", "baseline")
KIND_LABELS: dict[Kind, str] = {
    "endpoint": "ours",
    "baseline": "no-op baseline",
    "same-bytes": "same-bytes baseline",
    "native": "native provider",
}


def _others(calls: dict[str, int], *allowed: str) -> dict[str, int]:
    return {r: c for r, c in calls.items() if r not in allowed}


# -- running --------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace, root: Path) -> None:
        self.args = args
        self.root = root
        self.profile_dir: Path | None = Path(args.profile_dir).resolve() if args.profile else None
        self.measurements: list[Measurement] = []
        self.errors: list[str] = []
        self.template_file = root / "same-bytes-template.json"
        self.template: dict[str, Any] | None = None
        # Per kind, per N: what one resource weighs in the checkpoint after `up`.
        self.state: dict[Kind, dict[int, state_sizes.StateSizes]] = {}
        # One endpoint's stored fields, from the first endpoint stack's checkpoint after `up`.
        self.fields: list[state_fields.FieldSize] = []

    def log(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    def new_stack(
        self,
        sim: SimulatorServer,
        kind: Kind,
        workdir: Path,
        parallel: int | None = None,
        *,
        load_ours: bool = False,
    ) -> BenchStack:
        extra_env = {TEMPLATE_ENV: str(self.template_file)} if kind == "same-bytes" else {}
        if load_ours:
            extra_env[LOAD_OURS_ENV] = "1"
        return BenchStack(
            kind,
            workdir,
            sim.api_url,
            self.profile_dir,
            parallel if parallel is not None else self.args.parallel,
            extra_env,
        )

    def prepare_same_bytes(self, sim: SimulatorServer) -> None:
        """Deploy one endpoint, export its state and write the same-bytes baseline's template."""
        self.log("== same-bytes template: one endpoint, up, export, destroy")
        stack = self.new_stack(sim, "endpoint", self.root / "template")
        try:
            stack.set_count(1)
            stack.run("up", profile_tag="template-endpoint-up")
            deployment = stack.stack.export_stack().deployment or {}
            self.template = template_from_deployment(deployment, "::inference-0")
            self.template_file.write_text(json.dumps(self.template, indent=1))
        finally:
            stack.remove()
            sim.clear_requests()

    @contextmanager
    def stacks(
        self,
        sim: SimulatorServer,
        label: str,
        n: int,
        parallel: int | None = None,
        kinds: Sequence[Kind] = KINDS,
    ) -> Iterator[dict[Kind, BenchStack]]:
        """One fresh workspace per kind, warmed up, with ``count`` = n; removed afterwards."""
        stacks: dict[Kind, BenchStack] = {}
        try:
            for kind in kinds:
                stack = self.new_stack(sim, kind, self.root / f"{label}-{kind}-{n}", parallel)
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
        if measurement.operation == "up" and measurement.phase == "sizes" and rep == 0:
            sizes = state_sizes.measure(stack.checkpoint_file())
            self.state.setdefault(stack.kind, {})[measurement.n] = sizes
            if stack.kind == "endpoint" and not self.fields:
                self.fields = state_fields.measure(stack.checkpoint_file())
        label = f"{stack.kind}+load" if measurement.phase == BREAKDOWN_LOADED else stack.kind
        self.log(
            f"  {label:8} {measurement.operation:8} N={measurement.n:<3} "
            f"{timed.seconds:7.2f} s (Automation API call {timed.wall_seconds:.2f} s)  "
            f"calls: {fmt_calls(measurement.calls[-1])}"
        )

    def run_sizes(self, sim: SimulatorServer) -> None:
        kinds = KINDS if self.template is not None else READINESS_KINDS
        for n in self.args.sizes:
            self.log(f"== N={n}: up, preview, refresh, destroy (ready delay 0)")
            rows = {
                (kind, op): Measurement("sizes", kind, op, n) for kind in kinds for op in OPERATIONS
            }
            try:
                with self.stacks(sim, "sizes", n, kinds=kinds) as stacks:
                    for rep in range(self.args.repeat):
                        for op in OPERATIONS:
                            # Interleaved so that drift in the machine's load hits all alike.
                            for kind in kinds[::-1] if rep % 2 else kinds:
                                self.measure(sim, stacks[kind], rows[kind, op], rep)
            except Exception as exc:
                self.errors.append(f"N={n}: {exc}")
                self.log(f"!! N={n} failed: {exc}")
            self.measurements.extend(m for m in rows.values() if m.seconds)

    def run_breakdown(self, sim: SimulatorServer) -> None:
        """``--breakdown``: at the largest size, ours against the same-bytes baseline with and
        without our provider's imports and client in its process (see ``same_bytes``), for
        preview and refresh, interleaved."""
        n = max(self.args.sizes)
        self.log(f"== breakdown: N={n}, preview and refresh, same-bytes with our process's start")
        variants: tuple[tuple[str, Kind, bool], ...] = (
            (BREAKDOWN, "endpoint", False),
            (BREAKDOWN, "same-bytes", False),
            (BREAKDOWN_LOADED, "same-bytes", True),
        )
        rows = {
            (phase, kind, op): Measurement(phase, kind, op, n)
            for phase, kind, _ in variants
            for op in BREAKDOWN_OPERATIONS
        }
        stacks: list[tuple[str, BenchStack]] = []
        try:
            for phase, kind, load in variants:
                workdir = self.root / f"{phase}-{kind}-{n}"
                stack = self.new_stack(sim, kind, workdir, load_ours=load)
                stacks.append((phase, stack))
                stack.set_count(n)
                stack.run("up", profile_tag=f"{phase}-{kind}-up-n{n}")
            sim.clear_requests()
            for rep in range(max(self.args.repeat, 3)):
                for op in BREAKDOWN_OPERATIONS:
                    for phase, stack in stacks[::-1] if rep % 2 else stacks:
                        self.measure(sim, stack, rows[phase, stack.kind, op], rep)
        except Exception as exc:
            self.errors.append(f"breakdown: {exc}")
            self.log(f"!! breakdown failed: {exc}")
        finally:
            for _, stack in stacks:
                stack.remove()
            sim.clear_requests()
        self.measurements.extend(m for m in rows.values() if m.seconds)

    def run_engine_profile(self, sim: SimulatorServer) -> dict[str, Any]:
        """``--engine-profile N``: the engine's own tracing and profiling flags at one size."""
        n = self.args.engine_profile
        directory = Path(self.args.engine_profile_dir).resolve()
        shutil.rmtree(directory, ignore_errors=True)
        kinds = KINDS if self.template is not None else READINESS_KINDS
        self.log(f"== engine profile: N={n}, --tracing and --profiling, into {directory}")
        try:
            with self.stacks(sim, "engine-profile", n, kinds=kinds) as stacks:
                return engine_profile.profile(stacks, n, directory, self.log)
        except Exception as exc:
            self.errors.append(f"engine profile: {exc}")
            self.log(f"!! engine profile failed: {exc}")
            return {"dir": str(directory), "n": n, "error": str(exc)}

    def run_readiness(self, sim: SimulatorServer) -> None:
        n, delay = self.args.readiness_n, self.args.ready_delay
        parallel = self.args.readiness_parallel or n
        self.log(
            f"== readiness: N={n}, ready delay {delay:g} s, terminate delay 0, "
            f"engine --parallel {parallel}"
        )
        sim.configure(ready_delay=delay, terminate_delay=0.0)
        kinds: tuple[Kind, ...] = (*READINESS_KINDS, *(("native",) if self.args.native else ()))
        rows = {
            (kind, op): Measurement("readiness", kind, op, n)
            for kind in kinds
            for op in READINESS_OPERATIONS
        }
        try:
            with self.stacks(sim, "readiness", n, parallel, kinds) as stacks:
                for rep in range(self.args.repeat):
                    for op in READINESS_OPERATIONS:
                        for kind in kinds:
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
                same = bench.find(phase, "same-bytes", op, n)
                if ep is None:
                    continue
                label = op if phase == "sizes" else f"{op} (ready {bench.args.ready_delay:g}s)"
                rows.append(
                    {
                        "operation": label,
                        "n": n,
                        "endpoint_s": round(ep.median, 2),
                        "baseline_s": round(base.median, 2) if base else None,
                        "same_bytes_s": round(same.median, 2) if same else None,
                        "ratio": round(ep.median / base.median, 2) if base else None,
                        "ratio_same_bytes": round(ep.median / same.median, 2) if same else None,
                        "calls_per_resource": round(total(ep.calls[0]) / n, 2),
                        "calls": ep.calls[0],
                    }
                )
    return rows


def evaluate(bench: Bench) -> tuple[list[Target], dict[str, Any]]:
    targets: list[Target] = []
    for n in bench.args.sizes:
        targets.extend(_count_targets(bench, n))
    targets.extend(_ratio_targets(bench))
    targets.extend(scaling.targets(bench.find, bench.args.sizes))
    readiness, target = _readiness(bench)
    if bench.args.native:
        native, native_target = _readiness(bench, "native")
        readiness["native"] = native
        if native_target is not None:
            targets.append(native_target)
    if target is not None:
        targets.append(target)
    return targets, readiness


def _count_targets(bench: Bench, n: int) -> list[Target]:
    targets = []
    preview = bench.find("sizes", "endpoint", "preview", n)
    if preview:
        ok = all(not c for c in preview.calls)
        targets.append(
            Target(
                f"preview N={n}: no API call",
                "none (no value changed, so none is checked against the account's limits)",
                fmt_calls(preview.calls[0]),
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
                fmt_calls(refresh.calls[0]),
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
                f"{fmt_calls(m.calls[0])} (polls/resource {polls:.2f})",
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


def _readiness(bench: Bench, kind: Kind = "endpoint") -> tuple[dict[str, Any], Target | None]:
    n, delay = bench.args.readiness_n, bench.args.ready_delay
    ep = bench.find("readiness", kind, "up", n)
    base = bench.find("readiness", "baseline", "up", n)
    destroy = bench.find("readiness", kind, "destroy", n)
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
        f"readiness up N={n}, ready delay {delay:g} s ({KIND_LABELS[kind]})",
        f"<= 2 x {delay:g} s + baseline up {base.median:.2f} s = {target_s:.2f} s",
        f"{ep.median:.2f} s ({result['polls_per_resource']} polls/resource)",
        ep.median <= target_s,
    )
    return result, target


# -- reporting ------------------------------------------------------------------------------


def _cell(value: float | None, width: int) -> str:
    return f"{'-' if value is None else f'{value:.2f}':>{width}}"


def print_table(rows: Sequence[dict[str, Any]]) -> None:
    header = (
        f"{'operation':<20} {'N':>3} {'ours s':>7} {'no-op s':>7} {'same-B s':>8} "
        f"{'/no-op':>6} {'/same-B':>7} {'calls/res':>9}  API calls (method path count)"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['operation']:<20} {r['n']:>3} {r['endpoint_s']:>7.2f} "
            f"{_cell(r['baseline_s'], 7)} {_cell(r['same_bytes_s'], 8)} "
            f"{_cell(r['ratio'], 6)} {_cell(r['ratio_same_bytes'], 7)} "
            f"{r['calls_per_resource']:>9.2f}  {fmt_calls(r['calls'])}"
        )


def print_scaling(overhead: Sequence[dict[str, Any]], marginal: Sequence[dict[str, Any]]) -> None:
    if overhead:
        print(f"Fixed overhead at N={scaling.OVERHEAD_N} (ours minus baseline):")
        for r in overhead:
            same = r["overhead_vs_same_bytes_s"]
            print(
                f"  {r['operation']:<8} vs no-op {r['overhead_vs_noop_s']:+.2f} s"
                + ("" if same is None else f", vs same-bytes {same:+.2f} s")
            )
    if marginal:
        print(
            f"Marginal cost per resource, N={scaling.SLOPE_FROM}->{scaling.SLOPE_TO} "
            "(ms per extra resource; ratio ours / baseline):"
        )
        for r in marginal:
            same, vs_same = r["same_bytes_ms_per_resource"], r["ratio_vs_same_bytes"]
            vs_noop = r["ratio_vs_baseline"]
            print(
                f"  {r['operation']:<8} ours {r['endpoint_ms_per_resource']:7.1f}  "
                f"no-op {r['baseline_ms_per_resource']:7.1f}"
                + ("" if same is None else f"  same-bytes {same:7.1f}")
                + f"  ratio vs no-op {'-' if vs_noop is None else f'{vs_noop:.2f}x'}"
                + ("" if vs_same is None else f", vs same-bytes {vs_same:.2f}x")
            )


def print_state(state: dict[Kind, dict[int, state_sizes.StateSizes]], provider_chars: int) -> None:
    print(
        "State per resource after up (bytes of compact JSON in the checkpoint, secrets "
        "encrypted; __provider counted in inputs and outputs):"
    )
    print(
        f"  {'stack':<20} {'N':>3} {'entry':>6} {'inputs':>6} {'outputs':>7} {'engine':>6} "
        f"{'__provider':>10} {'checkpoint file':>15}"
    )
    for kind, by_n in state.items():
        for n, s in sorted(by_n.items()):
            print(
                f"  {KIND_LABELS[kind]:<20} {n:>3} {s.entry:>6} {s.inputs:>6} {s.outputs:>7} "
                f"{s.metadata:>6} {s.provider_stored:>10} {s.checkpoint_file:>15}"
            )
    if provider_chars:
        print(f"  ours: __provider pickle {provider_chars} base64 characters before encryption")


def breakdown(bench: Bench) -> list[dict[str, Any]]:
    """``--breakdown``: ours minus same-bytes, split at the same-bytes run whose process loads
    ours."""
    rows = []
    for op in BREAKDOWN_OPERATIONS:
        n = max(bench.args.sizes)
        ours = bench.find(BREAKDOWN, "endpoint", op, n)
        same = bench.find(BREAKDOWN, "same-bytes", op, n)
        loaded = bench.find(BREAKDOWN_LOADED, "same-bytes", op, n)
        if ours is None or same is None or loaded is None:
            continue
        rows.append(
            {
                "operation": op,
                "n": n,
                "endpoint_s": round(ours.median, 2),
                "same_bytes_s": round(same.median, 2),
                "same_bytes_loading_ours_s": round(loaded.median, 2),
                "process_start_s": round(loaded.median - same.median, 2),
                "per_resource_work_s": round(ours.median - loaded.median, 2),
                "ratio_same_bytes": round(ours.median / same.median, 2),
            }
        )
    return rows


def print_breakdown(rows: Sequence[dict[str, Any]]) -> None:
    print(
        "Ours minus same-bytes, split (--breakdown; medians of interleaved runs): our process's "
        "start\n(same-bytes whose provider process imports ours and builds its client, minus "
        "same-bytes) and\nour per-resource work (ours minus that):"
    )
    print(
        f"  {'operation':<9} {'N':>3} {'ours':>6} {'same-B':>7} {'same-B+load':>11} "
        f"{'start':>7} {'per-resource':>12} {'/same-B':>7}"
    )
    for r in rows:
        print(
            f"  {r['operation']:<9} {r['n']:>3} {r['endpoint_s']:>6.2f} {r['same_bytes_s']:>7.2f} "
            f"{r['same_bytes_loading_ours_s']:>11.2f} {r['process_start_s']:>+7.2f} "
            f"{r['per_resource_work_s']:>+12.2f} {r['ratio_same_bytes']:>6.2f}x"
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
        default=[1, 10, 50, 200],
        help="stack sizes (comma-separated; default 1,10,50,200; the fixed overhead needs 1, "
        "the marginal cost 10 and 50, the scale targets 200)",
    )
    parser.add_argument("--readiness-n", type=int, default=20, help="default 20")
    parser.add_argument(
        "--native",
        action="store_true",
        help="run the readiness phase through the native provider plugin too, with its own "
        "target (the same: 2 ready delays plus the baseline)",
    )
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
        "--no-same-bytes",
        dest="same_bytes",
        action="store_false",
        help="skip the same-bytes baseline (and the one-endpoint deployment its template needs)",
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="at the largest size, also time preview and refresh of the same-bytes baseline "
        "whose provider process imports ours and builds its client, splitting ours minus "
        "same-bytes into our process's start and our per-resource work (median of >= 3)",
    )
    parser.add_argument(
        "--engine-profile",
        type=int,
        default=None,
        metavar="N",
        help="also run each operation once at size N with the CLI's --tracing and --profiling "
        "(untimed in the table; see benchmarks/engine_profile.py)",
    )
    parser.add_argument(
        "--engine-profile-dir",
        default=str(REPO / "benchmarks" / "results" / "engine-profile"),
        help="where --engine-profile writes its traces and pprof profiles",
    )
    parser.add_argument(
        "--out", default=str(DEFAULT_OUT), help=f"JSON file (default {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    if not args.sizes or min(args.sizes) < 1 or args.repeat < 1 or args.readiness_n < 1:
        parser.error("sizes, --repeat and --readiness-n must be positive")
    if args.engine_profile is not None and args.engine_profile < 1:
        parser.error("--engine-profile must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    root = Path(tempfile.mkdtemp(prefix="novita-bench-"))
    bench = Bench(args, root)
    engine_profiled: dict[str, Any] | None = None
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
            if args.same_bytes:
                try:
                    bench.prepare_same_bytes(sim)
                except Exception as exc:
                    bench.errors.append(f"same-bytes template: {exc}")
                    bench.log(f"!! same-bytes template failed: {exc}")
            bench.run_sizes(sim)
            if args.breakdown and bench.template is not None:
                bench.run_breakdown(sim)
            if args.engine_profile is not None:
                engine_profiled = bench.run_engine_profile(sim)
            if args.readiness:
                bench.run_readiness(sim)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    rows = table_rows(bench)
    targets, readiness = evaluate(bench)
    overhead, marginal = scaling.fixed_overhead(bench.find), scaling.marginal_cost(bench.find)
    provider_chars = int(bench.template["provider_chars"]) if bench.template else 0
    print()
    warmup = "one untimed one-resource preview per fresh workspace first"
    print(
        "Novita Endpoint (ours) vs a no-op baseline (the engine's cost per resource) and a "
        "same-bytes\nbaseline (no-op resources with an endpoint's state: the engine's cost for "
        f"this much state);\nreal engine (median of {args.repeat}; "
        f"{warmup if args.warmup else 'no warm-up'}; {parallel_label(args)}; "
        "simulator in-process)"
    )
    print_table(rows)
    print()
    print_scaling(overhead, marginal)
    if bench.state:
        print()
        print_state(bench.state, provider_chars)
    if bench.fields:
        state_fields.print_fields(bench.fields)
    split = breakdown(bench)
    if split:
        print()
        print_breakdown(split)
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
        "fixed_overhead": overhead,
        "marginal_cost": marginal,
        "state_per_resource": {
            kind: {str(n): s.to_json() for n, s in sorted(by_n.items())}
            for kind, by_n in bench.state.items()
        },
        "provider_pickle_chars": provider_chars,
        "endpoint_fields": [f.to_json() for f in bench.fields],
        "breakdown": split,
        "same_bytes_template": bench.template,
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
    if engine_profiled is not None:
        result["engine_profile"] = engine_profiled
        print(f"\nengine traces and pprof profiles: {engine_profiled['dir']}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nJSON: {out}")
    if bench.profile_dir is not None:
        print(f"provider profiles (pstats): {bench.profile_dir}")
    return 1 if bench.errors or not all(t.passed for t in targets) else 0


if __name__ == "__main__":
    sys.exit(main())
