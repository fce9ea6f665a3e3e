"""One cost function per resource kind, on the resource's inputs (snake_case, as the dynamic
provider stores them; the native provider's camelCase is converted first).

Endpoint: ``min_num`` x ``gpu_num`` x price is the floor, ``max_num`` x ``gpu_num`` x price the
ceiling (serverless products are priced only by ``novita:prices``: no v1 call lists them).
GpuInstance: price x GPUs (CPU instances: price per instance) while running; stopped costs no
compute, except a monthly subscription, which is paid for either way. Network volumes and image
prewarm: GB x ``storage-gb-month``. Resources the API lists no price for count as free.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

from .estimate import Estimate, Unpriced
from .money import format_usd
from .prices import PRICES_CONFIG, STORAGE_PRICE_KEY, Billing, PriceBook

Inputs = Mapping[str, Any]
Estimator = Callable[[Inputs, Inputs, PriceBook], Estimate]
BYTES_PER_GB: Final = 10**9


def estimate(
    kind: str, inputs: Inputs, book: PriceBook, outputs: Inputs | None = None
) -> Estimate | None:
    """The estimate for a resource of ``kind`` (``Endpoint``, ``GpuInstance``, ...), or None for
    a kind this module does not know."""
    estimator = ESTIMATORS.get(kind)
    if estimator is None:
        return None
    return estimator(snake_keys(inputs), snake_keys(outputs or {}), book)


def snake_keys(value: Any) -> Any:
    """``{"workerConfig": {"maxNum": 2}}`` -> ``{"worker_config": {"max_num": 2}}``."""
    if isinstance(value, Mapping):
        return {_snake(str(k)): snake_keys(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [snake_keys(v) for v in value]
    return value


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _count(value: Any, default: int | None = None) -> int | None:
    """A whole number from an input (ints may arrive as floats), or None if not known yet."""
    if value is None:
        return default
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _price_key(product_id: str) -> str:
    return f"{PRICES_CONFIG}.{product_id}"


def endpoint(inputs: Inputs, outputs: Inputs, book: PriceBook) -> Estimate:
    config = inputs.get("worker_config")
    config = config if isinstance(config, Mapping) else {}
    products = [p for p in inputs.get("products") or () if isinstance(p, str)]
    low, high = _count(config.get("min_num")), _count(config.get("max_num"))
    gpus = _count(config.get("gpu_num"), default=1)
    if not products or low is None or high is None or gpus is None:
        return Estimate(None, None, note="known after apply")
    prices = [(p, book.hourly(p)) for p in products]
    missing = [
        Unpriced(f"serverless product {p}", _price_key(p)) for p, price in prices if not price
    ]
    if missing:
        return Estimate.unknown(*missing, note="no v1 call prices serverless products")
    known = [price for _, price in prices if price is not None]
    cheapest = min(price.usd_per_hour for price in known)
    dearest = max(price.usd_per_hour for price in known)
    return Estimate(
        floor=low * gpus * cheapest,
        ceiling=high * gpus * dearest,
        sources=tuple(price.source for price in known),
        note=f"{low}-{high} workers x {gpus} GPU",
    )


def gpu_instance(inputs: Inputs, outputs: Inputs, book: PriceBook) -> Estimate:
    product = inputs.get("product_id")
    billing: Billing = inputs.get("billing_mode") or "onDemand"
    months = _count(inputs.get("months"))
    is_cpu = inputs.get("kind") == "cpu"
    units = 1 if is_cpu else _count(inputs.get("gpu_num"), default=1)
    if not isinstance(product, str) or units is None:
        return Estimate(None, None, note="known after apply")
    stopped = inputs.get("power") == "stopped"
    if stopped and billing != "monthly":
        return Estimate(Decimal(0), Decimal(0), note="stopped: no compute charge")
    price = book.hourly(product, billing, months)
    if price is None:
        what = f"{'CPU' if is_cpu else 'GPU'} product {product} ({billing})"
        return Estimate.unknown(Unpriced(what, _price_key(product)))
    hourly = units * price.usd_per_hour
    per = "instance" if is_cpu else f"{units} GPU"
    note = f"{per} x {format_usd(price.usd_per_hour)}/h"
    if stopped:
        note += "; stopped, but a monthly subscription is paid either way"
    return Estimate(hourly, hourly, sources=(price.source,), note=note)


def _storage(size_gb: int | None, what: str, book: PriceBook) -> Estimate:
    if size_gb is None:
        return Estimate(None, None, note="known after apply")
    price = book.storage_gb_month()
    if price is None:
        return Estimate.unknown(Unpriced(what, f"{PRICES_CONFIG}.{STORAGE_PRICE_KEY}"))
    hourly = size_gb * price.usd_per_hour
    return Estimate(hourly, hourly, sources=(price.source,), note=f"{size_gb} GB")


def network_volume(inputs: Inputs, outputs: Inputs, book: PriceBook) -> Estimate:
    return _storage(_count(inputs.get("size_gb")), "network storage (per GB-month)", book)


def image_prewarm(inputs: Inputs, outputs: Inputs, book: PriceBook) -> Estimate:
    size = _count(outputs.get("image_size_bytes"))
    gb = None if size is None else -(-size // BYTES_PER_GB)
    return _storage(gb, "prewarmed image storage (per GB-month)", book)


def _not_billed(what: str) -> Estimator:
    def free(inputs: Inputs, outputs: Inputs, book: PriceBook) -> Estimate:
        return Estimate.free(f"Novita's API lists no price for {what}")

    return free


ESTIMATORS: Final[dict[str, Estimator]] = {
    "Endpoint": endpoint,
    "GpuInstance": gpu_instance,
    "NetworkVolume": network_volume,
    "ImagePrewarm": image_prewarm,
    "RegistryCredential": _not_billed("registry credentials"),
    "Template": _not_billed("templates"),
    "Network": _not_billed("VPC networks"),
}
