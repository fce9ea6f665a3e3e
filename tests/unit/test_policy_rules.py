"""The policy pack's rules as pure functions: what each reports, naming resource, rule, limit
and estimate, for inputs in either provider's spelling."""

from __future__ import annotations

from decimal import Decimal

from novita_provider.cost import PriceBook
from novita_provider.cost.prices import ListedPrice
from novita_provider.policy import rules
from novita_provider.policy.rules import Secret, resource
from novita_provider.review.kinds import resource_kind

BOOK = PriceBook.of(
    [ListedPrice("h100", on_demand=Decimal("2.0"), spot=Decimal("1.0"))],
    {"SL-serverless-3": Decimal("2.5")},
)


def endpoint(name: str, min_num: int, max_num: int, **extra: object) -> rules.Resource:
    props = {
        "products": ["SL-serverless-3"],
        "worker_config": {"min_num": min_num, "max_num": max_num, "gpu_num": 1},
        **extra,
    }
    return resource("Endpoint", name, props, urn=f"urn:{name}")


def test_stack_budget_names_the_rule_limit_estimate_and_largest_resources() -> None:
    found = rules.max_hourly_usd(
        [endpoint("api", 0, 4), endpoint("chat", 0, 1)], {"limit": 10}, BOOK
    )
    (violation,) = found
    assert violation.message.startswith("max-hourly-usd: the stack's ceiling estimate $12.50/h")
    assert "exceeds the limit $10.00/h" in violation.message
    assert "`api` $10.00/h" in violation.message
    assert rules.max_hourly_usd([endpoint("api", 0, 4)], {"limit": 10}, BOOK) == []
    assert rules.max_hourly_usd([endpoint("api", 0, 400)], {}, BOOK) == []  # no limit: off


def test_unknown_prices_fail_a_budget_unless_ignored() -> None:
    unpriced = resource(
        "Endpoint",
        "odd",
        {"products": ["SL-x"], "worker_config": {"min_num": 0, "max_num": 1}},
    )
    (violation,) = rules.max_hourly_usd([unpriced], {"limit": 10}, BOOK)
    assert "cannot check the limit $10.00/h: no price for `odd`" in violation.message
    assert rules.max_hourly_usd([unpriced], {"limit": 10, "unknownPrices": "ignore"}, BOOK) == []


def test_per_resource_limit_and_native_spelling() -> None:
    native = resource(
        resource_kind("novita:index:GpuInstance") or "",
        "trainer",
        {"productId": "h100", "gpuNum": 8},
        urn="urn:trainer",
    )
    (violation,) = rules.max_resource_hourly_usd([native], {"limit": 10}, BOOK)
    assert violation.urn == "urn:trainer"
    assert "`trainer` (GpuInstance) ceiling estimate $16.00/h" in violation.message
    assert "exceeds the limit $10.00/h" in violation.message


def test_allowed_products_and_clusters() -> None:
    api = endpoint("api", 0, 1, cluster_id="us-1")
    assert rules.allowed_products([api], {"products": ["SL-serverless-3"]}, BOOK) == []
    (bad,) = rules.allowed_products([api], {"products": ["SL-serverless-2"]}, BOOK)
    assert "uses product 'SL-serverless-3', not in the allowed list" in bad.message
    (far,) = rules.allowed_clusters([api], {"clusters": ["eu-1"]}, BOOK)
    assert "is in cluster 'us-1'" in far.message
    assert rules.allowed_products([api], {}, BOOK) == []


def test_always_on_workers_unless_allowed() -> None:
    (found,) = rules.no_always_on_workers([endpoint("api", 2, 4)], {}, BOOK)
    assert "keeps 2 worker(s) running (min_num > 0, limit 0); floor estimate $5.00/h" in (
        found.message
    )
    assert rules.no_always_on_workers([endpoint("api", 2, 4)], {"allow": ["api"]}, BOOK) == []
    assert rules.no_always_on_workers([endpoint("api", 0, 4)], {}, BOOK) == []


def test_secret_looking_env_values_must_be_secrets() -> None:
    envs = [
        {"key": "HF_TOKEN", "value": "plain"},
        {"key": "DB_PASSWORD", "value": Secret("hidden")},
        {"key": "LOG_LEVEL", "value": "debug"},
    ]
    (found,) = rules.secret_env_values([endpoint("api", 0, 1, envs=envs)], {}, BOOK)
    assert "env HF_TOKEN looks secret but is not a Pulumi secret" in found.message
    assert "plain" not in found.message
    secret_list = endpoint("api", 0, 1, envs=Secret(envs))
    assert rules.secret_env_values([secret_list], {}, BOOK) == []


def test_network_volumes_protected_and_no_spot() -> None:
    volume = resource("NetworkVolume", "models", {"size_gb": 10}, protect=False)
    (unprotected,) = rules.protect_network_volumes([volume], {}, BOOK)
    assert "`models` (NetworkVolume) is not protected" in unprotected.message
    safe = resource("NetworkVolume", "models", {"size_gb": 10}, protect=True)
    assert rules.protect_network_volumes([safe], {}, BOOK) == []
    spot = resource("GpuInstance", "cheap", {"productId": "h100", "billingMode": "spot"})
    (found,) = rules.no_spot_instances([spot], {}, BOOK)
    assert "`cheap` (GpuInstance) uses spot billing" in found.message
    assert rules.no_spot_instances([spot], {"allow": ["cheap"]}, BOOK) == []


def test_both_providers_type_tokens_are_known() -> None:
    for kind in ("Endpoint", "GpuInstance", "NetworkVolume"):
        assert resource_kind(f"pulumi-python:dynamic/novita:{kind}") == kind
        assert resource_kind(f"novita:index:{kind}") == kind
    assert resource_kind("aws:s3/bucket:Bucket") is None
