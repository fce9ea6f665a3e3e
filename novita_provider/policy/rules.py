"""The pack's rules, as pure functions of the resources (their kind, name and inputs), the rule's
config and the price book: each returns the violation messages, each naming the resource, the
rule, the limit and the estimate where there is one."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from ..cost import HOURS_PER_MONTH, Estimate, PriceBook, estimate, format_usd
from ..cost.estimators import snake_keys
from ..cost.money import usd


@dataclass(frozen=True)
class Resource:
    kind: str
    """Our resource kind (``Endpoint``, ``GpuInstance``, ...), whichever provider serves it."""
    name: str
    props: Mapping[str, Any]
    """Inputs in snake_case; values of Pulumi secrets are :class:`Secret`."""
    urn: str = ""
    protect: bool = False


@dataclass(frozen=True)
class Secret:
    """A value the program passed as a Pulumi secret."""

    value: Any = field(repr=False)


@dataclass(frozen=True)
class Violation:
    message: str
    urn: str | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    default_level: str
    """``advisory`` or ``mandatory`` (the pack's config may change it)."""
    check: Callable[[Sequence[Resource], Mapping[str, Any], PriceBook], list[Violation]]
    config_schema: Mapping[str, Any]


def _plain(value: Any) -> Any:
    if isinstance(value, Secret):
        return _plain(value.value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _estimate(resource: Resource, book: PriceBook) -> Estimate | None:
    return estimate(resource.kind, _plain(resource.props), book)


def _per_hour(amount: Decimal) -> str:
    return f"{format_usd(amount)}/h ({format_usd(amount * HOURS_PER_MONTH)} per 30-day month)"


def _limit(config: Mapping[str, Any]) -> Decimal | None:
    return usd(config.get("limit"))


def _unknown_fails(config: Mapping[str, Any]) -> bool:
    return bool(config.get("unknownPrices", "fail") != "ignore")


def max_hourly_usd(
    resources: Sequence[Resource], config: Mapping[str, Any], book: PriceBook
) -> list[Violation]:
    limit = _limit(config)
    if limit is None:
        return []
    total, unknown = Decimal(0), []
    largest: list[tuple[Decimal, str]] = []
    for resource in resources:
        found = _estimate(resource, book)
        if found is None:
            continue
        if found.ceiling is None:
            unknown.append(resource.name)
            continue
        total += found.ceiling
        largest.append((found.ceiling, resource.name))
    violations = []
    if total > limit:
        top = ", ".join(f"`{n}` {_per_hour(c)}" for c, n in sorted(largest, reverse=True)[:3])
        violations.append(
            Violation(
                f"max-hourly-usd: the stack's ceiling estimate {_per_hour(total)} exceeds the "
                f"limit {format_usd(limit)}/h; largest: {top}"
            )
        )
    if unknown and _unknown_fails(config):
        violations.append(
            Violation(
                f"max-hourly-usd: cannot check the limit {format_usd(limit)}/h: no price for "
                f"{', '.join(f'`{n}`' for n in unknown)} (set novita:prices, or the rule's "
                '"unknownPrices": "ignore")'
            )
        )
    return violations


def max_resource_hourly_usd(
    resources: Sequence[Resource], config: Mapping[str, Any], book: PriceBook
) -> list[Violation]:
    limit = _limit(config)
    if limit is None:
        return []
    violations = []
    for resource in resources:
        found = _estimate(resource, book)
        if found is None:
            continue
        if found.ceiling is None:
            if found.unpriced and _unknown_fails(config):
                hints = "; ".join(m.hint() for m in found.unpriced)
                violations.append(
                    Violation(
                        f"max-resource-hourly-usd: `{resource.name}` ({resource.kind}): cannot "
                        f"check the limit {format_usd(limit)}/h: {hints}",
                        resource.urn or None,
                    )
                )
            continue
        if found.ceiling > limit:
            violations.append(
                Violation(
                    f"max-resource-hourly-usd: `{resource.name}` ({resource.kind}) ceiling "
                    f"estimate {_per_hour(found.ceiling)} exceeds the limit {format_usd(limit)}/h",
                    resource.urn or None,
                )
            )
    return violations


def _products(resource: Resource) -> list[str]:
    props = _plain(resource.props)
    if resource.kind == "Endpoint":
        return [p for p in props.get("products") or () if isinstance(p, str)]
    product = props.get("product_id")
    return [product] if isinstance(product, str) else []


def allowed_products(
    resources: Sequence[Resource], config: Mapping[str, Any], book: PriceBook
) -> list[Violation]:
    allowed = config.get("products")
    if not isinstance(allowed, list):
        return []
    return [
        Violation(
            f"allowed-products: `{r.name}` ({r.kind}) uses product {p!r}, not in the allowed "
            f"list {sorted(allowed)}",
            r.urn or None,
        )
        for r in resources
        for p in _products(r)
        if p not in allowed
    ]


def allowed_clusters(
    resources: Sequence[Resource], config: Mapping[str, Any], book: PriceBook
) -> list[Violation]:
    allowed = config.get("clusters")
    if not isinstance(allowed, list):
        return []
    found = []
    for r in resources:
        cluster = _plain(r.props).get("cluster_id")
        if isinstance(cluster, str) and cluster not in allowed:
            found.append(
                Violation(
                    f"allowed-clusters: `{r.name}` ({r.kind}) is in cluster {cluster!r}, not in "
                    f"the allowed list {sorted(allowed)}",
                    r.urn or None,
                )
            )
    return found


def no_always_on_workers(
    resources: Sequence[Resource], config: Mapping[str, Any], book: PriceBook
) -> list[Violation]:
    allow = config.get("allow") or []
    found = []
    for r in resources:
        if r.kind != "Endpoint" or r.name in allow:
            continue
        workers = (_plain(r.props).get("worker_config") or {}).get("min_num")
        if isinstance(workers, int | float) and workers > 0:
            cost = _estimate(r, book)
            floor = (
                f"; floor estimate {_per_hour(cost.floor)}"
                if cost is not None and cost.floor is not None
                else ""
            )
            found.append(
                Violation(
                    f"no-always-on-workers: `{r.name}` keeps {int(workers)} worker(s) running "
                    f'(min_num > 0, limit 0){floor}; allow it with the rule\'s "allow" list',
                    r.urn or None,
                )
            )
    return found


SECRET_LOOKING: Final = (
    r"(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)"
)


def secret_env_values(
    resources: Sequence[Resource], config: Mapping[str, Any], book: PriceBook
) -> list[Violation]:
    pattern = re.compile(str(config.get("pattern") or SECRET_LOOKING), re.IGNORECASE)
    found = []
    for r in resources:
        for env in _envs(r.props.get("envs")):
            key, value = env.get("key"), env.get("value")
            if isinstance(key, str) and pattern.search(key) and not isinstance(value, Secret):
                found.append(
                    Violation(
                        f"secret-env-values: `{r.name}` ({r.kind}) env {key} looks secret but is "
                        "not a Pulumi secret: pass it as pulumi.Output.secret(...) or from "
                        "`pulumi config set --secret`",
                        r.urn or None,
                    )
                )
    return found


def _envs(value: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(value, Secret):
        return []  # the whole list is secret
    return [e for e in value or () if isinstance(e, Mapping)]


def protect_network_volumes(
    resources: Sequence[Resource], config: Mapping[str, Any], book: PriceBook
) -> list[Violation]:
    return [
        Violation(
            f"protect-network-volumes: `{r.name}` (NetworkVolume) is not protected: its data "
            "goes with a destroy or a replacement; set ResourceOptions(protect=True)",
            r.urn or None,
        )
        for r in resources
        if r.kind == "NetworkVolume" and not r.protect
    ]


def no_spot_instances(
    resources: Sequence[Resource], config: Mapping[str, Any], book: PriceBook
) -> list[Violation]:
    allow = config.get("allow") or []
    return [
        Violation(
            f"no-spot-instances: `{r.name}` (GpuInstance) uses spot billing, which can be "
            'reclaimed at any time; allow it with the rule\'s "allow" list',
            r.urn or None,
        )
        for r in resources
        if r.kind == "GpuInstance"
        and _plain(r.props).get("billing_mode") == "spot"
        and r.name not in allow
    ]


_LIMIT_SCHEMA: Final = {
    "limit": {"type": "number", "minimum": 0},
    "unknownPrices": {"type": "string", "enum": ["fail", "ignore"]},
}
_ALLOW_SCHEMA: Final = {"allow": {"type": "array", "items": {"type": "string"}}}

RULES: Final = (
    Rule(
        "max-hourly-usd",
        "The stack's hourly ceiling estimate stays within a budget.",
        "mandatory",
        max_hourly_usd,
        _LIMIT_SCHEMA,
    ),
    Rule(
        "max-resource-hourly-usd",
        "Each resource's hourly ceiling estimate stays within a limit.",
        "mandatory",
        max_resource_hourly_usd,
        _LIMIT_SCHEMA,
    ),
    Rule(
        "allowed-products",
        "Endpoints and instances use only allowed products.",
        "mandatory",
        allowed_products,
        {"products": {"type": "array", "items": {"type": "string"}}},
    ),
    Rule(
        "allowed-clusters",
        "Resources are placed only in allowed clusters.",
        "mandatory",
        allowed_clusters,
        {"clusters": {"type": "array", "items": {"type": "string"}}},
    ),
    Rule(
        "no-always-on-workers",
        "Endpoints scale to zero (min_num 0) unless allowed.",
        "advisory",
        no_always_on_workers,
        _ALLOW_SCHEMA,
    ),
    Rule(
        "secret-env-values",
        "Environment values whose keys look secret are Pulumi secrets.",
        "advisory",
        secret_env_values,
        {"pattern": {"type": "string"}},
    ),
    Rule(
        "protect-network-volumes",
        "Network volumes are protected from deletion.",
        "advisory",
        protect_network_volumes,
        {},
    ),
    Rule(
        "no-spot-instances",
        "GPU instances do not use spot billing unless allowed.",
        "advisory",
        no_spot_instances,
        _ALLOW_SCHEMA,
    ),
)


def resource(kind: str, name: str, props: Mapping[str, Any], **rest: Any) -> Resource:
    """A resource for the rules, from inputs in either provider's spelling."""
    return Resource(kind, name, snake_keys(props), **rest)
