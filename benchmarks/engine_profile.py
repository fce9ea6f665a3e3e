"""The engine side of a profile (``--engine-profile N``): Pulumi's own ``--tracing`` and
``--profiling`` flags on each operation, one stack per kind.

For each kind and operation, ``<dir>/<kind>-<operation>-n<N>.trace`` (appdash spans: open with
``pulumi view-trace FILE``) and ``<dir>/<kind>-<operation>-n<N>.<pid>.{cpu,mem,trace}`` (Go pprof
CPU and heap profiles and a Go execution trace of the CLI process). When ``go`` is on ``PATH``,
the CPU profile's top functions are written next to it as ``....cpu.top.txt``
(``go tool pprof -top``). These runs use the CLI directly (the Automation API passes
``--tracing`` but not ``--profiling``) and are not part of the table: the flags cost time.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .engine import OPERATIONS, BenchStack
from .stacks import Kind

TOP_NODES = 30


def profile(
    stacks: Mapping[Kind, BenchStack], n: int, directory: Path, log: Callable[[str], None]
) -> dict[str, Any]:
    """Run up, preview, refresh, destroy on every stack with the engine's profiling flags."""
    directory.mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = {}
    for op in OPERATIONS:
        for kind, stack in stacks.items():
            tag = f"{kind}-{op}-n{n}"
            flags = [
                "--tracing",
                f"file:{directory / tag}.trace",
                "--profiling",
                str(directory / tag),
            ]
            seconds[tag] = round(stack.run_cli(op, flags), 3)
            log(f"  {kind:10} {op:8} N={n:<3} {seconds[tag]:7.2f} s (profiled engine)")
    tops = _write_tops(directory)
    return {"dir": str(directory), "n": n, "seconds": seconds, "cpu_top": tops}


def _write_tops(directory: Path) -> list[str]:
    go = shutil.which("go")
    if go is None:
        return []
    written = []
    for cpu in sorted(directory.glob("*.cpu")):
        result = subprocess.run(
            [go, "tool", "pprof", "-top", f"-nodecount={TOP_NODES}", str(cpu)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        top = cpu.with_name(cpu.name + ".top.txt")
        top.write_text(result.stdout)
        written.append(str(top))
    return written
