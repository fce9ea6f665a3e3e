"""The account's parameter limits (``GET /endpoint/limit``), fetched once per provider process."""

from __future__ import annotations

import threading

from .api_models import EndpointLimits
from .client import NovitaClient
from .errors import NovitaApiError, NovitaTransportError

_cache: dict[int, EndpointLimits | None] = {}
_refused: dict[int, NovitaApiError] = {}
_lock = threading.Lock()


def limits_for(client: NovitaClient) -> EndpointLimits | None:
    """The limits for this client's account, or None when the API cannot be reached.

    ``None`` means: validate with the documented static rules only. An authentication error is
    not swallowed: a wrong key should fail the preview, not weaken validation.
    """
    key = id(client)
    with _lock:
        if key in _refused:
            raise _refused[key]  # one call is enough to know the key is wrong
        if key in _cache:
            return _cache[key]
        try:
            limits: EndpointLimits | None = client.get_limits()
        except NovitaTransportError:
            limits = None
        except NovitaApiError as exc:
            if exc.status in (401, 403):
                _refused[key] = exc
                raise
            limits = None
        _cache[key] = limits
        return limits
