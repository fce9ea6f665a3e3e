"""Loading and atomically saving the simulator's state file (JSON)."""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any


def load_state(path: str) -> dict[str, Any] | None:
    """The saved state, or None when the file does not exist."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return None
    if not isinstance(data, dict):
        raise ValueError(f"state file {path}: expected a JSON object")
    return data


def save_state(path: str, data: dict[str, Any]) -> None:
    """Write `data` to `path` atomically: a temporary file in the same folder, then rename."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix=".sim-state-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
