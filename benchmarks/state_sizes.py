"""What one resource weighs in the checkpoint the engine rewrites after every step.

Sizes are bytes of compact JSON of the stored values (secrets as stored: encrypted), per dynamic
resource (one carrying ``__provider``), averaged over the stack's such resources:
``inputs``, ``outputs``, the engine's own ``metadata`` (the entry minus inputs minus outputs:
URN, type, id, parent, provider reference, property dependencies, timestamps, source positions,
and the keys ``"inputs":``/``"outputs":`` themselves)
and the ``__provider`` value (stored in both inputs and outputs, so counted in both).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

PROVIDER_KEY = "__provider"


def _size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":")).encode())


@dataclass(frozen=True)
class StateSizes:
    """Mean bytes per dynamic resource in one checkpoint, and the checkpoint's own size."""

    resources: int
    entry: int
    inputs: int
    outputs: int
    metadata: int
    provider_stored: int
    checkpoint_file: int

    def to_json(self) -> dict[str, int]:
        return asdict(self)


def _resources(checkpoint: dict[str, Any]) -> list[dict[str, Any]]:
    latest = (checkpoint.get("checkpoint") or checkpoint).get("latest") or {}
    return [
        r
        for r in latest.get("resources") or []
        if PROVIDER_KEY in (r.get("inputs") or {}) and r.get("custom")
    ]


def measure(checkpoint_file: Path) -> StateSizes:
    """Per-resource sizes in the checkpoint file of a local backend."""
    raw = checkpoint_file.read_bytes()
    resources = _resources(json.loads(raw))
    if not resources:
        raise ValueError(f"no dynamic resources in {checkpoint_file}")
    n = len(resources)
    entry = sum(_size(r) for r in resources) // n
    inputs = sum(_size(r.get("inputs") or {}) for r in resources) // n
    outputs = sum(_size(r.get("outputs") or {}) for r in resources) // n
    provider = sum(_size(r["inputs"][PROVIDER_KEY]) for r in resources) // n
    metadata = entry - inputs - outputs
    return StateSizes(n, entry, inputs, outputs, metadata, provider, len(raw))
