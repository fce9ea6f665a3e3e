"""What every Novita dynamic provider shares: configuration and the process-wide client."""

from __future__ import annotations

from pulumi.dynamic import ConfigureRequest, ResourceProvider

from .client import NovitaClient, shared_client
from .provider_process import prepare_provider_process
from .settings import ProviderSettings


class NovitaProvider(ResourceProvider):
    """Holds no state when pickled: settings are read in the provider process by ``configure``.

    The engine pickles the provider instance into every resource's state, so an API key stored on
    it at construction time would land in the state file.
    """

    _settings: ProviderSettings | None = None

    def configure(self, req: ConfigureRequest) -> None:
        prepare_provider_process()
        self._settings = ProviderSettings.resolve(req.config)

    def client(self) -> NovitaClient:
        if self._settings is None:
            prepare_provider_process()
            self._settings = ProviderSettings.resolve()
        return shared_client(self._settings)
