"""CLI: `python -m novita_provider.simulator [--port N] [--api-key K] [--state FILE] ...`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from types import FrameType

from .server import SimulatorServer

DEFAULT_PORT = 8765
API_KEY_ENV = "NOVITA_SIM_API_KEY"


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
    return parser.parse_args(argv)


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
            state_file=args.state,
        )
    except (OSError, ValueError) as error:
        print(f"novita simulator: cannot start: {error}", file=sys.stderr)
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
