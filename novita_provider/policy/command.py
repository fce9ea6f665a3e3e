"""``python -m novita_provider policy path``: where the policy pack is, for ``--policy-pack``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Final

NAME: Final = "policy"
HELP: Final = "the CrossGuard policy pack: `policy path` prints its directory"
PACK_DIR: Final = Path(__file__).resolve().parent / "pack"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "The policy pack shipped with the provider. `policy path` prints its directory, for "
        '`pulumi preview --policy-pack "$(python -m novita_provider policy path)" '
        "--policy-pack-config budget.json`. Rules: "
        + ", ".join(_rule_names())
        + " (see docs/guides/cost-and-policy.md)."
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("path", help="print the pack's directory")


def run(args: argparse.Namespace) -> int:
    print(PACK_DIR)
    return 0


def _rule_names() -> list[str]:
    from .rules import RULES

    return [rule.name for rule in RULES]
