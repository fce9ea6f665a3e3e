"""The one dynamic provider: adapts a :class:`~novita_provider.core.kind.ResourceKind`,
chosen by type name, to ``pulumi.dynamic.ResourceProvider``.

Instances are what the engine unpickles from a resource's ``__provider``
(see :mod:`novita_provider.state_contract`). They hold no state when pickled: settings are read
in the provider process by ``configure``, so an API key never reaches the state file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

from ..api.settings import ProviderSettings
from ..core.check import engine_failure
from ..core.kind import ResourceKind
from ..registry import kind_class
from .process import prepare_provider_process, record_detailed_diff

if TYPE_CHECKING:
    from ..api.client import NovitaClient


class DynamicProvider(ResourceProvider):
    """The dynamic provider for the resource type ``type_name``."""

    type_name: str = ""
    _settings: ProviderSettings | None = None
    _kind: ResourceKind[Any] | None = None

    def __init__(self, type_name: str | None = None) -> None:
        if type_name is not None:
            self.type_name = type_name

    def configure(self, req: ConfigureRequest) -> None:
        prepare_provider_process()
        self._settings = ProviderSettings.resolve(req.config)

    def client(self) -> NovitaClient:
        if self._settings is None:
            prepare_provider_process()
            self._settings = ProviderSettings.resolve()
        from ..api.client import shared_client  # httpx: only once a call is needed

        return shared_client(self._settings)

    @property
    def kind(self) -> ResourceKind[Any]:
        if self._kind is None:
            self._kind = kind_class(self.type_name)(self.client)
        return self._kind

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        checked = self.kind.check(_olds, news)
        return CheckResult(
            checked.inputs,
            [CheckFailure(*engine_failure(f, news)) for f in checked.failures],
        )

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changes = self.kind.diff(olds, news, _id)
        record_detailed_diff(changes.detailed())
        return DiffResult(
            changes=changes.any,
            replaces=list(changes.replaces),
            delete_before_replace=changes.delete_before_replace,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        id_, outputs = self.kind.create(props)
        return CreateResult(id_, outputs)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        found = self.kind.read(id_, props)
        if found is None:
            return ReadResult(None, {})  # gone: the engine drops it from the state
        return ReadResult(found.id, found.outputs, found.inputs)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(self.kind.update(id_, olds, news))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        self.kind.delete(id_, props)
