"""The native provider: routes each call by type token to the resource's
:class:`~novita_provider.core.kind.ResourceKind` (the same kinds the dynamic provider adapts),
translating names (camelCase on the wire, snake_case in the kinds) and values.

The server runs every call on one asyncio loop, so each kind call (HTTP, readiness waits) runs
in a thread of a wide pool: twenty endpoints wait for readiness together, not one by one.
Previews are declared supported, so the engine calls ``create``/``update`` during previews
too: those answer from the inputs and never call the API.

A resource moved here from the dynamic resources by an alias (``pulumi-python:dynamic/novita:X``
to ``novita:index:X``) arrives with the dynamic form's state: snake_case outputs (which the
name mapping passes through) and the pickled ``__provider``. Its diff reports that key's
removal, so the first ``up`` updates it: with unchanged settings that sends nothing to the API
and rewrites the state in this provider's form.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from pulumi.provider.experimental import provider as p
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime.rpc import UNKNOWN

from ..api.client import NovitaClient, shared_client
from ..api.settings import ProviderSettings
from ..core.check import Failure, engine_failure, validate_model
from ..core.kind import ResourceKind
from ..core.naming import AUTONAME_PREFIX
from ..dynamic.process import provider_threads
from ..errors import NovitaError
from ..registry import RESOURCES
from .functions import FUNCTIONS, Function
from .names import NameMap
from .schema import PACKAGE, function_token, resource_token, schema_text
from .values import map_from_python, map_to_python

T = TypeVar("T")

DYNAMIC_PROVIDER_KEY = "__provider"
"""The dynamic resources' pickled provider, in the state of a resource moved here by an alias."""

_KIND_CHANGE = {
    ("add", False): p.PropertyDiffKind.ADD,
    ("add", True): p.PropertyDiffKind.ADD_REPLACE,
    ("delete", False): p.PropertyDiffKind.DELETE,
    ("delete", True): p.PropertyDiffKind.DELETE_REPLACE,
    ("update", False): p.PropertyDiffKind.UPDATE,
    ("update", True): p.PropertyDiffKind.UPDATE_REPLACE,
}


@dataclass(frozen=True)
class _Resource:
    kind: ResourceKind[Any]
    names: NameMap
    secrets: frozenset[str]
    """Top-level (snake_case) fields whose values are always secret."""

    def snake(self, values: Mapping[str, PropertyValue]) -> tuple[dict[str, Any], set[str]]:
        plain, secret = map_to_python(values)
        snake: dict[str, Any] = self.names.to_snake(plain)
        return snake, {self.names.key_to_snake(key) for key in secret}

    def stored(self, values: Mapping[str, PropertyValue]) -> tuple[dict[str, Any], bool]:
        """Stored inputs or outputs, without the dynamic form's ``__provider``; and whether
        it was there (the resource was moved here from the dynamic resources)."""
        snake, _ = self.snake(values)
        return snake, snake.pop(DYNAMIC_PROVIDER_KEY, None) is not None

    def wire(self, values: Mapping[str, Any], secret: set[str]) -> dict[str, PropertyValue]:
        camel: dict[str, Any] = self.names.to_camel(dict(values))
        keys = {self.names.key_to_camel(key) for key in (*secret, *self.secrets)}
        return map_from_python(camel, keys)


