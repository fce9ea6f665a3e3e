"""Request dispatch independent of the socket layer: faults, auth, JSON, routing, errors, and
the request log."""

from __future__ import annotations

import dataclasses
import hmac
import json
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import admin
from .endpoints import routes as endpoint_routes
from .errors import NOT_FOUND, UNAUTHORIZED, ApiError, invalid
from .fault_rules import DROP_AFTER_COMMIT, ERROR_KINDS, LATENCY, RETRY_AFTER_429, error_for
from .faults import Fault, FaultInjector
from .network_storage import routes as storage_routes
from .registry_auths import routes as credential_routes
from .requestlog import RequestLog
from .router import Request, Router
from .shapes import ResponseShape, with_extra_fields, without_empty
from .store import Store

API_ROOT = "/gpu-instance/openapi/v1"
ADMIN_ROOT = "/_sim"

ApiModule = Callable[[Router, Store], None]
API_MODULES: tuple[ApiModule, ...] = (
    endpoint_routes.register,
    credential_routes.register,
    storage_routes.register,
)
"""Each API section registers its calls; later sections append their `register` here."""


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, JSON body and extra headers.

    `drop`: the request was served, but the connection is to be closed without an answer.
    """

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False


class App:
    """Turns `(method, target, Authorization header, body bytes)` into a `Reply`."""

    def __init__(self, store: Store, api_key: str) -> None:
        self.store = store
        self.log = RequestLog()
        self._api_key = api_key
        self._api = Router()
        for register in API_MODULES:
            register(self._api, store)
        self.faults = FaultInjector(self._api.serves)
        self._admin = Router()
        admin.register(self._admin, store, self.log, self.faults, self.reset)

    def handle(self, method: str, target: str, authorization: str | None, raw: bytes) -> Reply:
        """Answer one request."""
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        body, json_error = _parse_json(raw)
        if parts.path == ADMIN_ROOT or parts.path.startswith(ADMIN_ROOT + "/"):
            admin_path = parts.path[len(ADMIN_ROOT) :]
            return self._dispatch(self._admin, method, admin_path, query, body, json_error)
        path = _relative(parts.path)
        fault = None if path is None else self.faults.draw(method, path)
        if fault is not None and fault.kind in ERROR_KINDS:
            reply = _fault_reply(fault)
        else:
            if fault is not None and fault.kind == LATENCY:
                time.sleep(fault.rule.latency_ms / 1000)
            if not self._authorized(authorization):
                reply = _error(ApiError(401, UNAUTHORIZED, "missing or invalid API key"))
            elif path is None:
                reply = _error(ApiError(404, NOT_FOUND, f"no such path: {parts.path}"))
            else:
                reply = self._dispatch(self._api, method, path, query, body, json_error)
                reply = _shaped(reply, method, self.store.shape)
            if fault is not None and fault.kind == DROP_AFTER_COMMIT:
                reply = dataclasses.replace(reply, drop=True)
        self.log.record(
            method=method,
            path=parts.path if path is None else path,
            query=query,
            body=raw if body is not None else None,
            status=reply.status,
            reason=reply.body.get("reason") if reply.status >= 400 else None,
            fault=None if fault is None else fault.kind,
        )
        return reply

    def reset(self) -> None:
        """Forget all state, the request log, the fault rules and their counters."""
        self.store.reset()
        self.log.clear()
        self.faults.reset()

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


def _shaped(reply: Reply, method: str, shape: ResponseShape) -> Reply:
    """A successful API answer in the configured response shape (errors keep theirs)."""
    if reply.status != 200:
        return reply
    body = reply.body
    if shape.omit_empty and method == "GET":
        body = without_empty(body)
    if shape.extra_fields:
        body = with_extra_fields(body)
    return dataclasses.replace(reply, body=body)


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


def _fault_reply(fault: Fault) -> Reply:
    reply = _error(error_for(fault.kind))
    if fault.kind == RETRY_AFTER_429:
        reply.headers["Retry-After"] = str(fault.rule.retry_after)
    return reply


def _error(error: ApiError) -> Reply:
    headers = {"Allow": error.allow} if error.allow else {}
    return Reply(error.status, error.body(), headers)
