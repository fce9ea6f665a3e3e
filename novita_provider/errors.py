"""Errors the provider raises on purpose.

Every error here renders as one line a person can act on, and is shown without a Python
traceback. None carries the API key or request headers. The tree::

    NovitaError                   expected failures: one line, no traceback
    ├── NovitaConfigError         the provider cannot call the API (no key, a bad setting)
    ├── NovitaRequestError        an API operation failed; .operation, .attempts
    │   ├── NovitaApiError        the API answered with an error: .status, .reason, .message
    │   ├── NovitaTransportError  no HTTP answer (refused, timed out, reset): .detail
    │   └── UnknownOutcomeError   a create whose outcome stayed unknown: the resource may exist
    ├── ResourceStateError        a resource did not reach the state an operation waits for
    │   ├── EndpointNotReadyError an endpoint failed, or was not serving in time
    │   └── StillInUseError       a delete kept meeting "in use" until its timeout
    └── CleanupFailedError        a failed create could not remove what it made: names it
"""

from __future__ import annotations


class NovitaError(Exception):
    """Base class for expected failures; shown to the user without a Python traceback."""


class NovitaConfigError(NovitaError):
    """The provider is not configured well enough to call the API (e.g. no API key)."""


class NovitaRequestError(NovitaError):
    """An operation on the API failed. ``operation`` names it (``create endpoint web-1a2b3c4``),
    ``attempts`` says what retrying cost (empty when there was one attempt)."""

    def __init__(self, operation: str, attempts: str = "") -> None:
        self.operation = operation
        self.attempts = attempts
        super().__init__(self.render())

    def render(self) -> str:
        raise NotImplementedError

    def after(self, attempts: str) -> NovitaRequestError:
        """The same error, noting the retries spent on it."""
        raise NotImplementedError

    def _after_text(self) -> str:
        return f", after {self.attempts}" if self.attempts else ""


class NovitaApiError(NovitaRequestError):
    """The Novita API answered an operation with an error (or with a body we cannot read:
    reason ``BAD_RESPONSE``)."""

    def __init__(
        self, operation: str, status: int, reason: str, message: str, attempts: str = ""
    ) -> None:
        self.status = status
        self.reason = reason
        self.message = message
        super().__init__(operation, attempts)

    def render(self) -> str:
        detail = f"{self.reason}: {self.message}" if self.message else self.reason
        return f"{self.operation} failed: {detail} (HTTP {self.status}{self._after_text()})"

    def after(self, attempts: str) -> NovitaApiError:
        return NovitaApiError(self.operation, self.status, self.reason, self.message, attempts)

    @property
    def is_not_found(self) -> bool:
        """The resource is gone: the reason ends in ``_NOT_FOUND`` or the status is 404."""
        return self.status == 404 or self.reason.endswith("_NOT_FOUND")


class NovitaTransportError(NovitaRequestError):
    """The request never got an HTTP answer (connection refused, timeout, reset)."""

    def __init__(self, operation: str, detail: str, attempts: str = "") -> None:
        self.detail = detail
        super().__init__(operation, attempts)

    def render(self) -> str:
        return (
            f"{self.operation} failed: no answer from the Novita API "
            f"({self.detail}{self._after_text()})"
        )

    def after(self, attempts: str) -> NovitaTransportError:
        return NovitaTransportError(self.operation, self.detail, attempts)


class UnknownOutcomeError(NovitaRequestError):
    """A create was sent, its answer was lost, and looking for what it made failed too: the
    resource may exist. ``name`` is what to look for; the next ``pulumi up`` adopts it."""

    def __init__(self, operation: str, name: str, cause: NovitaRequestError) -> None:
        self.name = name
        self.cause = cause
        super().__init__(operation, cause.attempts)

    def render(self) -> str:
        return (
            f"{self.operation}: the outcome is unknown, the resource may exist as {self.name!r} "
            f"({self.cause}); run `pulumi up` again to adopt it, or look for it in the Novita "
            "console"
        )

    def after(self, attempts: str) -> UnknownOutcomeError:
        return self


class ResourceStateError(NovitaError):
    """A resource did not reach the state an operation waits for."""


class EndpointNotReadyError(ResourceStateError):
    """An endpoint failed, or did not become ready in time, after create or update."""


class StillInUseError(ResourceStateError):
    """A delete kept failing because something still uses the resource."""


class CleanupFailedError(NovitaError):
    """A create failed after making something, and removing it failed too: the message names
    the resource to delete by hand."""