class NovitaNativeProvider(p.Provider):
    """Serves ``novita:index:<Type>`` resources and ``novita:index:<function>`` invokes."""

    def __init__(self) -> None:
        self._settings: ProviderSettings | None = None
        self._pool = ThreadPoolExecutor(max_workers=provider_threads(), thread_name_prefix="novita")
        self._resources = {
            resource_token(kind): _Resource(
                kind(self.client),
                NameMap.of(kind.spec, *kind.computed_outputs),
                frozenset(kind.spec.names(secret=True)),
            )
            for kind in RESOURCES
        }
        self._functions = {function_token(f.name): f for f in FUNCTIONS}

    def client(self) -> NovitaClient:
        if self._settings is None:
            self._settings = ProviderSettings.resolve()
        return shared_client(self._settings)

    async def _run(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, call)

    def _resource(self, type_token: str) -> _Resource:
        try:
            return self._resources[type_token]
        except KeyError:
            raise NovitaError(f"the novita provider has no resource type {type_token}") from None

    # -- provider ------------------------------------------------------------------------------

    async def get_schema(self, request: p.GetSchemaRequest) -> p.GetSchemaResponse:
        return p.GetSchemaResponse(schema=schema_text())

    async def configure(self, request: p.ConfigureRequest) -> p.ConfigureResponse:
        # The settings arrive as arguments (``apiKey``), and as variables in the legacy form
        # ``novita:config:apiKey``; the settings read ``novita:apiKey``.
        settings = {
            key.replace(f"{PACKAGE}:config:", f"{PACKAGE}:", 1): value
            for key, value in request.variables.items()
        }
        args, _ = map_to_python(request.args)
        settings.update({f"{PACKAGE}:{key}": value for key, value in args.items()})
        self._settings = await self._run(lambda: ProviderSettings.resolve(settings))
        return p.ConfigureResponse(accept_secrets=True, supports_preview=True, accept_outputs=False)

    # -- resources -----------------------------------------------------------------------------

    async def check(self, request: p.CheckRequest) -> p.CheckResponse:
        resource = self._resource(request.type)
        olds, _ = resource.stored(request.old_inputs)
        news, secret = resource.snake(request.new_inputs)
        news[AUTONAME_PREFIX] = request.name
        checked = await self._run(lambda: resource.kind.check(olds, news))
        return p.CheckResponse(
            inputs=resource.wire(checked.inputs, secret),
            failures=[
                p.CheckFailure(*engine_failure(f, news, resource.names.path_to_camel))
                for f in checked.failures
            ],
        )

    async def diff(self, request: p.DiffRequest) -> p.DiffResponse:
        resource = self._resource(request.type)
        olds, moved = resource.stored(request.old_state)
        news, _ = resource.snake(request.new_inputs)
        changes = await self._run(lambda: resource.kind.diff(olds, news))
        # Property paths (``workerConfig.maxNum``, ``products[0]``), in the wire's names.
        detailed = {
            resource.names.path_to_camel(path): p.PropertyDiff(_KIND_CHANGE[change], True)
            for path, change in changes.detailed().items()
        }
        changed = [resource.names.key_to_camel(name) for name in changes.changed]
        if moved:  # an output only: the update rewrites the state without it
            detailed[DYNAMIC_PROVIDER_KEY] = p.PropertyDiff(p.PropertyDiffKind.DELETE, False)
            changed.append(DYNAMIC_PROVIDER_KEY)
        return p.DiffResponse(
            changes=bool(changed),
            replaces=[resource.names.key_to_camel(name) for name in changes.replaces],
            delete_before_replace=changes.delete_before_replace,
            diffs=sorted(changed),
            detailed_diff=detailed,
        )

    async def create(self, request: p.CreateRequest) -> p.CreateResponse:
        resource = self._resource(request.type)
        props, secret = resource.snake(request.properties)
        if request.preview:
            unknown = {name: UNKNOWN for name in resource.kind.computed_outputs}
            return p.CreateResponse("", resource.wire({**props, **unknown}, secret))
        id_, outputs = await self._run(lambda: resource.kind.create(props))
        return p.CreateResponse(id_, resource.wire(outputs, secret))

    async def read(self, request: p.ReadRequest) -> p.ReadResponse:
        resource = self._resource(request.type)
        props, secret = resource.snake(request.properties)
        props.pop(DYNAMIC_PROVIDER_KEY, None)
        found = await self._run(lambda: resource.kind.read(request.resource_id, props))
        if found is None:
            return p.ReadResponse()  # no id: gone, the engine drops it from the state
        return p.ReadResponse(
            found.id, resource.wire(found.outputs, secret), resource.wire(found.inputs, secret)
        )

    async def update(self, request: p.UpdateRequest) -> p.UpdateResponse:
        resource = self._resource(request.type)
        olds, _ = resource.stored(request.olds)
        news, secret = resource.snake(request.news)
        if request.preview:
            computed = {k: olds[k] for k in resource.kind.computed_outputs if k in olds}
            return p.UpdateResponse(resource.wire({**news, **computed}, secret))
        outputs = await self._run(lambda: resource.kind.update(request.resource_id, olds, news))
        return p.UpdateResponse(resource.wire(outputs, secret))

    async def delete(self, request: p.DeleteRequest) -> None:
        resource = self._resource(request.type)
        props, _ = resource.stored(request.properties)
        await self._run(lambda: resource.kind.delete(request.resource_id, props))

    # -- functions -----------------------------------------------------------------------------

    async def invoke(self, request: p.InvokeRequest) -> p.InvokeResponse:
        function = self._functions.get(request.tok)
        if function is None:
            raise NovitaError(f"the {PACKAGE} provider has no function {request.tok}")
        names = NameMap.of(function.args)
        plain, _ = map_to_python(request.args)
        args = {k: v for k, v in names.to_snake(plain).items() if v is not None}
        failures = validate_model(function.args, args)
        if failures:
            return p.InvokeResponse(failures=_check_failures(failures, names))
        result = await self._run(lambda: _call(function, self.client(), args))
        return p.InvokeResponse(return_value=map_from_python(result))


def _call(function: Function, client: NovitaClient, args: dict[str, Any]) -> dict[str, Any]:
    result = function.run(client, function.args.model_validate(args))
    names = NameMap.of(function.result)
    plain: dict[str, Any] = json.loads(result.model_dump_json())
    return dict(names.to_camel(plain))


def _check_failures(failures: list[Failure], names: NameMap) -> list[p.CheckFailure]:
    return [p.CheckFailure(names.path_to_camel(f.path), f.reason) for f in failures]
