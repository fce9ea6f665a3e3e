"""Where the provider finds its credentials, API address and network behaviour.

Read inside the provider process (``configure()``) from stack config or the environment, so they
are never pickled into the resource state. Config wins over the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import NovitaConfigError

DEFAULT_API_URL = "https://api.novita.ai/gpu-instance/openapi/v1"
API_KEY_CONFIG = "novita:apiKey"
API_URL_CONFIG = "novita:apiUrl"
API_KEY_ENV = "NOVITA_API_KEY"
API_URL_ENV = "NOVITA_API_URL"

# (config key, environment variable, default) for the numeric settings
REQUEST_TIMEOUT = ("novita:requestTimeout", "NOVITA_REQUEST_TIMEOUT", 30.0)
MAX_RETRIES = ("novita:maxRetries", "NOVITA_MAX_RETRIES", 8)
RETRY_TIMEOUT = ("novita:retryTimeout", "NOVITA_RETRY_TIMEOUT", 120.0)
CONFIG_KEYS = (API_KEY_CONFIG, API_URL_CONFIG, REQUEST_TIMEOUT[0], MAX_RETRIES[0], RETRY_TIMEOUT[0])
"""Every stack config key the provider reads."""


class ConfigSource(Protocol):
    """Anything with ``get(key)``: a dict, or the ``pulumi.dynamic.Config`` given to configure."""

    def get(self, key: str) -> Any: ...


@dataclass(frozen=True)
class ProviderSettings:
    """Connection settings for one Novita account."""

    api_url: str = DEFAULT_API_URL
    """The Novita API's base URL (the simulator's, for tests)."""
    api_key: str | None = field(default=None, repr=False)
    """The Novita API key (a secret)."""
    request_timeout: float = float(REQUEST_TIMEOUT[2])
    """Seconds to wait for a response (connecting has its own 10 s limit)."""
    max_retries: int = int(MAX_RETRIES[2])
    """Retries after the first attempt, for 429, 5xx and connection failures."""
    retry_timeout: float = float(RETRY_TIMEOUT[2])
    """Seconds one operation may spend retrying, waits included."""

    @classmethod
    def resolve(cls, config: ConfigSource | None = None) -> ProviderSettings:
        config = config if config is not None else {}

        def text(key: str, env: str) -> str | None:
            return _text(config.get(key)) or _text(os.environ.get(env))

        def number(spec: tuple[str, str, float], *, minimum: float) -> float:
            key, env, default = spec
            raw = text(key, env)
            if raw is None:
                return default
            try:
                value = float(raw)
            except ValueError:
                raise NovitaConfigError(f"{key} must be a number, got {raw!r}") from None
            if value < minimum:
                raise NovitaConfigError(f"{key} must be at least {minimum:g}, got {raw}")
            return value

        api_url = text(API_URL_CONFIG, API_URL_ENV) or DEFAULT_API_URL
        return cls(
            api_url=api_url.rstrip("/"),
            api_key=text(API_KEY_CONFIG, API_KEY_ENV),
            request_timeout=number(REQUEST_TIMEOUT, minimum=0.1),
            max_retries=int(number(MAX_RETRIES, minimum=0)),
            retry_timeout=number(RETRY_TIMEOUT, minimum=0),
        )


def _text(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
