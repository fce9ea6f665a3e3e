"""Adjustments to the dynamic-provider process (``python -m pulumi.dynamic``) we run inside.

The SDK's gRPC servicer reports any exception raised by a provider method with
``traceback.format_exc()``, so every expected failure (an API error, a timeout) would reach the
user as a Python traceback. :func:`report_expected_errors_plainly` makes the servicer report
:class:`NovitaError` as its one-line message; unexpected exceptions keep their traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
import types
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


def report_expected_errors_plainly() -> None:
    """Idempotent; does nothing outside the dynamic-provider process."""
    module = sys.modules.get("__main__")
    servicer = getattr(module, "DynamicResourceProviderServicer", None)
    if module is None or servicer is None:
        return
    current = getattr(module, "traceback", None)
    if current is None or getattr(current, _MARKER, False):
        return
    module.traceback = _PlainErrorTraceback()  # type: ignore[attr-defined]


LOG_FILE_ENV = "NOVITA_PROVIDER_LOG"
_logging_lock = threading.Lock()
_logging_configured = False


def log_to_file_if_asked() -> None:
    """Write the provider's log (every API request and retry, never headers or bodies) to the
    file named by ``NOVITA_PROVIDER_LOG``, for debugging a deployment. Idempotent."""
    global _logging_configured
    path = os.environ.get(LOG_FILE_ENV)
    with _logging_lock:
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
