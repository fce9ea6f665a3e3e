"""``python -m novita_provider <command>``: the package's command-line tools.

Each subcommand is a module with ``NAME``, ``HELP``, ``configure(parser)`` and ``run(args)``;
add one by listing its module in :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Protocol

from .importer import command as import_command
from .policy import command as policy_command
from .recovery import command as recover_command
from .review import command as review_command


class Subcommand(Protocol):
    NAME: str
    HELP: str

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


SUBCOMMANDS: list[Subcommand] = [import_command, recover_command, review_command, policy_command]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m novita_provider")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for subcommand in SUBCOMMANDS:
        sub = commands.add_parser(subcommand.NAME, help=subcommand.HELP)
        subcommand.configure(sub)
        sub.set_defaults(run=subcommand.run)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
