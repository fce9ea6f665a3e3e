"""Autonaming in check: stable across updates, fresh when a replacement needs a second name."""

from __future__ import annotations

import re

from novita_provider.naming import named_inputs


def test_a_new_resource_gets_prefix_and_random_suffix() -> None:
    inputs = named_inputs({}, {"autoname_prefix": "registry", "username": "bot"})
    assert re.fullmatch(r"registry-[0-9a-f]{7}", inputs["name"])
    assert "autoname_prefix" not in inputs  # a hint for check, never stored


def test_the_autoname_is_kept_across_updates() -> None:
    olds = {"name": "registry-1a2b3c4"}
    assert named_inputs(olds, {"autoname_prefix": "registry"})["name"] == "registry-1a2b3c4"


def test_a_replacement_can_ask_for_a_fresh_name() -> None:
    olds = {"name": "registry-1a2b3c4"}
    fresh = named_inputs(olds, {"autoname_prefix": "registry"}, fresh=True)["name"]
    assert fresh != "registry-1a2b3c4"
    assert fresh.startswith("registry-")


def test_a_users_name_always_wins() -> None:
    olds = {"name": "registry-1a2b3c4"}
    news = {"autoname_prefix": "registry", "name": "team-registry"}
    assert named_inputs(olds, news, fresh=True)["name"] == "team-registry"


def test_a_renamed_resource_does_not_keep_the_old_autoname() -> None:
    olds = {"name": "old-name-1a2b3c4"}
    assert named_inputs(olds, {"autoname_prefix": "registry"})["name"].startswith("registry-")
