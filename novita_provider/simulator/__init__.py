"""A local simulator of the Novita GPU-instance OpenAPI, for tests of the provider."""

from .errors import ApiError
from .server import SimulatorServer

__all__ = ["ApiError", "SimulatorServer"]
