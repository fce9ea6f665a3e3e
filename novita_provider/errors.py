"""Errors the provider raises on purpose.

Every error here renders as one line a person can act on: the operation, the Novita reason and
message, and the HTTP status. They never carry the API key or request headers.
"""

from __future__ import annotations


class NovitaError(Exception):
    """Base class for expected failures; shown to the user without a Python traceback."""


class NovitaConfigError(NovitaError):
    """The provider is not configured well enough to call the API (e.g. no API key)."""


class NovitaApiError(NovitaError):
    """The Novita API answered an operation with an error."""

    def __init__(
        self, operation: str, status: int, reason: str, message: str, attempts: str = ""
    ) -> None:
        self.operation = operation
        self.status = status
        self.reason = reason
        self.message = message
        self.attempts = attempts
        super().__init__(self._render())

    def _render(self) -> str:
        detail = f"{self.reason}: {self.message}" if self.message else self.reason
        after = f", after {self.attempts}" if self.attempts else ""
        return f"{self.operation} failed: {detail} (HTTP {self.status}{after})"

    def after(self, attempts: str) -> NovitaApiError:
        """The same error, noting the retries spent on it."""
        return NovitaApiError(self.operation, self.status, self.reason, self.message, attempts)

    @property
    def is_not_found(self) -> bool:
        """The resource is gone: the reason ends in ``_NOT_FOUND`` or the status is 404."""
        return self.status == 404 or self.reason.endswith("_NOT_FOUND")


class NovitaTransportError(NovitaError):
    """The request never got an HTTP answer (connection refused, timeout, reset)."""

    def __init__(self, operation: str, detail: str, attempts: str = "") -> None:
        self.operation = operation
        self.detail = detail
        after = f", after {attempts}" if attempts else ""
        super().__init__(f"{operation} failed: no answer from the Novita API ({detail}{after})")

    def after(self, attempts: str) -> NovitaTransportError:
        return NovitaTransportError(self.operation, self.detail, attempts)


class EndpointNotReadyError(NovitaError):
    """An endpoint failed, or did not become ready in time, after create or update."""
