"""What every Novita resource does alike, derived from its field declarations.

A resource is a :class:`ResourceKind` subclass: its declaration (a :class:`Spec` model), a few
facts (the account-unique field, its computed outputs) and four API calls
(``api_create``/``api_read``/``api_update``/``api_delete``). Everything else lives here once,
for every resource and for both providers (the dynamic one and the native plugin):

- ``check``: autonaming, defaults filled, validation with property paths (unknowns skipped),
  and the canonical form of the inputs;
- ``diff``: field by field after normalisation; replacements and delete-before-replace from
  the declarations;
- ``update``: no API call when only provider-local fields change;
- ``read``: gone means gone, and an unchanged resource reads back exactly as it was checked;
- ``delete``: already gone is success.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import NovitaApiError, NovitaError, UnknownOutcomeError
from . import unknown_creates
from .adoption import ADOPT_ID, adopt_id_of, is_tracked, remember_tracked, without_adopt_id
from .check import Failure, validate_model
from .fields import Spec
from .in_use import DEFAULT_IN_USE_TIMEOUT_SECONDS, delete_when_released
from .naming import AUTONAME_PREFIX, resolve_name
from .numbers import timeout_seconds
from .unknowns import contains_unknown, strip_unknowns, under_unknown

if TYPE_CHECKING:
    from ..api.client import NovitaClient

S = TypeVar("S", bound=Spec)
ChangeKind = Literal["add", "delete", "update"]


@dataclass(frozen=True)
class Live:
    """A resource as the API reports it: its id, its configuration in the spec's shape
    (snake_case, without provider-local fields) and the outputs only the API knows."""

    id: str
    config: dict[str, Any]
    computed: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Checked:
    inputs: dict[str, Any]
    failures: list[Failure]


@dataclass(frozen=True)
class Changes:
    """The difference between stored outputs and new inputs."""

    changed: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    delete_before_replace: bool = False
    paths: Mapping[str, ChangeKind] = field(default_factory=dict)
    """Each changed value by property path (``worker_config.max_num``, ``envs[0].value``) and
    how it changes; a field whose new value is unknown is listed whole."""

    @property
    def any(self) -> bool:
        return bool(self.changed)

    def detailed(self) -> dict[str, tuple[ChangeKind, bool]]:
        """Each changed property path: how it changes, and whether that replaces the resource
        (what Pulumi calls a detailed diff)."""
        paths = self.paths or {name: "update" for name in self.changed}
        return {path: (kind, _top(path) in self.replaces) for path, kind in paths.items()}


@dataclass(frozen=True)
class ReadBack:
    id: str
    outputs: dict[str, Any]
    inputs: dict[str, Any]


class ResourceKind(ABC, Generic[S]):
    """One Novita resource type. Subclasses declare the class attributes and the API calls."""

    type_name: ClassVar[str]
    """The resource's name in type tokens: ``Endpoint`` in ``novita:index:Endpoint``."""
    spec: type[S]
    """The inputs, declared once (see :mod:`novita_provider.core.fields`)."""
    output_spec: ClassVar[type[BaseModel] | None] = None
    """The outputs beyond the inputs, known only once the resource exists, declared like the
    inputs: a pydantic model whose fields (types, attribute docstrings) are those outputs."""
    computed_outputs: ClassVar[tuple[str, ...]] = ()
    """The names of ``output_spec``'s fields (derived from it when it is given)."""
    unique_field: ClassVar[str | None] = None
    """A field that must be unique on the account: a replacement that keeps its value must
    delete the old resource first."""
    autonamed: ClassVar[bool] = True
    """``name`` defaults to the Pulumi resource name plus a random suffix."""
    in_use_reason: ClassVar[str | None] = None
    """The API's error reason while something still uses the resource (for a while after
    its user is gone): delete retries it for ``delete_timeout_seconds``."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        outputs = cls.__dict__.get("output_spec")
        if outputs is None:
            return
        derived = tuple(outputs.model_fields)
        declared = cls.__dict__.get("computed_outputs")
        if declared is not None and tuple(declared) != derived:
            raise TypeError(
                f"{cls.__name__}: computed_outputs {declared!r} differ from output_spec's "
                f"fields {derived!r}; declare output_spec only"
            )
        cls.computed_outputs = derived

    def __init__(self, client: Callable[[], NovitaClient]) -> None:
        self._client = client

    def client(self) -> NovitaClient:
        return self._client()

    # -- what each resource supplies -----------------------------------------------------------

    def rules(
        self, known: Mapping[str, Any], unknown_paths: set[str], olds: Mapping[str, Any]
    ) -> Iterable[Failure]:
        """Checks beyond the declaration (account limits, cross-field rules, old values)."""
        return ()

    def defaulted_by_api(self, name: str, value: Any, id_: str) -> bool:
        """True when ``value``, read back for a ``server_default`` field, is the API's own
        default rather than something a user chose (it is then left out of read's inputs)."""
        return False

    @abstractmethod
    def api_create(self, spec: S) -> Live: ...

    def settle_adopted(self, live: Live, spec: S) -> Live:
        """An adopted resource that needed no update, once it is as create would leave it."""
        return live

    @abstractmethod
    def api_find(self, spec: S) -> Live | None:
        """The live resource a create of ``spec`` would have made, found by its name."""

    @abstractmethod
    def api_read(self, id_: str) -> Live | None:
        """The live resource, or None when it no longer exists."""

    @abstractmethod
    def api_update(self, id_: str, spec: S, olds: Mapping[str, Any]) -> Live: ...

    @abstractmethod
    def api_delete(self, id_: str, props: Mapping[str, Any]) -> None:
        """Delete and wait until it is gone. A not-found error means it already is."""

    # -- shared --------------------------------------------------------------------------------

    def check(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Checked:
        """The inputs to store, and every problem with them (values not yet known are
        skipped). Valid, fully known inputs come back in their canonical form."""
        fields = self.spec.model_fields
        inputs = {key: value for key, value in news.items() if key in fields}
        if self.autonamed:
            prefix = news.get(AUTONAME_PREFIX)
            previous = olds.get("name")
            if not olds and isinstance(prefix, str):
                # A create whose outcome stayed unknown: reuse its name, so create finds it.
                previous = unknown_creates.pending_autoname(self.type_name, prefix)
            inputs["name"] = resolve_name(
                previous,
                inputs.get("name"),
                prefix if isinstance(prefix, str) else None,
                fresh=self.unique_field == "name" and self.would_replace(olds, inputs),
            )
        for key, default in self.spec.defaults().items():
            if inputs.get(key) is None:
                inputs[key] = default
        inputs = {key: value for key, value in inputs.items() if value is not None}
        if olds:
            # Already in the stack: a replacement must create, not adopt the old one again.
            remember_tracked(self.type_name, olds.get(ADOPT_ID), news.get(ADOPT_ID))
        adopt_id = adopt_id_of(inputs)
        if olds or (adopt_id and is_tracked(self.type_name, adopt_id)):
            inputs = without_adopt_id(inputs)

        known, unknown_paths = strip_unknowns(inputs)
        failures = [
            f for f in validate_model(self.spec, known) if not under_unknown(f.path, unknown_paths)
        ]
        for failure in self.rules(known, unknown_paths, olds):
            if not under_unknown(failure.path, unknown_paths) and failure not in failures:
                failures.append(failure)
        if ADOPT_ID in inputs and self.autonamed and news.get("name") is None:
            failures.append(Failure("name", "required with adopt_id: the existing resource's name"))
        if not failures and not unknown_paths:
            inputs = self.spec.model_validate(known).canonical()
        return Checked(inputs, failures)

    def diff(
        self, olds: Mapping[str, Any], news: Mapping[str, Any], id_: str | None = None
    ) -> Changes:
        """``olds`` are the stored outputs, ``news`` the checked inputs (which may hold
        unknowns during preview: an unknown field counts as changed)."""
        every = tuple(self.spec.model_fields)
        if id_ is not None:
            remember_tracked(self.type_name, id_)
        old = self._parse(olds)
        if old is None:
            return Changes(every, self.spec.names(replaces=True), False)
        new_props = _configured(news, self.spec)
        unknown = {key for key, value in new_props.items() if contains_unknown(value)}
        for name in self.spec.names(server_default=True):
            if new_props.get(name) is None:
                new_props[name] = getattr(old, name)
        known = {key: getattr(old, key) if key in unknown else v for key, v in new_props.items()}
        new = self._parse(known)
        if new is None:
            return Changes(every, self.spec.names(replaces=True), False)
        changed = tuple(
            key for key in every if key in unknown or getattr(old, key) != getattr(new, key)
        )
        replace_fields = set(self.spec.names(replaces=True))
        replaces = tuple(key for key in changed if key in replace_fields)
        old_values, new_values = old.canonical(), new.canonical()
        paths: dict[str, ChangeKind] = {}
        for key in changed:
            # An unknown value is compared as it came (a change wherever it is unknown).
            new_value = new_props.get(key) if key in unknown else new_values.get(key)
            leaves = _leaf_changes(key, old_values.get(key), new_value)
            paths.update(leaves or {key: "update"})
        keeps_unique = self._keeps_unique(old, news)
        return Changes(changed, replaces, bool(replaces) and keeps_unique, paths)

    def create(self, props: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        spec = self.spec.model_validate(_configured(props, self.spec))
        adopt_id = adopt_id_of(props)
        if adopt_id and not is_tracked(self.type_name, adopt_id):
            live = self.adopt(adopt_id, spec)
        else:
            live = self._create_once(spec)
        return live.id, self.outputs(live, spec)

    def _create_once(self, spec: S) -> Live:
        """Create, unless an earlier create of this name had an unknown outcome and made it:
        then adopt that one (see :mod:`novita_provider.core.unknown_creates`)."""
        name = getattr(spec, "name", None)
        if not isinstance(name, str) or not name:
            return self.api_create(spec)
        if unknown_creates.is_pending(self.type_name, name):
            found = self.api_find(spec)
            if found is not None:
                live = self.adopt(found.id, spec)
                unknown_creates.forget(self.type_name, name)
                return live
        try:
            live = self.api_create(spec)
        except UnknownOutcomeError:
            unknown_creates.record(self.type_name, name)
            raise
        unknown_creates.forget(self.type_name, name)
        return live

    def adopt(self, id_: str, spec: S) -> Live:
        """The live resource ``id_``, brought to ``spec`` with at most one update call; never
        a create or a delete (see :mod:`novita_provider.core.adoption`)."""
        what = f"adopt {_noun(self.type_name)} {id_}"
        live = self._read_live(id_)
        if live is None:
            raise NovitaError(f"{what} failed: no such {_noun(self.type_name)} on the account")
        current = self.outputs(live, spec)
        changes = self.diff(current, without_adopt_id(spec.canonical()))
        if changes.replaces:
            raise NovitaError(
                f"{what} failed: the live resource differs in {', '.join(changes.replaces)}, "
                "which cannot change in place; declare the live value to adopt it"
            )
        if not changes.any:
            return self.settle_adopted(live, spec)
        return self.api_update(id_, spec, current)

    def read(self, id_: str, props: Mapping[str, Any]) -> ReadBack | None:
        """The live resource as outputs and inputs; None when it is gone. ``props`` are the
        stored outputs (or, for a resource only referenced by id, the program's inputs)."""
        live = self._read_live(id_)
        if live is None:
            return None
        outputs = self.outputs(live, self._parse(props))
        inputs = {key: value for key, value in outputs.items() if key in self.spec.model_fields}
        for name in self.spec.names(server_default=True):
            if name in inputs and self.defaulted_by_api(name, inputs[name], id_):
                del inputs[name]
        return ReadBack(id_, outputs, inputs)

    def update(self, id_: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> dict[str, Any]:
        spec = self.spec.model_validate(_configured(news, self.spec))
        local = self.spec.names(local=True)
        if not set(self.diff(olds, news).changed) - set(local):
            # Only provider behaviour changed (timeouts, readiness): nothing to send.
            kept = {key: value for key, value in olds.items() if key not in local}
            given = {key: getattr(spec, key) for key in local if key != ADOPT_ID}
            return {**kept, **{key: value for key, value in given.items() if value is not None}}
        return self.outputs(self.api_update(id_, spec, olds), spec)

    def delete(self, id_: str, props: Mapping[str, Any]) -> None:
        if self.in_use_reason is not None:
            delete_when_released(
                lambda: self.api_delete(id_, props),
                in_use_reason=self.in_use_reason,
                what=f"{_noun(self.type_name)} {props.get('name') or id_}",
                timeout=timeout_seconds(
                    props.get("delete_timeout_seconds"), DEFAULT_IN_USE_TIMEOUT_SECONDS
                ),
            )
            return
        try:
            self.api_delete(id_, props)
        except NovitaApiError as exc:
            if not exc.is_not_found:
                raise

    def outputs(self, live: Live, keep: S | None) -> dict[str, Any]:
        """The live configuration in canonical form (provider-local fields taken from
        ``keep``, else their defaults), plus the computed outputs."""
        config = dict(live.config)
        if keep is not None:
            config.update({key: getattr(keep, key) for key in self.spec.names(local=True)})
        try:
            canonical = self.spec.model_validate(config).canonical()
        except ValidationError:
            # Something set outside Pulumi that our declaration would reject: report it as is.
            canonical = {key: value for key, value in config.items() if value is not None}
        return {**without_adopt_id(canonical), **live.computed}

    def _read_live(self, id_: str) -> Live | None:
        """The live resource, or None when it is gone (a not-found error included)."""
        try:
            return self.api_read(id_)
        except NovitaApiError as exc:
            if exc.is_not_found:
                return None
            raise

    def _parse(self, props: Mapping[str, Any]) -> S | None:
        try:
            return self.spec.model_validate(_configured(props, self.spec))
        except ValidationError:
            return None

    def would_replace(self, olds: Mapping[str, Any], inputs: Mapping[str, Any]) -> bool:
        """Whether new inputs replace the resource of the old inputs, the name aside. Decided
        by :meth:`diff`, like the engine's own decision: ``check`` gives a replacement a fresh
        autoname from it, so the new resource can be created before the old one is deleted
        where names are unique."""
        if not olds:
            return False
        probe = {**inputs, "name": olds.get("name")} if self.autonamed else inputs
        return bool(self.diff(olds, probe).replaces)

    def _keeps_unique(self, old: S, news: Mapping[str, Any]) -> bool:
        name = self.unique_field
        if name is None:
            return False
        value = news.get(name)
        return value is not None and (contains_unknown(value) or value == getattr(old, name))


def _configured(props: Mapping[str, Any], spec: type[Spec]) -> dict[str, Any]:
    """The spec's fields of a property bag (inputs or outputs), None meaning unset."""
    return {
        key: _without_nones(value)
        for key, value in props.items()
        if key in spec.model_fields and value is not None
    }


def _without_nones(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nones(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nones(item) for item in value]
    return value


def _noun(type_name: str) -> str:
    """``NetworkVolume`` -> ``network volume``, as operations are named in messages."""
    return "".join(f" {c.lower()}" if c.isupper() else c for c in type_name).strip()


_ABSENT = object()


def _leaf_changes(path: str, old: Any, new: Any) -> dict[str, ChangeKind]:
    """The property paths below ``path`` whose values differ, and how."""
    if old is None or old == [] or old == {}:
        old = _ABSENT
    if new is None or new == [] or new == {}:
        new = _ABSENT
    if old is _ABSENT and new is _ABSENT:
        return {}
    if old is _ABSENT:
        return {path: "add"}
    if new is _ABSENT:
        return {path: "delete"}
    if isinstance(old, dict) and isinstance(new, dict):
        found: dict[str, ChangeKind] = {}
        for key in sorted(old.keys() | new.keys()):
            found.update(_leaf_changes(f"{path}.{key}", old.get(key), new.get(key)))
        return found
    if isinstance(old, list) and isinstance(new, list):
        found = {}
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else None
            after = new[index] if index < len(new) else None
            found.update(_leaf_changes(f"{path}[{index}]", before, after))
        return found
    return {} if old == new else {path: "update"}


def _top(path: str) -> str:
    """The top-level field of a property path: ``worker_config`` of ``worker_config.max_num``."""
    return path.split(".", 1)[0].split("[", 1)[0]
