"""What the resource classes share in the user's program: ``*Args`` to the props of a dynamic
resource, and registration with the provider reference the state stores.

This runs in the user's program, so it imports neither pydantic nor httpx."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

import pulumi
from pulumi import CustomResource
from pulumi.dynamic import Resource
from pulumi.dynamic.dynamic import PROVIDER_KEY, serialize_provider

from ..state_contract import ProviderRef

A = TypeVar("A")


def to_props(value: Any) -> Any:
    """Args dataclasses to plain dicts (recursively), leaving Outputs and plain dicts in place."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_props(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {key: to_props(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_props(item) for item in value]
    return value


def args_and_opts(
    args_type: type[A], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[A, pulumi.ResourceOptions | None]:
    """Accept ``(args, opts)`` positionally or by keyword, or the args' fields as keywords,
    like the resource constructors of Pulumi's own SDKs."""
    opts = kwargs.pop("opts", None)
    resource_args = kwargs.pop("args", None)
    for value in args:
        if isinstance(value, pulumi.ResourceOptions):
            opts = value
        elif isinstance(value, args_type):
            resource_args = value
        else:
            raise TypeError(f"expected {args_type.__name__} or ResourceOptions, got {value!r}")
    if resource_args is None:
        resource_args = args_type(**kwargs)
    elif kwargs:
        raise TypeError(f"pass either {args_type.__name__} or keyword arguments, not both")
    return resource_args, opts


def resource_props(args: Any, resource_name: str, output_names: tuple[str, ...]) -> dict[str, Any]:
    """The props for a dynamic resource: the inputs given, the autoname prefix, and a ``None``
    for every other input and output so the resource object gets an Output for each."""
    props: dict[str, Any] = {k: v for k, v in to_props(args).items() if v is not None}
    props["autoname_prefix"] = resource_name
    for name in (*(f.name for f in dataclasses.fields(args)), *output_names):
        props.setdefault(name, None)
    return props


class NovitaResource(Resource):
    """Base of the resource classes, e.g. ``class Endpoint(NovitaResource, name="Endpoint",
    args=EndpointArgs, computed_outputs=(...))`` (type token
    ``pulumi-python:dynamic/novita:Endpoint``): registers the type's provider reference with
    the given ``*Args``. ``secrets`` are inputs stored as secrets whether or not they were
    given as secrets."""

    _novita_type: ClassVar[str] = ""
    _args_type: ClassVar[type[Any]]
    _computed_outputs: ClassVar[tuple[str, ...]] = ()
    _secrets: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(
        cls,
        name: str = "",
        args: type[Any] | None = None,
        computed_outputs: tuple[str, ...] = (),
        secrets: tuple[str, ...] = (),
        **kwargs: Any,
    ) -> None:
        # The type token is part of every URN in the state: module and name never change.
        super().__init_subclass__(module="novita", name=name, **kwargs)
        cls._novita_type = name
        if args is not None:
            cls._args_type = args
        cls._computed_outputs = computed_outputs
        cls._secrets = secrets

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        reference = kwargs.pop(_REFERENCE, None)
        if reference is not None:
            # get(): every input and output unset, the id in the options.
            names = (*(f.name for f in dataclasses.fields(self._args_type)),)
            props = dict.fromkeys((*names, *self._computed_outputs))
            opts: pulumi.ResourceOptions | None = reference
        else:
            resource_args, opts = args_and_opts(self._args_type, args, kwargs)
            props = resource_props(resource_args, resource_name, self._computed_outputs)
        for name in self._secrets:
            if props.get(name) is not None:
                props[name] = pulumi.Output.secret(props[name])
        if self._secrets:
            opts = pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=list(self._secrets))
            )
        props[PROVIDER_KEY] = _provider_reference(self._novita_type)
        # What pulumi.dynamic.Resource.__init__ does, called from here rather than through it:
        # the SDK records as the resource's source position the caller of the third __init__
        # up the stack (Resource, CustomResource, then the concrete class), which is then the
        # user's program line rather than this module. (The reference holds no secret, so it
        # is stored in plain text.)
        CustomResource.__init__(
            self, f"pulumi-python:{self._resource_type_name}", resource_name, props, opts
        )

    @classmethod
    def get(
        cls,
        resource_name: str,
        id: pulumi.Input[str],
        opts: pulumi.ResourceOptions | None = None,
    ) -> Self:
        """A read-only reference to an existing resource of this type, by its id alone.

        Its outputs are the live values, read on every ``up``, ``preview`` and ``refresh``;
        Pulumi never changes or deletes it (``destroy`` forgets it). To manage an existing
        resource instead, see ``adopt_id``.
        """
        options = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return cls(resource_name, **{_REFERENCE: options})


_REFERENCE = "_novita_reference_options"


@functools.cache
def _provider_reference(type_name: str) -> str:
    """The pickled provider reference of a type, serialized once per program."""
    serialized: str = serialize_provider(ProviderRef(type_name))
    return serialized
