"""The generator's naming and secret rules (the whole program is tested on the real engine)."""

from __future__ import annotations

import pytest

from novita_provider.importer.python_code import Expr, identifier, literal, unique
from novita_provider.importer.secrets import config_key, looks_secret


@pytest.mark.parametrize(
    "key", ["HF_TOKEN", "OPENAI_API_KEY", "DB_PASSWORD", "aws_secret_access_key", "APIKEY"]
)
def test_secret_looking_env_keys(key: str) -> None:
    assert looks_secret(key)


@pytest.mark.parametrize("key", ["LOG_LEVEL", "MODEL_NAME", "PORT", "MONKEY_MODE"])
def test_plain_env_keys(key: str) -> None:
    assert not looks_secret(key)


def test_names_are_readable_and_distinct() -> None:
    taken: set[str] = set()
    assert [identifier(n, taken) for n in ("web-api", "web api", "1st", "class")] == [
        "web_api",
        "web_api_2",
        "r_1st",
        "r_class",
    ]
    assert [unique("web", set()), unique("web", {"web"})] == ["web", "web-2"]
    assert config_key("deploy_bot", "password") == "deployBotPassword"


def test_references_are_code_and_values_are_literals() -> None:
    assert literal({"id": Expr("data.id"), "path": "/d"}) == "{'id': data.id, 'path': '/d'}"
