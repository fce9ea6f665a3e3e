"""Request dispatch independent of the socket layer: auth, JSON, routing, errors, request log."""

from __future__ import annotations

import hmac
import json
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import admin, endpoints
from .errors import NOT_FOUND, UNAUTHORIZED, ApiError, invalid
from .requestlog import RequestLog
from .routes import Request, Router
from .store import Store

API_ROOT = "/gpu-instance/openapi/v1"
ADMIN_ROOT = "/_sim"

ApiModule = Callable[[Router, Store], None]
API_MODULES: tuple[ApiModule, ...] = (endpoints.register,)
"""Each API section registers its calls; later sections append their `register` here."""


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, JSON body and extra headers."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class App:
    """Turns `(method, target, Authorization header, body bytes)` into a `Reply`."""

    def __init__(self, store: Store, api_key: str) -> None:
        self.store = store
        self.log = RequestLog()
        self._api_key = api_key
        self._api = Router()
        for register in API_MODULES:
            register(self._api, store)
        self._admin = Router()
        admin.register(self._admin, store, self.log)

    def handle(self, method: str, target: str, authorization: str | None, raw: bytes) -> Reply:
        """Answer one request."""
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        body, json_error = _parse_json(raw)
        if parts.path == ADMIN_ROOT or parts.path.startswith(ADMIN_ROOT + "/"):
            admin_path = parts.path[len(ADMIN_ROOT) :]
            return self._dispatch(self._admin, method, admin_path, query, body, json_error)
        path = _relative(parts.path)
        if not self._authorized(authorization):
            reply = _error(ApiError(401, UNAUTHORIZED, "missing or invalid API key"))
        elif path is None:
            reply = _error(ApiError(404, NOT_FOUND, f"no such path: {parts.path}"))
        else:
            reply = self._dispatch(self._api, method, path, query, body, json_error)
        self.log.record(
            method=method,
            path=parts.path if path is None else path,
            query=query,
            body=raw if body is not None else None,
            status=reply.status,
            reason=reply.body.get("reason") if reply.status >= 400 else None,
        )
        return reply

    def _authorized(self, header: str | None) -> bool:
        scheme, _, token = (header or "").strip().partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            token.strip().encode(), self._api_key.encode()
        )

    def _dispatch(
        self,
        router: Router,
        method: str,
        path: str,
        query: dict[str, str],
        body: Any,
        json_error: str | None,
    ) -> Reply:
        try:
            handler, params = router.resolve(method, path)
            if json_error is not None:
                raise invalid(f"body: malformed JSON ({json_error})")
            payload = {} if body is None and method == "POST" else body
            result = handler(Request(method, path, query, payload, params))
        except ApiError as error:
            return _error(error)
        except Exception as error:  # a simulator bug: answer it rather than drop the connection
            traceback.print_exc()
            return _error(ApiError(500, "INTERNAL", f"simulator error: {type(error).__name__}"))
        return Reply(200, result)


def _relative(path: str) -> str | None:
    """The path below the API root, or None outside it."""
    if path == API_ROOT:
        return "/"
    if path.startswith(API_ROOT + "/"):
        return path[len(API_ROOT) :]
    return None


def _parse_json(raw: bytes) -> tuple[Any, str | None]:
    """`(parsed body or None, error text or None)`; an empty body parses as None."""
    if not raw.strip():
        return None, None
    try:
        return json.loads(raw), None
    except (ValueError, RecursionError) as error:  # bad UTF-8 or JSON, huge ints, deep nesting
        return None, str(error) or type(error).__name__


def _error(error: ApiError) -> Reply:
    headers = {"Allow": error.allow} if error.allow else {}
    return Reply(error.status, error.body(), headers)
