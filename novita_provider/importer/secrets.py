"""Which values the generated program must take from stack config secrets."""

from __future__ import annotations

import re

SECRET_KEY_WORDS = ("TOKEN", "KEY", "SECRET", "PASSWORD", "PASSWD", "PWD", "CREDENTIAL", "AUTH")


def looks_secret(env_key: str) -> bool:
    """True for env keys such as ``HF_TOKEN``, ``OPENAI_API_KEY``, ``DB_PASSWORD``."""
    words = set(re.split(r"[^A-Z0-9]+", env_key.upper()))
    upper = env_key.upper()
    return any(word in words or upper.endswith(word) for word in SECRET_KEY_WORDS)


def config_key(*parts: str) -> str:
    """A stack config key such as ``webEnvHfToken`` from ``("web", "env", "HF_TOKEN")``."""
    words = [w for part in parts for w in re.split(r"[^0-9a-zA-Z]+", part) if w]
    if not words:
        return "secret"
    return words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])
