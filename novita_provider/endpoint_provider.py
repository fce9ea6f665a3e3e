"""State contract (0.1.0): stacks written by 0.1.0 pickle their Endpoint provider as
``novita_provider.endpoint_provider.EndpointProvider``.

Kept for good: see :mod:`novita_provider.state_contract`.
"""

from .state_contract import legacy_provider_class

EndpointProvider = legacy_provider_class("Endpoint")
