"""Seeded fault injection for API requests: the active rules, one RNG, and counters.

Each API request draws at most once, from the first rule matching its route: with the rule's
probability it gets one of the rule's kinds (chosen by the same RNG). Draws happen under a
lock, so a fixed seed and a fixed sequence of requests give the same faults.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .checks import expect_object, present
from .fault_rules import FaultRule, RouteExists, parse_rules, parse_seed


@dataclass(frozen=True)
class Fault:
    """The fault drawn for one request."""

    kind: str
    rule: FaultRule


class FaultInjector:
    """The fault configuration of one server."""

    def __init__(self, route_exists: RouteExists) -> None:
        self._route_exists = route_exists
        self._lock = threading.Lock()
        self._seed = 0
        self._rng = random.Random(0)
        self._rules: list[FaultRule] = []
        self._injected: Counter[str] = Counter()
        self._by_route: dict[str, Counter[str]] = {}

    def configure(self, rules: Any, seed: Any = 0) -> dict[str, Any]:
        """Validate and replace the rules, re-seed the RNG; counters are kept. Returns `stats`."""
        parsed_seed = parse_seed(seed)
        parsed = parse_rules(rules, self._route_exists)
        with self._lock:
            self._seed = parsed_seed
            self._rng = random.Random(parsed_seed)
            self._rules = parsed
        return self.stats()

    def configure_json(self, body: Any) -> dict[str, Any]:
        """`configure` from a `{"seed"?, "rules"}` object (admin body, `--faults`)."""
        raw = expect_object(body, "", required=("rules",), optional=("seed",))
        return self.configure(raw["rules"], raw["seed"] if present(raw, "seed") else 0)

    def clear(self) -> dict[str, Any]:
        """No more faults; counters are kept. Returns `stats`."""
        with self._lock:
            self._rules = []
        return self.stats()

    def reset(self) -> None:
        """No faults, seed 0, counters zero."""
        with self._lock:
            self._seed = 0
            self._rng = random.Random(0)
            self._rules = []
            self._injected.clear()
            self._by_route.clear()

    def draw(self, method: str, path: str) -> Fault | None:
        """The fault for a request to `path` (relative to the API root), or None."""
        route = f"{method} {path}"
        with self._lock:
            rule = next((rule for rule in self._rules if rule.matches(route)), None)
            if rule is None or self._rng.random() >= rule.rate:
                return None
            kind = self._rng.choice(rule.kinds)
            self._injected[kind] += 1
            self._by_route.setdefault(route, Counter())[kind] += 1
            return Fault(kind, rule)

    def stats(self) -> dict[str, Any]:
        """`{seed, rules, injected: {kind: n}, byRoute: {route: {kind: n}}}`."""
        with self._lock:
            return {
                "seed": self._seed,
                "rules": [rule.to_json() for rule in self._rules],
                "injected": dict(self._injected),
                "byRoute": {route: dict(kinds) for route, kinds in self._by_route.items()},
            }
