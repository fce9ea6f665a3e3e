"""API errors and the JSON error body the simulator answers with."""

from __future__ import annotations

from typing import Any

VALIDATOR_PARAM = "VALIDATOR_PARAM"
UNAUTHORIZED = "UNAUTHORIZED"
NOT_FOUND = "NOT_FOUND"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
SERVERLESS_ENDPOINT_NOT_FOUND = "SERVERLESS_ENDPOINT_NOT_FOUND"
SERVERLESS_PRODUCT_NOT_FOUND = "SERVERLESS_PRODUCT_NOT_FOUND"
SERVERLESS_APP_NAME_IS_EXIST = "SERVERLESS_APP_NAME_IS_EXIST"
RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND"
IMAGE_AUTH_IN_USE = "IMAGE_AUTH_IN_USE"
NETWORK_STORAGE_NOT_FOUND = "NETWORK_STORAGE_NOT_FOUND"
NETWORK_STORAGE_IN_USE = "NETWORK_STORAGE_IN_USE"


class ApiError(Exception):
    """An error answered as `{"code", "reason", "message", "metadata"}` with an HTTP status."""

    def __init__(self, status: int, reason: str, message: str, *, allow: str = "") -> None:
        super().__init__(f"{reason}: {message}")
        self.status = status
        self.reason = reason
        self.message = message
        self.allow = allow
        """For a 405: the methods the path does allow (the `Allow` header)."""

    def body(self) -> dict[str, Any]:
        """The JSON body of this error."""
        return {"code": self.status, "reason": self.reason, "message": self.message, "metadata": {}}


def invalid(message: str) -> ApiError:
    """A 400 `VALIDATOR_PARAM` error (bad request body or parameters)."""
    return ApiError(400, VALIDATOR_PARAM, message)


def business(reason: str, message: str) -> ApiError:
    """A 400 business error with the given reason (not-found, duplicates, ...)."""
    return ApiError(400, reason, message)


def endpoint_not_found(endpoint_id: str) -> ApiError:
    """The 400 `SERVERLESS_ENDPOINT_NOT_FOUND` error for an id."""
    return business(SERVERLESS_ENDPOINT_NOT_FOUND, f"endpoint {endpoint_id!r} not found")
