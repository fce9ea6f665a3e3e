"""The public surface of ``novita_provider`` is what ``public_surface.txt`` records: a change to
a public name, field, type, default, signature or getter fails here until the record is
regenerated (``python -m tests.unit.public_surface > tests/unit/public_surface.txt``), so every
such change is a deliberate one, visible in review."""

from __future__ import annotations

from pathlib import Path

from .public_surface import dump

RECORD = Path(__file__).with_name("public_surface.txt")


def test_the_public_surface_is_as_recorded() -> None:
    assert dump() == RECORD.read_text()
