"""Fault kinds and the validation of fault rules (`POST /_sim/faults`, `--faults`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from .checks import expect_int, expect_list, expect_object, expect_str, join, present
from .errors import ApiError, invalid

LATENCY: Final = "latency"
DROP_AFTER_COMMIT: Final = "drop-after-commit"
RETRY_AFTER_429: Final = "429-retry-after"
ANY_ROUTE: Final = "*"

ERROR_KINDS: Final = MappingProxyType(
    {
        "429": (429, "RATE_LIMIT_EXCEEDED", "rate limit exceeded"),
        RETRY_AFTER_429: (429, "RATE_LIMIT_EXCEEDED", "rate limit exceeded"),
        "500": (500, "INTERNAL_ERROR", "internal server error"),
        "502": (502, "BAD_GATEWAY", "bad gateway"),
        "503": (503, "SERVICE_UNAVAILABLE", "service unavailable"),
        "504": (504, "GATEWAY_TIMEOUT", "gateway timeout"),
    }
)
"""Kinds answered with an error before the request has any effect: (status, reason, message)."""
KINDS: Final = (*ERROR_KINDS, LATENCY, DROP_AFTER_COMMIT)

DEFAULT_LATENCY_MS: Final = 500
MAX_LATENCY_MS: Final = 10_000
DEFAULT_RETRY_AFTER: Final = 1
MAX_RETRY_AFTER: Final = 3600
MAX_SEED: Final = 2**63 - 1

RouteExists = Callable[[str, str], bool]
"""`(method, API path) -> bool`: whether the API router serves that route."""


@dataclass(frozen=True)
class FaultRule:
    """Requests matching `route` get one of `kinds` with probability `rate`."""

    route: str
    kinds: tuple[str, ...]
    rate: float
    latency_ms: int = DEFAULT_LATENCY_MS
    retry_after: int = DEFAULT_RETRY_AFTER

    def matches(self, route: str) -> bool:
        """True for `"*"` or the exact `"<METHOD> <api path>"`."""
        return self.route in (ANY_ROUTE, route)

    def to_json(self) -> dict[str, Any]:
        """The rule as `GET /_sim/faults` shows it, defaults filled in."""
        return {
            "route": self.route,
            "kinds": list(self.kinds),
            "rate": self.rate,
            "latencyMs": self.latency_ms,
            "retryAfter": self.retry_after,
        }


def error_for(kind: str) -> ApiError:
    """The error answered for an error kind (`429`, `429-retry-after`, `500`...`504`)."""
    status, reason, message = ERROR_KINDS[kind]
    return ApiError(status, reason, f"{message} (injected by the simulator)")


def parse_seed(value: Any) -> int:
    """A JSON integer seed."""
    return expect_int(value, "seed", -MAX_SEED, MAX_SEED)


def parse_rules(value: Any, route_exists: RouteExists) -> list[FaultRule]:
    """Validate a JSON array of rules; routes must be `*` or a route the API serves."""
    return [
        _rule(item, join("rules", index), route_exists)
        for index, item in enumerate(expect_list(value, "rules"))
    ]


def _rule(value: Any, path: str, route_exists: RouteExists) -> FaultRule:
    raw = expect_object(
        value,
        path,
        required=("route", "kinds", "rate"),
        optional=("latencyMs", "retryAfter"),
    )
    route = _route(raw["route"], join(path, "route"), route_exists)
    kinds_path = join(path, "kinds")
    kinds = []
    for index, kind in enumerate(expect_list(raw["kinds"], kinds_path, min_len=1)):
        if kind not in KINDS:
            raise invalid(f"{join(kinds_path, index)}: must be one of {', '.join(KINDS)}")
        kinds.append(kind)
    rate = raw["rate"]
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise invalid(f"{join(path, 'rate')}: must be a number between 0 and 1")
    latency = DEFAULT_LATENCY_MS
    if present(raw, "latencyMs"):
        latency = expect_int(raw["latencyMs"], join(path, "latencyMs"), 0, MAX_LATENCY_MS)
    retry_after = DEFAULT_RETRY_AFTER
    if present(raw, "retryAfter"):
        retry_after = expect_int(raw["retryAfter"], join(path, "retryAfter"), 0, MAX_RETRY_AFTER)
    return FaultRule(route, tuple(kinds), float(rate), latency, retry_after)


def _route(value: Any, path: str, route_exists: RouteExists) -> str:
    route = expect_str(value, path, min_len=1)
    if route == ANY_ROUTE:
        return route
    method, _, api_path = route.partition(" ")
    if not route_exists(method, api_path):
        raise invalid(
            f'{path}: must be "*" or "<METHOD> <api path>" of an API call, e.g. '
            f'"POST /endpoint/create" (got {route!r})'
        )
    return route
