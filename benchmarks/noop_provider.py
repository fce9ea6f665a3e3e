"""The baseline: a dynamic resource whose provider calls nothing.

Timing a stack of these on the real engine gives the engine's own per-resource cost on this
machine (program, gRPC to the dynamic-provider process, pickling, state writes), which the
endpoint timings are compared with.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi.dynamic import CreateResult, DiffResult, ReadResult, Resource, ResourceProvider

NOOP_ID = "noop"


class NoopProvider(ResourceProvider):
    """Create returns a fixed id and its inputs, read returns the stored props, diff: no changes.

    ``check`` and ``delete`` are the base class's (inputs unchanged; nothing to delete).
    """

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(NOOP_ID, dict(props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_, dict(props))

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        return DiffResult(changes=False)


class Noop(Resource):
    """One baseline resource; ``index`` only tells them apart."""

    def __init__(
        self, resource_name: str, index: int, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__(NoopProvider(), resource_name, {"index": index}, opts)
