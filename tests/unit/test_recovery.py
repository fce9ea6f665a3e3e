"""Recovery after an interrupted up deletes only what the interrupted creates surely made."""

from __future__ import annotations

from novita_provider.recovery.pending import PendingCreate, pending_creates

URN = "urn:pulumi:dev::app::pulumi-python:dynamic/novita:Endpoint::web"


def test_only_an_autoname_proves_the_resource_is_the_interrupted_creates() -> None:
    assert PendingCreate("Endpoint", URN, {"name": "web-1a2b3c4"}).autonamed
    assert not PendingCreate("Endpoint", URN, {"name": "web"}).autonamed  # chosen by the user
    assert not PendingCreate("Endpoint", URN, {"name": "web-prod"}).autonamed
    assert not PendingCreate("Endpoint", URN, {"name": "api-1a2b3c4"}).autonamed
    assert not PendingCreate("Endpoint", URN, {}).autonamed


def test_pending_creates_are_read_from_the_export() -> None:
    export = {
        "deployment": {
            "pending_operations": [
                {
                    "type": "creating",
                    "resource": {
                        "type": "pulumi-python:dynamic/novita:Endpoint",
                        "urn": URN,
                        "inputs": {"name": "web-1a2b3c4"},
                    },
                },
                {"type": "updating", "resource": {"type": "pulumi-python:dynamic/novita:Endpoint"}},
            ]
        }
    }
    [pending] = pending_creates(export)
    assert (pending.type_name, pending.name, pending.autonamed) == ("Endpoint", "web-1a2b3c4", True)
