"""``python -m novita_provider recover``: placeholder."""

from __future__ import annotations

import argparse

NAME = "recover"
HELP = "after an interrupted `pulumi up`: adopt or remove the resources it was creating"


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    return 0
