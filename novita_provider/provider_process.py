"""Adjustments to the dynamic-provider process (``python -m pulumi.dynamic``) we run inside.

- The SDK's gRPC servicer reports any exception raised by a provider method with
  ``traceback.format_exc()``, so every expected failure (an API error, a timeout) would reach
  the user as a Python traceback. :func:`report_expected_errors_plainly` makes the servicer
  report :class:`NovitaError` as its one-line message; unexpected exceptions keep theirs.
- The servicer runs on ``ThreadPoolExecutor(max_workers=4)``: a create that waits minutes for
  an endpoint to become ready holds one of only four threads, so twenty endpoints would become
  ready in five rounds. :func:`widen_thread_pool` raises that limit.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
import types
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .errors import NovitaError

_MARKER = "_novita_plain_errors"


class _PlainErrorTraceback(types.ModuleType):
    """Stands in for the ``traceback`` module inside the servicer's module."""

    def __init__(self) -> None:
        super().__init__("traceback")
        setattr(self, _MARKER, True)

    def __getattr__(self, name: str) -> Any:
        return getattr(traceback, name)

    def format_exc(self, limit: int | None = None, chain: bool = True) -> str:
        exc = sys.exc_info()[1]
        if isinstance(exc, NovitaError):
            return str(exc)
        return traceback.format_exc(limit=limit, chain=chain)


def prepare_provider_process() -> None:
    """Everything below, once per process; a no-op outside the dynamic-provider process."""
    if not _in_dynamic_provider_process():
        return
    report_expected_errors_plainly()
    log_to_file_if_asked()
    widen_thread_pool()


def _in_dynamic_provider_process() -> bool:
    module = sys.modules.get("__main__")
    return getattr(module, "DynamicResourceProviderServicer", None) is not None


def report_expected_errors_plainly() -> None:
    """Idempotent; does nothing outside the dynamic-provider process."""
    module = sys.modules.get("__main__")
    if module is None or not _in_dynamic_provider_process():
        return
    current = getattr(module, "traceback", None)
    if current is None or getattr(current, _MARKER, False):
        return
    module.traceback = _PlainErrorTraceback()  # type: ignore[attr-defined]


LOG_FILE_ENV = "NOVITA_PROVIDER_LOG"
_setup_lock = threading.Lock()
_logging_configured = False


def log_to_file_if_asked() -> None:
    """Write the provider's log (every API request and retry, never headers or bodies) to the
    file named by ``NOVITA_PROVIDER_LOG``, for debugging a deployment. Idempotent."""
    global _logging_configured
    path = os.environ.get(LOG_FILE_ENV)
    with _setup_lock:
        if _logging_configured or not path:
            return
        handler = logging.FileHandler(path)
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
        )
        logger = logging.getLogger("novita_provider")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        _logging_configured = True


PROVIDER_THREADS_ENV = "NOVITA_PROVIDER_THREADS"
DEFAULT_PROVIDER_THREADS = 32
log = logging.getLogger(__name__)


def widen_thread_pool() -> int | None:
    """Let the provider process serve up to ``NOVITA_PROVIDER_THREADS`` (32) calls at once.

    Called from inside a provider method, so the current thread is a worker of the gRPC
    server's pool, and the pool is the one this thread serves. ``ThreadPoolExecutor`` re-reads
    ``_max_workers`` whenever work is submitted, so raising it takes effect for the next call.
    Returns the new limit, or None when the pool could not be found (nothing changes then).
    """
    try:
        wanted = int(os.environ.get(PROVIDER_THREADS_ENV, DEFAULT_PROVIDER_THREADS))
    except ValueError:
        wanted = DEFAULT_PROVIDER_THREADS
    pool = _serving_pool()
    if pool is None:
        log.info("could not find the provider's thread pool; keeping its limit")
        return None
    with _setup_lock:
        current: int = getattr(pool, "_max_workers", 0)
        if wanted > current:
            pool._max_workers = wanted
            log.debug("provider thread pool widened from %d to %d", current, wanted)
        return max(wanted, current)


def _serving_pool() -> ThreadPoolExecutor | None:
    """The executor whose worker is running this code (its first ``_args`` is a weakref to
    the executor, see ``concurrent.futures.thread``)."""
    args = getattr(threading.current_thread(), "_args", ())
    reference = args[0] if args else None
    pool = reference() if callable(reference) else None
    return pool if isinstance(pool, ThreadPoolExecutor) else None
