"""Account data that ``check`` validates against (limits, clusters), fetched at most once per
provider process and client.

``None`` means the API could not be reached: validation then keeps to the documented static
rules and the API's own answer decides. An authentication failure is not swallowed (a wrong
key should fail the preview, not weaken validation), and it is remembered: one call is enough
to know the key is wrong.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import NovitaApiError, NovitaTransportError

if TYPE_CHECKING:
    from ..api.client import NovitaClient
    from ..api.models import Cluster, EndpointLimits

T = TypeVar("T")

# Per client object, not per id(): an id is reused once its client is gone, and a new client
# must not inherit another one's answers (or its refusal).
_results: weakref.WeakKeyDictionary[NovitaClient, dict[str, Any]] = weakref.WeakKeyDictionary()
_refusals: weakref.WeakKeyDictionary[NovitaClient, NovitaApiError] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def limits_for(client: NovitaClient) -> EndpointLimits | None:
    """``GET /endpoint/limit``: the ranges endpoint fields must fall in."""
    return _fetch_once("limits", client, lambda c: c.get_limits())


def clusters_for(client: NovitaClient) -> list[Cluster] | None:
    """``GET /clusters``: where network volumes (and endpoints mounting them) can live."""
    return _fetch_once("clusters", client, lambda c: c.list_clusters())


def _fetch_once(what: str, client: NovitaClient, fetch: Callable[[NovitaClient], T]) -> T | None:
    with _lock:
        refusal = _refusals.get(client)
        if refusal is not None:
            raise refusal
        results = _results.setdefault(client, {})
        if what not in results:
            try:
                results[what] = fetch(client)
            except NovitaTransportError:
                results[what] = None
            except NovitaApiError as exc:
                if exc.status in (401, 403):
                    _refusals[client] = exc
                    raise
                results[what] = None
        result: T | None = results[what]
        return result
