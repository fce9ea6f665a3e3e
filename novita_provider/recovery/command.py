"""``python -m novita_provider recover``: after a ``pulumi up`` that was killed mid-create.

Run in the project directory, with the stack selected (or ``--stack``). It releases the lock
the killed run left (``pulumi cancel``), reads the pending creates from ``pulumi stack export``,
deletes each resource they made (found by the name recorded in the pending operation), and
clears them (``pulumi refresh --clear-pending-creates``). The next ``pulumi up`` then creates
exactly the program's resources, none twice and none untracked.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any

from ..api.client import NovitaClient
from ..api.settings import API_KEY_CONFIG, API_URL_CONFIG, ProviderSettings
from ..errors import NovitaError
from .cleanup import remove_pending
from .pending import pending_creates, tracked_ids

NAME = "recover"
HELP = "after an interrupted `pulumi up`: delete what its pending creates made, then clear them"


class PulumiFailed(Exception):
    pass


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stack", help="the stack (default: the selected one)")
    parser.add_argument("--cwd", default=".", help="the project directory")
    parser.add_argument("--dry-run", action="store_true", help="say what would be deleted")
    parser.add_argument("--api-url", help="Novita API URL (default: stack config, then env)")
    parser.add_argument("--api-key", help="Novita API key (default: stack config, then env)")


def run(args: argparse.Namespace) -> int:
    try:
        return _recover(args)
    except (NovitaError, PulumiFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _recover(args: argparse.Namespace) -> int:
    def pulumi(*words: str, check: bool = True) -> str:
        command = ["pulumi", *words, *(["--stack", args.stack] if args.stack else [])]
        result = subprocess.run(command, cwd=args.cwd, capture_output=True, text=True)
        if check and result.returncode != 0:
            last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:]
            raise PulumiFailed(f"`pulumi {' '.join(words)}` failed: {' '.join(last)}")
        return result.stdout

    if not args.dry_run:
        pulumi("cancel", "--yes", check=False)  # the killed run's lock, if any
    export: dict[str, Any] = json.loads(pulumi("stack", "export"))
    pending = pending_creates(export)
    if not pending:
        print("No pending creates: nothing to recover.")
        return 0
    client = NovitaClient(_settings(args, pulumi))
    try:
        tracked = tracked_ids(export)
        for item in pending:
            print(remove_pending(client, item, tracked, dry_run=args.dry_run).describe())
    finally:
        client.close()
    if not args.dry_run:
        pulumi("refresh", "--clear-pending-creates", "--yes", "--skip-preview")
        print("Cleared the pending creates; run `pulumi up`.")
    return 0


def _settings(args: argparse.Namespace, pulumi: Any) -> ProviderSettings:
    """Flags first, then the stack's config, then the environment."""
    env = ProviderSettings.resolve()

    def config(key: str) -> str | None:
        value = pulumi("config", "get", key, check=False).strip()
        return value or None

    return ProviderSettings(
        api_url=args.api_url or config(API_URL_CONFIG) or env.api_url,
        api_key=args.api_key or config(API_KEY_CONFIG) or env.api_key,
        request_timeout=env.request_timeout,
        max_retries=env.max_retries,
        retry_timeout=env.retry_timeout,
    )
