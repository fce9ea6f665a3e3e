"""The price book of one review or policy run: listed product prices and the stack's overrides.

An override (stack config ``novita:prices``, a map of product id to USD per GPU-hour, plus
``storage-gb-month`` for network storage) wins over the list. A price neither gives is unknown:
callers report it with the config key that would set it, never a guess.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal

from .money import HOURS_PER_MONTH, format_usd, usd

PRICES_CONFIG: Final = "novita:prices"
STORAGE_PRICE_KEY: Final = "storage-gb-month"
"""The override key for network storage, in USD per GB per 30-day month."""

Billing = Literal["onDemand", "spot", "monthly"]


@dataclass(frozen=True)
class ListedPrice:
    """One product's prices from the products list, in USD per hour (per GPU for GPU products,
    per instance for CPU products); monthly prices by term length in months, per month."""

    product_id: str
    name: str = ""
    on_demand: Decimal | None = None
    spot: Decimal | None = None
    monthly: Mapping[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Price:
    usd_per_hour: Decimal
    source: str


@dataclass(frozen=True)
class PriceBook:
    listed: Mapping[str, ListedPrice] = field(default_factory=dict)
    overrides: Mapping[str, Decimal] = field(default_factory=dict)
    listed_available: bool = False
    """Whether the products list was read (False: offline, or no API access)."""
    unavailable_reason: str = ""

    @staticmethod
    def of(
        listed: Iterable[ListedPrice] = (),
        overrides: Mapping[str, Decimal] | None = None,
        *,
        listed_available: bool = True,
        unavailable_reason: str = "",
    ) -> PriceBook:
        return PriceBook(
            {item.product_id: item for item in listed},
            dict(overrides or {}),
            listed_available,
            unavailable_reason,
        )

    def hourly(
        self, product_id: str, billing: Billing = "onDemand", months: int | None = None
    ) -> Price | None:
        """The price of one unit (a GPU, or a CPU instance) for an hour, or None if unknown."""
        override = self.overrides.get(product_id)
        if override is not None:
            return Price(override, f"config {PRICES_CONFIG}.{product_id}: {format_usd(override)}/h")
        item = self.listed.get(product_id)
        if item is None:
            return None
        if billing == "spot":
            return _listed(item.spot, f"products list: {product_id} spot")
        if billing == "monthly":
            term = months or 1
            per_month = item.monthly.get(term)
            if per_month is None:
                return None
            return Price(
                per_month / HOURS_PER_MONTH,
                f"products list: {product_id} {term}-month term {format_usd(per_month)}/month "
                "(read as per month; unverified)",
            )
        return _listed(item.on_demand, f"products list: {product_id} on demand")

    def storage_gb_month(self) -> Price | None:
        value = self.overrides.get(STORAGE_PRICE_KEY)
        if value is None:
            return None
        return Price(
            value / HOURS_PER_MONTH,
            f"config {PRICES_CONFIG}.{STORAGE_PRICE_KEY}: {format_usd(value)}/GB-month",
        )


def _listed(amount: Decimal | None, source: str) -> Price | None:
    return None if amount is None else Price(amount, f"{source} {format_usd(amount)}/h")


class PriceConfigError(ValueError):
    """``novita:prices`` is not a map of ids to non-negative USD amounts."""


def overrides_from_config(value: object) -> dict[str, Decimal]:
    """``novita:prices`` as stack config gives it (an object, or its JSON text)."""
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise PriceConfigError(
                f"{PRICES_CONFIG} must be a map of product id to USD per GPU-hour, e.g. "
                f"`pulumi config set --path '{PRICES_CONFIG}.SL-serverless-3' 2.5`"
            ) from None
    if not isinstance(value, Mapping):
        raise PriceConfigError(f"{PRICES_CONFIG} must be a map, got {type(value).__name__}")
    result: dict[str, Decimal] = {}
    for key, amount in value.items():
        parsed = usd(amount)
        if parsed is None:
            raise PriceConfigError(
                f"{PRICES_CONFIG}.{key}: {amount!r} is not a non-negative USD amount"
            )
        result[str(key)] = parsed
    return result
