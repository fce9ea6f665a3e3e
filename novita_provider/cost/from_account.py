"""The price book of a stack: the account's products lists (read once, with the stack's own
provider settings) and the stack's ``novita:prices`` overrides.

The one module of :mod:`novita_provider.cost` that calls the API. Reading prices must never stop
a review or a policy run: when the lists cannot be read, the book says why and holds only the
overrides.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from ..core.numbers import whole_number
from ..errors import NovitaError
from .money import units_to_usd
from .prices import PRICES_CONFIG, ListedPrice, PriceBook, overrides_from_config

if TYPE_CHECKING:
    from ..api.client import NovitaClient

PRICE_READ_RETRIES: Final = 1
PRICE_READ_SECONDS: Final = 10.0
"""Prices are a convenience of a review: a dead URL fails fast instead of retrying for minutes."""


def price_book(config: Mapping[str, Any], *, read_lists: bool = True) -> PriceBook:
    """Overrides from ``config[novita:prices]``; listed prices from the account when
    ``read_lists`` (settings from ``config``, else the environment, as the provider's)."""
    overrides = overrides_from_config(config.get(PRICES_CONFIG))
    if not read_lists:
        return PriceBook.of([], overrides, listed_available=False, unavailable_reason="not read")
    from ..api.client import NovitaClient
    from ..api.settings import ProviderSettings

    try:
        settings = ProviderSettings.resolve(config)
        if not settings.api_key:
            reason = "no API key (novita:apiKey or NOVITA_API_KEY)"
            return PriceBook.of([], overrides, listed_available=False, unavailable_reason=reason)
        settings = dataclasses.replace(
            settings,
            max_retries=min(settings.max_retries, PRICE_READ_RETRIES),
            retry_timeout=min(settings.retry_timeout, PRICE_READ_SECONDS),
            request_timeout=min(settings.request_timeout, PRICE_READ_SECONDS),
        )
        client = NovitaClient(settings)
        try:
            listed = listed_prices(client)
        finally:
            client.close()
    except NovitaError as error:
        return PriceBook.of([], overrides, listed_available=False, unavailable_reason=str(error))
    return PriceBook.of(listed, overrides)


def listed_prices(client: NovitaClient) -> list[ListedPrice]:
    """Every GPU and CPU product's prices (``GET /products``, ``GET /cpu/products``)."""
    gpu = client._call("list GPU products", "GET", "/products")
    cpu = client._call("list CPU products", "GET", "/cpu/products")
    return [*_items(gpu), *_items(cpu)]


def _items(data: Any) -> list[ListedPrice]:
    """Products read leniently: ``data`` or a bare list, prices as integers or numeric text,
    items without an id skipped."""
    items = data.get("data") if isinstance(data, Mapping) else data
    found: list[ListedPrice] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            continue
        found.append(
            ListedPrice(
                product_id=item["id"],
                name=str(item.get("name") or ""),
                on_demand=_usd(item.get("price")),
                spot=_usd(item.get("spotPrice")),
                monthly=_monthly(item.get("monthlyPrice")),
            )
        )
    return found


def _usd(units: Any) -> Decimal | None:
    number = whole_number(units, allow_text=True)
    return None if number is None or number < 0 else units_to_usd(number)


def _monthly(terms: Any) -> dict[int, Decimal]:
    prices: dict[int, Decimal] = {}
    for term in terms if isinstance(terms, list) else []:
        if not isinstance(term, Mapping):
            continue
        months = whole_number(term.get("month"), allow_text=True)
        price = _usd(term.get("price"))
        if months is not None and months > 0 and price is not None:
            prices[months] = price
    return prices
