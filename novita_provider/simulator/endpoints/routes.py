"""Section 1: the serverless endpoint calls, registered into the API router."""

from __future__ import annotations

from typing import Any

from ..checks import expect_object, expect_str
from ..errors import invalid
from ..query import check_query, page_window
from ..router import Request, Router
from ..store import Store
from .limits import limits_body
from .spec import parse_create, parse_update


def register(router: Router, store: Store) -> None:
    """Add the six endpoint calls to `router`."""
    handlers = _EndpointHandlers(store)
    router.add("GET", "/endpoint/limit", handlers.limits)
    router.add("POST", "/endpoint/create", handlers.create)
    router.add("GET", "/endpoint", handlers.get)
    router.add("GET", "/endpoints", handlers.list_endpoints)
    router.add("POST", "/endpoint/update", handlers.update)
    router.add("POST", "/endpoint/delete", handlers.delete)


class _EndpointHandlers:
    def __init__(self, store: Store) -> None:
        self._store = store

    def limits(self, request: Request) -> dict[str, Any]:
        check_query(request, ())
        return limits_body()

    def create(self, request: Request) -> dict[str, Any]:
        spec, app_name = parse_create(request.body)
        return {"id": self._store.create_endpoint(spec, app_name)}

    def get(self, request: Request) -> dict[str, Any]:
        check_query(request, ("id",))
        endpoint_id = request.query.get("id", "")
        if not endpoint_id:
            raise invalid("id: required")
        return {"endpoint": self._store.get_endpoint(endpoint_id)}

    def list_endpoints(self, request: Request) -> dict[str, Any]:
        check_query(request, ("pageSize", "pageNum"))
        offset, limit = page_window(request, "pageNum", "pageSize", self._store.shape)
        endpoints, total = self._store.list_endpoints(offset, limit)
        return {"endpoints": endpoints, "total": total}

    def update(self, request: Request) -> dict[str, Any]:
        endpoint_id, changes = parse_update(request.body)
        self._store.update_endpoint(endpoint_id, changes)
        return {}

    def delete(self, request: Request) -> dict[str, Any]:
        body = request.body
        if isinstance(body, dict) and "id" in body:
            raise invalid('id: unknown field (the endpoint id goes in "name")')
        raw = expect_object(body, "", required=("name",))
        self._store.delete_endpoint(expect_str(raw["name"], "name", min_len=1))
        return {}
