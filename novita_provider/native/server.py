"""The plugin executable ``pulumi-resource-novita``: a gRPC server for the engine.

The SDK's ``ProviderServicer`` (``pulumi.provider.experimental.server``) reports a failed call
as the error's message with a Python traceback appended. An expected failure
(:class:`~novita_provider.errors.NovitaError`) must reach the user as its one line, so each
call is wrapped: when the SDK's report stems from a ``NovitaError``, the call is answered
with that error's message alone. Unexpected exceptions keep the traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import grpc
import grpc.aio
from pulumi.provider.experimental.server import ProviderServicer
from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS
from pulumi.runtime.proto import provider_pb2_grpc

from ..dynamic.process import log_to_file_if_asked
from ..errors import NovitaError
from .provider import NovitaNativeProvider
from .schema import package_version

Handler = Callable[[Any, Any, Any], Awaitable[Any]]
_CALLS = (
    "GetSchema",
    "CheckConfig",
    "Configure",
    "Check",
    "Diff",
    "Create",
    "Read",
    "Update",
    "Delete",
    "Invoke",
)


def expected_error(exc: BaseException) -> NovitaError | None:
    """The ``NovitaError`` behind an exception the SDK raised while reporting it, if any."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, NovitaError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _plain(name: str) -> Handler:
    sdk_handler: Handler = getattr(ProviderServicer, name)

    async def handler(self: Any, request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        try:
            return await sdk_handler(self, request, context)
        except Exception as exc:
            error = expected_error(exc)
            if error is None:
                raise
            await context.abort(grpc.StatusCode.UNKNOWN, str(error))

    handler.__name__ = name
    return handler


PlainErrorServicer = type(
    "PlainErrorServicer", (ProviderServicer,), {name: _plain(name) for name in _CALLS}
)


async def serve(engine_address: str) -> None:
    server = grpc.aio.server(options=_GRPC_CHANNEL_OPTIONS)
    servicer = PlainErrorServicer(
        sys.argv[1:], package_version(), NovitaNativeProvider(), engine_address=engine_address
    )
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, server)
    port = server.add_insecure_port(address="127.0.0.1:0")
    await server.start()
    # The engine reads the port from the first line of output.
    sys.stdout.buffer.write(f"{port}\n".encode())
    sys.stdout.buffer.flush()
    await server.wait_for_termination()


def main() -> None:
    """Entry point of ``pulumi-resource-novita ENGINE_ADDRESS [--logtostderr ...]``."""
    log_to_file_if_asked()
    args = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
    if not args:
        sys.exit("usage: pulumi-resource-novita ENGINE_ADDRESS (the Pulumi engine starts it)")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args[0]))


if __name__ == "__main__":
    main()
