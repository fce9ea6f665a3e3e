"""What each field of an endpoint's state weighs, and why it is stored.

A dynamic resource's state entry holds its inputs (what ``check`` returned: the engine keeps them
to show previews and to diff when the provider does not) and its outputs (what ``create``,
``update`` or ``read`` returned: a dynamic provider's ``diff`` sees only these as the old
state, and the program reads them as typed output properties). The reasons below are derived
from the declarations (:class:`novita_provider.endpoint.spec.EndpointSpec` and its ``Prop``
tags), so a field added to the spec gets a reason by its kind; a stored key that is neither
declared nor listed in :data:`COMPUTED` has none, and ``tests/unit/test_state_fields.py``
fails on it.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from novita_provider.endpoint.spec import EndpointSpec

PROVIDER_KEY = "__provider"

COMPUTED: dict[str, str] = {
    "url": "the endpoint's address: what programs wire into clients; reported by the API",
    "state": "live status (serving, failed, ...): what refresh is for",
    "state_message": "the API's reason for that status: what a person reads when it failed",
}
"""Outputs that are not inputs: live values only the API knows."""

WHY_BOTH = (
    "configuration is stored twice: in inputs, canonical with defaults filled (the engine keeps "
    "and shows them), and in outputs, as the old value the next diff compares with (a dynamic "
    "provider's diff sees only outputs) and as the typed output property of that name"
)
"""Why a configuration field is in both inputs and outputs (printed once above the table)."""

_PROVIDER = "the pickled provider the SDK serves this resource with (a factory call, plain text)"
_CONFIG = "configuration"
_SERVER_DEFAULT = "; when unset, the API's choice, read back (the URL needs it)"
_REPLACES = "; a change replaces the endpoint"
_LOCAL = "provider behaviour (no API field): the next update and diff need it"


def reason(name: str, *, output: bool) -> str | None:
    """Why ``name`` is stored in an endpoint's inputs (``output=False``) or outputs; None for
    a key nothing accounts for."""
    if name == PROVIDER_KEY:
        return _PROVIDER
    if output and name in COMPUTED:
        return COMPUTED[name]
    prop = EndpointSpec.props().get(name)
    if prop is None:
        return None
    if prop.local:
        return _LOCAL
    why = _CONFIG
    if prop.server_default:
        why += _SERVER_DEFAULT
    if prop.replaces:
        why += _REPLACES
    return why


@dataclass(frozen=True)
class FieldSize:
    """Bytes of ``"name":value`` (compact JSON, as stored) in one resource's inputs and
    outputs (0 where absent)."""

    name: str
    inputs: int
    outputs: int

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "inputs": self.inputs,
            "outputs": self.outputs,
            "why_input": reason(self.name, output=False) if self.inputs else None,
            "why_output": reason(self.name, output=True) if self.outputs else None,
        }


def _member_size(name: str, value: Any) -> int:
    return len(json.dumps({name: value}, separators=(",", ":")).encode()) - 2


def field_sizes(resource: Mapping[str, Any]) -> list[FieldSize]:
    """Per stored key of one state entry (``inputs``/``outputs`` as in a checkpoint or a
    ``stack export``), the largest first."""
    inputs: Mapping[str, Any] = resource.get("inputs") or {}
    outputs: Mapping[str, Any] = resource.get("outputs") or {}
    names = sorted(set(inputs) | set(outputs))
    sizes = [
        FieldSize(
            name,
            _member_size(name, inputs[name]) if name in inputs else 0,
            _member_size(name, outputs[name]) if name in outputs else 0,
        )
        for name in names
    ]
    return sorted(sizes, key=lambda f: (-(f.inputs + f.outputs), f.name))


def unexplained(resource: Mapping[str, Any]) -> list[str]:
    """Stored keys without a reason (``inputs.x`` / ``outputs.x``)."""
    missing = [
        f"inputs.{name}" for name in resource.get("inputs") or {} if not reason(name, output=False)
    ]
    missing += [
        f"outputs.{name}" for name in resource.get("outputs") or {} if not reason(name, output=True)
    ]
    return missing


def endpoint_entries(state: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The Endpoint entries of a checkpoint file's or a ``stack export``'s contents."""
    deployment = state.get("checkpoint") or state.get("deployment") or state
    latest = deployment.get("latest") or deployment
    return [
        r
        for r in latest.get("resources") or []
        if str(r.get("type", "")).endswith("novita:Endpoint")
    ]


def measure(checkpoint_file: Path) -> list[FieldSize]:
    """The stored fields of the first endpoint in a local backend's checkpoint."""
    entries = endpoint_entries(json.loads(checkpoint_file.read_bytes()))
    return field_sizes(entries[0]) if entries else []


def print_fields(sizes: Iterable[FieldSize]) -> None:
    """The per-field table ``make bench`` prints under the state sizes."""
    header = (
        'One endpoint\'s stored fields (bytes of compact JSON "name":value in inputs / '
        f"outputs, and why it is stored); {WHY_BOTH}:"
    )
    print(textwrap.fill(header, width=100))
    for f in sizes:
        why = reason(f.name, output=True) if f.outputs else reason(f.name, output=False)
        print(f"    {f.name:<22} {f.inputs:>4} / {f.outputs:>4}  {why or 'NO REASON'}")
