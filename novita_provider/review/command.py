"""``python -m novita_provider review [FILE|-]``: Markdown from ``pulumi preview --json``."""

from __future__ import annotations

import argparse
import sys
from typing import Final

from .markdown import render_review
from .preview import PreviewError, parse_preview

NAME: Final = "review"
HELP: Final = "print Markdown for a pull-request comment from `pulumi preview --json` output"
EXIT_PREVIEW_FAILED: Final = 1
EXIT_BAD_INPUT: Final = 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Reads `pulumi preview --json` (a file, or standard input) and prints a summary of the "
        "changes, each changed field, the reasons for replacements and their consequences. "
        "Exits 1 when the preview has errors, 2 when the input is not such output."
    )
    parser.add_argument(
        "file", nargs="?", default="-", help="the preview's JSON; `-` (default) reads stdin"
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
    sys.stdout.write(render_review(preview))
    return EXIT_PREVIEW_FAILED if preview.has_errors else 0
