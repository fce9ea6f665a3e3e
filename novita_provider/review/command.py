"""``python -m novita_provider review [FILE|-]``: Markdown from ``pulumi preview --json``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Final

from ..cost.from_account import price_book
from ..cost.prices import PriceBook, PriceConfigError
from .cost import cost_json, cost_report, render_cost
from .markdown import render_review
from .preview import PreviewError, parse_preview
from .stack_config import StackConfigError, stack_config

NAME: Final = "review"
HELP: Final = "print Markdown for a pull-request comment from `pulumi preview --json` output"
EXIT_PREVIEW_FAILED: Final = 1
EXIT_BAD_INPUT: Final = 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Reads `pulumi preview --json` (a file, or standard input) and prints a summary of the "
        "changes, each changed field, the reasons for replacements and their consequences, and "
        "what the change costs (estimates: prices from the account's products lists, read once "
        "with the stack's provider config, and the stack's `novita:prices`). "
        "Exits 1 when the preview has errors, 2 when the input is not such output."
    )
    parser.add_argument(
        "file", nargs="?", default="-", help="the preview's JSON; `-` (default) reads stdin"
    )
    parser.add_argument(
        "--stack", help="the stack whose config prices the review (default: current)"
    )
    parser.add_argument("--cwd", help="the project directory (default: the current directory)")
    parser.add_argument(
        "--no-prices",
        action="store_true",
        help="do not read the products lists (only `novita:prices` overrides price the change)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the cost figures as JSON instead of Markdown"
    )


def run(args: argparse.Namespace) -> int:
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
        preview = parse_preview(text)
    except (OSError, PreviewError) as error:
        source = "stdin" if args.file == "-" else args.file
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"review: {source}: {reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    book, problem = _prices(args)
    report = cost_report(preview, book, problem)
    if args.json:
        document = {
            "changes": {op: preview.count(op) for op in ("create", "update", "replace", "delete")},
            "hasErrors": preview.has_errors,
            "cost": cost_json(report),
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        sys.stdout.write(
            render_review(preview) + "\n" + "\n".join(render_cost(report)).rstrip() + "\n"
        )
    return EXIT_PREVIEW_FAILED if preview.has_errors else 0


def _prices(args: argparse.Namespace) -> tuple[PriceBook, str]:
    """The price book, and why listed prices are missing when they are (never fatal)."""
    notes: list[str] = []
    try:
        config = stack_config(args.cwd, args.stack)
    except StackConfigError as error:
        config = {}
        notes.append(f"stack config not read ({error}); using the environment")
    try:
        book = price_book(config, read_lists=not args.no_prices)
    except PriceConfigError as error:
        return PriceBook.of([], {}, listed_available=False), str(error)
    if not book.listed_available and not args.no_prices:
        notes.append(f"the products lists could not be read: {book.unavailable_reason}")
    return book, "; ".join(notes)
