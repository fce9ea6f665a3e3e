"""The log of API calls that tests read back (never headers, never admin calls)."""

from __future__ import annotations

import json
import threading
from typing import Any


class RequestLog:
    """A thread-safe list of `{method, path, query, body, status, reason, fault}`.

    Bodies are kept as the JSON bytes received and parsed afresh on each read.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = []

    def record(
        self,
        *,
        method: str,
        path: str,
        query: dict[str, str],
        body: bytes | None,
        status: int,
        reason: str | None,
        fault: str | None = None,
    ) -> None:
        """Append one call; `body` is the request's JSON bytes (None if absent or malformed),
        `fault` the injected fault kind (None if none)."""
        entry = {
            "method": method,
            "path": path,
            "query": dict(query),
            "body": body,
            "status": status,
            "reason": reason,
            "fault": fault,
        }
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[dict[str, Any]]:
        """A copy of every entry, oldest first, with bodies parsed."""
        with self._lock:
            entries = list(self._entries)
        return [
            {**entry, "query": dict(entry["query"]), "body": _parse(entry["body"])}
            for entry in entries
        ]

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()


def _parse(body: Any) -> Any:
    return None if body is None else json.loads(body)
