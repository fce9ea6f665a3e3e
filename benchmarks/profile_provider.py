"""Run the dynamic-provider process under cProfile, every thread included (``--profile``).

``benchmarks/profiling/pulumi-resource-pulumi-python``, put first on ``PATH`` by
``python -m benchmarks.run --profile``, starts this module instead of ``python -m pulumi.dynamic``.
``python -m cProfile -m pulumi.dynamic`` alone would see only the main thread, which just waits:
the provider's gRPC calls run on a ``ThreadPoolExecutor``. So each thread gets its own profiler
(``threading.setprofile``), and when the engine stops the process (SIGINT, or SIGTERM) their stats
are merged into ``$NOVITA_BENCH_PROFILE_DIR/<$NOVITA_BENCH_PROFILE_TAG>.<pid>.prof`` (pstats
format; the timer is wall-clock, so time spent sleeping or waiting for the API shows).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import runpy
import signal
import tempfile
import threading
from pathlib import Path
from types import FrameType
from typing import Any

PROFILE_DIR_ENV = "NOVITA_BENCH_PROFILE_DIR"
PROFILE_TAG_ENV = "NOVITA_BENCH_PROFILE_TAG"

_profiles: list[cProfile.Profile] = []
_lock = threading.Lock()


def _profile_this_thread(_frame: FrameType, _event: str, _arg: Any) -> None:
    """First profiling event in a new thread: give the thread its own profiler."""
    profile = cProfile.Profile()
    with _lock:
        _profiles.append(profile)
    profile.enable()


def _dump() -> Path:
    directory = Path(os.environ.get(PROFILE_DIR_ENV) or tempfile.gettempdir())
    directory.mkdir(parents=True, exist_ok=True)
    tag = os.environ.get(PROFILE_TAG_ENV) or "provider"
    path = directory / f"{tag}.{os.getpid()}.prof"
    with _lock:
        profiles = list(_profiles)
    merged = pstats.Stats(*profiles) if profiles else None
    if merged is not None:
        merged.dump_stats(str(path))
    return path


def main() -> None:
    # The engine stops plugins with SIGINT (then SIGKILL a second later); treat SIGTERM alike so
    # that pulumi.dynamic's main() returns and the stats are written.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    main_profile = cProfile.Profile()
    with _lock:
        _profiles.append(main_profile)
    threading.setprofile(_profile_this_thread)
    main_profile.enable()
    try:
        runpy.run_module("pulumi.dynamic", run_name="__main__", alter_sys=True)
    except KeyboardInterrupt:
        pass
    finally:
        main_profile.disable()
        _dump()


if __name__ == "__main__":
    main()
