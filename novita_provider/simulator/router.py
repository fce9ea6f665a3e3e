"""A small route table: modules register `(method, path pattern) -> handler` into a Router."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import METHOD_NOT_ALLOWED, NOT_FOUND, ApiError

_PARAM = re.compile(r"\{([a-zA-Z_]+)\}")


@dataclass(frozen=True)
class Request:
    """A parsed request as handlers see it. `path` is relative to the router's root."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    params: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Any]
"""Returns the JSON body of a 200 answer, or raises `ApiError`."""


@dataclass(frozen=True)
class _Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler


class Router:
    """Maps method and path to a handler; `{name}` segments become `Request.params`."""

    def __init__(self) -> None:
        self._routes: list[_Route] = []

    def add(self, method: str, path: str, handler: Handler) -> None:
        """Register `handler` for `method` on `path` (e.g. `/endpoints/{id}/state`)."""
        regex = _PARAM.sub(
            r"(?P<\1>[^/]+)", re.escape(path).replace(r"\{", "{").replace(r"\}", "}")
        )
        self._routes.append(_Route(method.upper(), re.compile(regex), handler))

    def resolve(self, method: str, path: str) -> tuple[Handler, dict[str, str]]:
        """The handler and path parameters; 404 for an unknown path, 405 for a wrong method."""
        allowed: list[str] = []
        for route in self._routes:
            match = route.pattern.fullmatch(path)
            if match is None:
                continue
            if route.method == method:
                return route.handler, match.groupdict()
            allowed.append(route.method)
        if allowed:
            raise ApiError(
                405,
                METHOD_NOT_ALLOWED,
                f"{method} not allowed on {path}",
                allow=", ".join(sorted(set(allowed))),
            )
        raise ApiError(404, NOT_FOUND, f"no such path: {path}")

    def serves(self, method: str, path: str) -> bool:
        """True when `resolve(method, path)` finds a handler."""
        try:
            self.resolve(method, path)
        except ApiError:
            return False
        return True
