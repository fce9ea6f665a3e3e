"""Where the provider finds its credentials and API address.

Read inside the provider process (``configure()``) from stack config or the environment, so they
are never pickled into the resource state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Protocol

DEFAULT_API_URL = "https://api.novita.ai/gpu-instance/openapi/v1"
API_KEY_CONFIG = "novita:apiKey"
API_URL_CONFIG = "novita:apiUrl"
API_KEY_ENV = "NOVITA_API_KEY"
API_URL_ENV = "NOVITA_API_URL"


class ConfigSource(Protocol):
    """Anything with ``get(key)``: a dict, or the ``pulumi.dynamic.Config`` given to configure."""

    def get(self, key: str) -> Any: ...


@dataclass(frozen=True)
class ProviderSettings:
    """Connection settings for one Novita account."""

    api_url: str = DEFAULT_API_URL
    api_key: str | None = field(default=None, repr=False)

    @classmethod
    def resolve(cls, config: ConfigSource | None = None) -> ProviderSettings:
        """Stack config first (``novita:apiKey``, ``novita:apiUrl``), then the environment."""
        config = config if config is not None else {}
        api_key = _text(config.get(API_KEY_CONFIG)) or _text(os.environ.get(API_KEY_ENV))
        api_url = _text(config.get(API_URL_CONFIG)) or _text(os.environ.get(API_URL_ENV))
        return cls(api_url=(api_url or DEFAULT_API_URL).rstrip("/"), api_key=api_key)


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
