"""The stack's config as the Pulumi CLI shows it, for pricing a review like the provider would."""

from __future__ import annotations

import json
import subprocess
from typing import Any


class StackConfigError(Exception):
    """The CLI could not show the config (not a project directory, no such stack, no CLI)."""


def stack_config(cwd: str | None, stack: str | None) -> dict[str, Any]:
    """``pulumi config --json --show-secrets``: key -> value (an object for structured config,
    e.g. ``novita:prices`` set with ``--path``). Secrets are decrypted to reach the API key; the
    values stay in this process."""
    command = [
        "pulumi",
        "config",
        "--json",
        "--show-secrets",
        *(["--stack", stack] if stack else []),
    ]
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise StackConfigError(f"cannot run pulumi: {error.strerror}") from None
    if result.returncode != 0:
        last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:]
        raise StackConfigError(f"`pulumi config` failed: {' '.join(last)}")
    try:
        shown = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        raise StackConfigError("`pulumi config --json` printed no JSON") from None
    config: dict[str, Any] = {}
    for key, entry in shown.items() if isinstance(shown, dict) else ():
        if isinstance(entry, dict):
            config[key] = entry.get("objectValue", entry.get("value"))
    return config
