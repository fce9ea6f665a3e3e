"""The cluster list (``GET /clusters``), fetched once per provider process for validation."""

from __future__ import annotations

import threading

from .api_models import Cluster
from .client import NovitaClient
from .errors import NovitaApiError, NovitaTransportError

_cache: dict[int, list[Cluster] | None] = {}
_lock = threading.Lock()


def clusters_for(client: NovitaClient) -> list[Cluster] | None:
    """The account's clusters, or None when the API cannot be reached (validation then skips
    the cluster rules and the API's own answer decides)."""
    key = id(client)
    with _lock:
        if key not in _cache:
            try:
                _cache[key] = client.list_clusters()
            except NovitaTransportError:
                _cache[key] = None
            except NovitaApiError as exc:
                if exc.status in (401, 403):
                    raise
                _cache[key] = None
        return _cache[key]
