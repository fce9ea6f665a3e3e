"""CLI: `python -m novita_provider.simulator [--port N] [--api-key K] [--state FILE] ...`.

Shape flags (`--all-shape-variants`, `--omit-empty`, `--page-base`, `--page-size-cap`,
`--list-order`, `--storage-id-key`, `--extra-fields`) change only what the API answers.
Fault flags: `--fault-rate R [--fault-seed N] [--fault-kinds k,..] [--fault-routes r,..]`
make one rule per route; `--faults JSON` gives the whole `POST /_sim/faults` body instead.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from types import FrameType
from typing import Any

from .errors import ApiError
from .fault_rules import ERROR_KINDS, KINDS
from .server import SimulatorServer
from .shapes import LIST_ORDERS, MAX_PAGE_SIZE_CAP, OLDEST_FIRST, PAGE_BASES, STORAGE_ID_KEYS

DEFAULT_PORT = 8765
API_KEY_ENV = "NOVITA_SIM_API_KEY"
DEFAULT_FAULT_KINDS = ",".join(ERROR_KINDS)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m novita_provider.simulator", description="Local Novita API simulator."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port")
    parser.add_argument(
        "--api-key",
        default=os.environ.get(API_KEY_ENV, "sim-key"),
        help=f"accepted bearer token (default: ${API_KEY_ENV} or 'sim-key')",
    )
    parser.add_argument("--state", default=None, help="JSON file to load and save state in")
    parser.add_argument("--ready-delay", type=float, default=2.0, help="seconds until serving")
    parser.add_argument("--terminate-delay", type=float, default=1.0, help="seconds terminating")
    parser.add_argument(
        "--storage-release-delay",
        type=float,
        default=3.0,
        help="seconds a network storage stays in use after its last endpoint's deletion starts",
    )
    shape = parser.add_argument_group(
        "response shape",
        "tolerated variants of what the API answers (default: the documented shape); "
        "requests are validated the same either way",
    )
    shape.add_argument(
        "--all-shape-variants",
        action="store_true",
        default=None,
        help="every option below at its variant (single flags still apply on top)",
    )
    shape.add_argument(
        "--omit-empty",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="GET answers leave out zero, empty and false members (protobuf JSON)",
    )
    shape.add_argument(
        "--page-base", type=int, choices=PAGE_BASES, default=None, help="first page number (1)"
    )
    shape.add_argument(
        "--page-size-cap",
        type=int,
        default=None,
        metavar="N",
        help=f"serve at most N items per page, 0..{MAX_PAGE_SIZE_CAP} (0: no cap, the default)",
    )
    shape.add_argument(
        "--list-order", choices=LIST_ORDERS, default=None, help=f"(default {OLDEST_FIRST})"
    )
    shape.add_argument(
        "--storage-id-key",
        choices=STORAGE_ID_KEYS,
        default=None,
        help="key of a network storage list item's id (default storageId)",
    )
    shape.add_argument(
        "--extra-fields",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="every answered object carries undocumented members",
    )
    faults = parser.add_argument_group(
        "fault injection", "one rule per route from the --fault-* flags, or every rule via --faults"
    )
    faults.add_argument("--fault-rate", type=float, default=None, help="0..1 (default: no faults)")
    faults.add_argument("--fault-seed", type=int, default=None, help="RNG seed (default 0)")
    faults.add_argument(
        "--fault-kinds",
        default=None,
        help=f"comma-separated, from {','.join(KINDS)} (default {DEFAULT_FAULT_KINDS})",
    )
    faults.add_argument(
        "--fault-routes",
        default=None,
        help='comma-separated "<METHOD> <api path>" or "*" (default "*")',
    )
    faults.add_argument(
        "--faults",
        default=None,
        metavar="JSON",
        help='the body of POST /_sim/faults: {"seed", "rules"}',
    )
    args = parser.parse_args(argv)
    flags = (args.fault_rate, args.fault_seed, args.fault_kinds, args.fault_routes)
    if args.faults is not None and any(flag is not None for flag in flags):
        parser.error("--faults cannot be combined with --fault-rate/-seed/-kinds/-routes")
    if args.fault_rate is None and any(flag is not None for flag in flags[1:]):
        parser.error("--fault-seed/-kinds/-routes need --fault-rate")
    return args


def fault_config(args: argparse.Namespace) -> dict[str, Any] | None:
    """The `{"seed", "rules"}` object the fault flags describe, or None for no faults."""
    if args.faults is not None:
        try:
            config = json.loads(args.faults)
        except ValueError as error:
            raise ValueError(f"--faults: malformed JSON ({error})") from None
        if not isinstance(config, dict):
            raise ValueError("--faults: must be a JSON object")
        return config
    if args.fault_rate is None:
        return None
    kinds = _split(args.fault_kinds or DEFAULT_FAULT_KINDS)
    rules = [
        {"route": route, "kinds": kinds, "rate": args.fault_rate}
        for route in _split(args.fault_routes or "*")
    ]
    return {"seed": args.fault_seed or 0, "rules": rules}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    """Run until SIGINT or SIGTERM."""
    args = parse_args(argv)
    try:
        server = SimulatorServer(
            host=args.host,
            port=args.port,
            api_key=args.api_key,
            ready_delay=args.ready_delay,
            terminate_delay=args.terminate_delay,
            storage_release_delay=args.storage_release_delay,
            state_file=args.state,
            all_shape_variants=args.all_shape_variants,
            omit_empty=args.omit_empty,
            page_base=args.page_base,
            page_size_cap=args.page_size_cap,
            list_order=args.list_order,
            storage_id_key=args.storage_id_key,
            extra_fields=args.extra_fields,
        )
    except (OSError, ValueError) as error:
        print(f"novita simulator: cannot start: {error}", file=sys.stderr)
        return 1
    try:
        config = fault_config(args)
        if config is not None:
            server.app.faults.configure_json(config)
    except (ApiError, ValueError) as error:
        server.stop()
        message = error.message if isinstance(error, ApiError) else str(error)
        print(f"novita simulator: cannot start: faults: {message}", file=sys.stderr)
        return 1
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    server.start()
    print(f"Novita API simulator listening on {server.url}", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
