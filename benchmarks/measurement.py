"""What the benchmark records: timed operations and the targets they are checked against."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from .engine import Operation
from .stacks import Kind


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
        data["calls_per_resource"] = round(total(self.calls[0]) / self.n, 3)
        return data


@dataclass
class Target:
    name: str
    expected: str
    measured: str
    passed: bool


Find = Callable[[str, Kind, str, int], Measurement | None]
"""Look a measurement up by (phase, kind, operation, n)."""


def total(calls: dict[str, int]) -> int:
    return sum(calls.values())


def fmt_calls(calls: dict[str, int]) -> str:
    return ", ".join(f"{r} {c}" for r, c in calls.items()) or "none"
