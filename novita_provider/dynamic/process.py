"""Adjustments to the dynamic-provider process (``python -m pulumi.dynamic``) we run inside.

- The SDK's gRPC servicer reports any exception raised by a provider method with
  ``traceback.format_exc()``, so every expected failure (an API error, a timeout) would reach
  the user as a Python traceback. :func:`report_expected_errors_plainly` makes the servicer
  report :class:`NovitaError` as its one-line message; unexpected exceptions keep theirs.
- The servicer runs on ``ThreadPoolExecutor(max_workers=4)``: a create that waits minutes for
  an endpoint to become ready holds one of only four threads, so twenty endpoints would become
  ready in five rounds. :func:`widen_thread_pool` raises that limit.
- The servicer's ``Diff`` passes on only ``changes``, ``replaces`` and
  ``deleteBeforeReplace``, so previews (and ``pulumi preview --json``) could not say which
  fields changed. :func:`report_detailed_diffs` adds ``diffs`` and ``detailedDiff`` from what
  the provider's ``diff`` recorded with :func:`record_detailed_diff`.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
import types
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..errors import NovitaError

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
    report_detailed_diffs()
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


_detail = threading.local()
# PropertyDiff.Kind values of the provider protocol (pulumi/proto/provider.proto).
_DIFF_KINDS = {
    ("add", False): 0,
    ("add", True): 1,
    ("delete", False): 2,
    ("delete", True): 3,
    ("update", False): 4,
    ("update", True): 5,
}


def record_detailed_diff(detailed: Mapping[str, tuple[str, bool]]) -> None:
    """Called by the provider's ``diff``: each changed property's kind (add, delete, update)
    and whether it replaces, for the servicer's ``Diff`` on the same thread to report."""
    _detail.value = detailed


class _DetailedDiffResponse:
    """Stands in for the ``DiffResponse`` message class: builds one as the servicer asks, and
    adds what the provider's ``diff`` recorded on this thread. Other attributes (the
    ``DIFF_SOME``/``DIFF_NONE`` constants) are the real class's."""

    def __init__(self, message_class: Any) -> None:
        self._message_class = message_class

    def __getattr__(self, name: str) -> Any:
        return getattr(self._message_class, name)

    def __call__(self, **fields: Any) -> Any:
        detailed: Mapping[str, tuple[str, bool]] | None = getattr(_detail, "value", None)
        _detail.value = None
        response = self._message_class(**fields)
        if detailed is not None:
            response.diffs.extend(sorted(detailed))
            for name, (kind, replaces) in detailed.items():
                response.detailedDiff[name].kind = _DIFF_KINDS[(kind, replaces)]
            response.hasDetailedDiff = True
        return response


class _DetailedDiffProto(types.ModuleType):
    """Stands in for ``pulumi.runtime.proto`` inside the servicer's module, with
    :class:`_DetailedDiffResponse`. (The servicer's methods are bound into the gRPC server at
    start, so they cannot be wrapped themselves.)"""

    def __init__(self, proto: types.ModuleType) -> None:
        super().__init__(proto.__name__)
        self._proto = proto
        self.DiffResponse = _DetailedDiffResponse(proto.DiffResponse)
        setattr(self, _MARKER, True)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._proto, name)


def report_detailed_diffs() -> None:
    """Make the servicer's diffs carry ``diffs`` and ``detailedDiff``. Idempotent; does
    nothing outside the dynamic-provider process."""
    module = sys.modules.get("__main__")
    if module is None or not _in_dynamic_provider_process():
        return
    current = getattr(module, "proto", None)
    if not isinstance(current, types.ModuleType) or getattr(current, _MARKER, False):
        return
    module.proto = _DetailedDiffProto(current)  # type: ignore[attr-defined]


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


def provider_threads() -> int:
    """``NOVITA_PROVIDER_THREADS``: how many provider calls run at once (both providers)."""
    try:
        return max(1, int(os.environ.get(PROVIDER_THREADS_ENV, DEFAULT_PROVIDER_THREADS)))
    except ValueError:
        return DEFAULT_PROVIDER_THREADS


def widen_thread_pool() -> int | None:
    """Let the provider process serve up to ``NOVITA_PROVIDER_THREADS`` (32) calls at once.

    Called from inside a provider method, so the current thread is a worker of the gRPC
    server's pool, and the pool is the one this thread serves. ``ThreadPoolExecutor`` re-reads
    ``_max_workers`` whenever work is submitted, so raising it takes effect for the next call.
    Returns the new limit, or None when the pool could not be found (nothing changes then).
    """
    wanted = provider_threads()
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
