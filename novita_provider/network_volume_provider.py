"""State contract (0.1.0): stacks written by 0.1.0 pickle their NetworkVolume provider as
``novita_provider.network_volume_provider.NetworkVolumeProvider``.

Kept for good: see :mod:`novita_provider.state_contract`.
"""

from .state_contract import legacy_provider_class

NetworkVolumeProvider = legacy_provider_class("NetworkVolume")
