"""State contract (0.1.0): stacks written by 0.1.0 pickle their RegistryCredential provider as
``novita_provider.registry_credential_provider.RegistryCredentialProvider``.

Kept for good: see :mod:`novita_provider.state_contract`.
"""

from .state_contract import legacy_provider_class

RegistryCredentialProvider = legacy_provider_class("RegistryCredential")
