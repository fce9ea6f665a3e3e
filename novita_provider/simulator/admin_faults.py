"""Admin calls for fault injection (registered under `/_sim` by `admin.register`)."""

from __future__ import annotations

from .faults import FaultInjector
from .router import Router


def register(router: Router, faults: FaultInjector) -> None:
    """Add `GET /faults`, `POST /faults` (replace the rules) and `POST /faults/clear`.

    Each answers the configuration and counters (`FaultInjector.stats`).
    """
    router.add("GET", "/faults", lambda request: faults.stats())
    router.add("POST", "/faults", lambda request: faults.configure_json(request.body))
    router.add("POST", "/faults/clear", lambda request: faults.clear())
