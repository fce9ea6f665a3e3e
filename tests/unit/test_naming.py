"""Autonaming in check: stable across updates, fresh when a replacement needs a second name."""

from __future__ import annotations

import re

from novita_provider.core.naming import resolve_name


def test_a_new_resource_gets_prefix_and_random_suffix() -> None:
    assert re.fullmatch(r"registry-[0-9a-f]{7}", resolve_name(None, None, "registry"))


def test_the_autoname_is_kept_across_updates() -> None:
    assert resolve_name("registry-1a2b3c4", None, "registry") == "registry-1a2b3c4"


def test_a_replacement_can_ask_for_a_fresh_name() -> None:
    fresh = resolve_name("registry-1a2b3c4", None, "registry", fresh=True)
    assert fresh != "registry-1a2b3c4"
    assert fresh.startswith("registry-")


def test_a_users_name_always_wins() -> None:
    assert resolve_name("registry-1a2b3c4", "team-registry", "registry", fresh=True) == (
        "team-registry"
    )


def test_a_renamed_resource_does_not_keep_the_old_autoname() -> None:
    assert resolve_name("old-name-1a2b3c4", None, "registry").startswith("registry-")
