"""Every field an endpoint stores has a reason, and the per-field sizes add up to the entry's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import state_fields

GOLDEN = Path(__file__).resolve().parents[1] / "golden_state"
LATEST = max(
    (p for p in GOLDEN.iterdir() if p.is_dir() and p.name[0].isdigit()),
    key=lambda p: tuple(int(x) for x in p.name.split(".")),
)
STATES = sorted(GOLDEN.glob("*/*.deployment.json"))


def _endpoints(path: Path) -> list[dict[str, Any]]:
    return [dict(e) for e in state_fields.endpoint_entries(json.loads(path.read_text()))]


def _size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":")).encode())


def test_the_latest_release_has_golden_states_with_endpoints() -> None:
    assert any(_endpoints(p) for p in LATEST.glob("*.deployment.json"))


@pytest.mark.parametrize("path", STATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_stored_endpoint_field_has_a_reason(path: Path) -> None:
    for entry in _endpoints(path):
        assert state_fields.unexplained(entry) == []


def test_a_key_nothing_declares_has_no_reason() -> None:
    entry = {"inputs": {"name": "a", "cache": 1}, "outputs": {"name": "a", "url": "u", "x": 2}}
    assert state_fields.unexplained(entry) == ["inputs.cache", "outputs.x"]
    # A computed output is no input: stored as one it would be unexplained too.
    assert state_fields.unexplained({"inputs": {"url": "u"}}) == ["inputs.url"]


@pytest.mark.parametrize("path", sorted(LATEST.glob("*.deployment.json")), ids=lambda p: p.name)
def test_field_sizes_add_up_to_the_stored_inputs_and_outputs(path: Path) -> None:
    for entry in _endpoints(path):
        sizes = state_fields.field_sizes(entry)
        for part in ("inputs", "outputs"):
            members = [getattr(f, part) for f in sizes if getattr(f, part)]
            # {"a":1,"b":2}: the members, a comma between each two, and the braces.
            assert sum(members) + len(members) - 1 + 2 == _size(entry[part])


def test_provider_behaviour_and_computed_outputs_are_told_apart() -> None:
    assert state_fields.reason("url", output=True) == state_fields.COMPUTED["url"]
    assert "provider behaviour" in (state_fields.reason("wait_for_ready", output=False) or "")
    assert "replaces" in (state_fields.reason("products", output=True) or "")
    assert state_fields.reason("state", output=False) is None
