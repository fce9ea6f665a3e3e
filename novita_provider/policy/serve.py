"""Serve :data:`.rules.RULES` as a CrossGuard policy pack (``pulumi_policy``).

Two things ``pulumi_policy`` 1.21 does not give a Python pack, added here:
- the stack's config: the engine sends it with ``ConfigureStack`` and the servicer drops it; we
  keep it, so that prices come from the stack's own ``novita:prices`` and provider settings;
- which inputs are secrets: ``Analyze`` unwraps them; we keep them marked (:class:`.rules.Secret`)
  for the rule that secret-looking env values must be secrets.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping, Sequence
from typing import Any, Final

import pulumi_policy
from pulumi_policy import policy as policy_module
from pulumi_policy.deserialize import SPECIAL_SECRET_SIG, SPECIAL_SIG_KEY
from pulumi_policy.proxy import UnknownValueError

from ..cost import PriceBook
from ..cost.from_account import price_book
from ..cost.prices import PriceConfigError
from ..review.kinds import resource_kind
from .rules import RULES, Resource, Rule, Secret, Violation, resource

PACK_NAME: Final = "novita"
_stack_config: dict[str, Any] = {}
_lock = threading.Lock()


@functools.cache
def _book() -> PriceBook:
    """Read once per pack process (one preview), like the review."""
    with _lock:
        try:
            return price_book(dict(_stack_config))
        except PriceConfigError as error:
            return PriceBook.of([], {}, listed_available=False, unavailable_reason=str(error))


def _keep_stack_config() -> None:
    servicer = policy_module._PolicyAnalyzerServicer
    original = servicer.ConfigureStack

    def configure_stack(self: Any, request: Any, context: Any) -> Any:
        _stack_config.update(dict(request.config))
        return original(self, request, context)

    setattr(servicer, "ConfigureStack", configure_stack)  # noqa: B010 (a patch, said so above)


def _keep_secrets_marked() -> None:
    original = getattr(policy_module, "deserialize_properties")  # noqa: B009

    def deserialize(props: dict[str, Any], proxy_secrets: bool = False) -> dict[str, Any]:
        return {key: _mark(value) for key, value in original(_wrap(props), proxy_secrets).items()}

    setattr(policy_module, "deserialize_properties", deserialize)  # noqa: B010


# The secret marker survives ``deserialize_properties`` as an ordinary key: we rename the
# signature so that the SDK leaves the object alone, then turn it into a Secret.
_KEPT: Final = "__novita_secret__"


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        if value.get(SPECIAL_SIG_KEY) == SPECIAL_SECRET_SIG:
            return {_KEPT: _wrap(value.get("value"))}
        return {k: _wrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


def _mark(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_KEPT}:
            return Secret(_mark(value[_KEPT]))
        return {k: _mark(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark(v) for v in value]
    return value


def _materialize(value: Any) -> Any:
    """Plain data from the SDK's unknown-checking proxies: an unknown value becomes None."""
    if isinstance(value, Secret | str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        result = {}
        for key in list(value.keys()):
            try:
                result[key] = _materialize(value[key])
            except UnknownValueError:
                result[key] = None
        return result
    if isinstance(value, Sequence):
        items = []
        for index in range(len(value)):
            try:
                items.append(_materialize(value[index]))
            except UnknownValueError:
                items.append(None)
        return items
    return value


def _report(violations: list[Violation], report: Any) -> None:
    for violation in violations:
        report(violation.message, violation.urn)


def _resource_policy(rule: Rule) -> pulumi_policy.ResourceValidationPolicy:
    def validate(args: pulumi_policy.ResourceValidationArgs, report: Any) -> None:
        kind = resource_kind(args.resource_type)
        if kind is None:
            return
        found = resource(
            kind,
            args.name,
            _materialize(args.props),
            urn=args.urn,
            protect=bool(args.opts.protect),
        )
        _report(rule.check([found], args.get_config(), _book()), report)

    return pulumi_policy.ResourceValidationPolicy(
        name=rule.name,
        description=rule.description,
        validate=validate,
        enforcement_level=_level(rule),
        config_schema=pulumi_policy.PolicyConfigSchema(properties=dict(rule.config_schema)),
    )


def _stack_policy(rule: Rule) -> pulumi_policy.StackValidationPolicy:
    def validate(args: pulumi_policy.StackValidationArgs, report: Any) -> None:
        found: list[Resource] = []
        for item in args.resources:
            kind = resource_kind(item.resource_type)
            if kind is not None:
                found.append(resource(kind, item.name, _materialize(item.props), urn=item.urn))
        _report(rule.check(found, args.get_config(), _book()), report)

    return pulumi_policy.StackValidationPolicy(
        name=rule.name,
        description=rule.description,
        validate=validate,
        enforcement_level=_level(rule),
        config_schema=pulumi_policy.PolicyConfigSchema(properties=dict(rule.config_schema)),
    )


def _level(rule: Rule) -> pulumi_policy.EnforcementLevel:
    return pulumi_policy.EnforcementLevel(rule.default_level)


STACK_RULES: Final = frozenset({"max-hourly-usd"})


def main() -> None:
    _keep_stack_config()
    _keep_secrets_marked()
    policies: list[pulumi_policy.Policy] = [
        _stack_policy(rule) if rule.name in STACK_RULES else _resource_policy(rule)
        for rule in RULES
    ]
    pulumi_policy.PolicyPack(name=PACK_NAME, policies=policies)
