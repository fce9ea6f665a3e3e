"""The cost model: figures per resource kind and billing mode, overrides, unknown prices, and
exact conversion of the API's integer price units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from novita_provider.cost import PriceBook, estimate, format_usd, units_to_usd
from novita_provider.cost.money import format_delta
from novita_provider.cost.prices import ListedPrice, PriceConfigError, overrides_from_config

GPU = ListedPrice(
    "4090.18c.60g",
    "RTX 4090",
    on_demand=units_to_usd(35_000),
    spot=units_to_usd(17_500),
    monthly={1: units_to_usd(19_000_000), 3: units_to_usd(54_000_000)},
)
CPU = ListedPrice("cpu.4c.8g", "4 vCPU", on_demand=units_to_usd(3_333))
BOOK = PriceBook.of([GPU, CPU], {"SL-serverless-3": Decimal("2.5")})


def endpoint(
    min_num: int, max_num: int, gpu_num: float = 1, products: list[str] | None = None
) -> dict[str, object]:
    return {
        "products": products or ["SL-serverless-3"],
        "worker_config": {"min_num": min_num, "max_num": max_num, "gpu_num": gpu_num},
    }


def test_price_units_convert_exactly() -> None:
    assert units_to_usd(35_000) == Decimal("0.35")
    assert units_to_usd(1) == Decimal("0.00001")
    # 0.1 + 0.2 in floats is 0.30000000000000004: in units it is exact.
    assert units_to_usd(10_000) + units_to_usd(20_000) == Decimal("0.3")
    assert format_usd(units_to_usd(3_333) * 720) == "$24.00"  # 23.9976 rounds half-up
    assert units_to_usd(3_333) * 720 == Decimal("23.9976")


def test_endpoint_floor_and_ceiling() -> None:
    found = estimate("Endpoint", endpoint(0, 4, gpu_num=2.0), BOOK)
    assert found is not None
    assert (found.floor, found.ceiling) == (Decimal(0), Decimal("20.0"))
    assert found.sources == ("config novita:prices.SL-serverless-3: $2.50/h",)
    always_on = estimate("Endpoint", endpoint(1, 1), BOOK)
    assert always_on is not None and always_on.floor == always_on.ceiling == Decimal("2.5")


def test_serverless_product_without_override_is_unknown_with_the_key_to_set() -> None:
    found = estimate("Endpoint", endpoint(0, 2, products=["SL-serverless-9"]), BOOK)
    assert found is not None
    assert found.floor is None and found.ceiling is None and not found.known
    (missing,) = found.unpriced
    assert missing.config_key == "novita:prices.SL-serverless-9"
    assert "pulumi config set --path 'novita:prices.SL-serverless-9'" in missing.hint()


def test_native_camel_case_inputs_are_read_too() -> None:
    native = {"products": ["SL-serverless-3"], "workerConfig": {"minNum": 1, "maxNum": 3}}
    found = estimate("Endpoint", native, BOOK)
    assert found is not None and (found.floor, found.ceiling) == (Decimal("2.5"), Decimal("7.5"))


@pytest.mark.parametrize(
    ("inputs", "hourly"),
    [
        ({"product_id": "4090.18c.60g", "gpu_num": 2}, Decimal("0.70")),
        ({"product_id": "4090.18c.60g", "gpu_num": 2, "billing_mode": "spot"}, Decimal("0.35")),
        (
            {"product_id": "4090.18c.60g", "billing_mode": "monthly", "months": 3},
            Decimal(540) / 720,
        ),
        ({"product_id": "cpu.4c.8g", "kind": "cpu", "gpu_num": 4}, Decimal("0.03333")),
        ({"product_id": "4090.18c.60g", "gpu_num": 8, "power": "stopped"}, Decimal(0)),
        (
            {"product_id": "4090.18c.60g", "billing_mode": "monthly", "power": "stopped"},
            Decimal(190) / 720,
        ),
    ],
)
def test_instance_by_billing_mode_and_power(inputs: dict[str, object], hourly: Decimal) -> None:
    found = estimate("GpuInstance", inputs, BOOK)
    assert found is not None
    assert found.floor == found.ceiling == hourly


def test_override_wins_over_the_listed_price() -> None:
    book = PriceBook.of([GPU], overrides_from_config('{"4090.18c.60g": 0.5}'))
    found = estimate("GpuInstance", {"product_id": "4090.18c.60g", "gpu_num": 2}, book)
    assert found is not None and found.ceiling == Decimal("1.0")
    assert found.sources == ("config novita:prices.4090.18c.60g: $0.50/h",)


def test_unlisted_instance_product_and_missing_monthly_term_are_unknown() -> None:
    unlisted = estimate("GpuInstance", {"product_id": "h100.x"}, BOOK)
    assert unlisted is not None and unlisted.unpriced[0].config_key == "novita:prices.h100.x"
    no_term = estimate(
        "GpuInstance",
        {"product_id": "4090.18c.60g", "billing_mode": "monthly", "months": 12},
        BOOK,
    )
    assert no_term is not None and not no_term.known


def test_storage_from_the_gb_month_override_only() -> None:
    volume = {"size_gb": 100, "cluster_id": "c", "name": "v"}
    unknown = estimate("NetworkVolume", volume, BOOK)
    assert unknown is not None
    assert unknown.unpriced[0].config_key == "novita:prices.storage-gb-month"
    priced = estimate(
        "NetworkVolume", volume, PriceBook.of([], {"storage-gb-month": Decimal("0.07")})
    )
    assert priced is not None and priced.ceiling is not None
    assert format_usd(priced.ceiling * 720) == "$7.00"


def test_prewarm_is_priced_by_its_image_size_once_known() -> None:
    book = PriceBook.of([], {"storage-gb-month": Decimal("0.72")})
    before = estimate("ImagePrewarm", {"image": "x"}, book)
    assert before is not None and before.note == "known after apply"
    after = estimate("ImagePrewarm", {"image": "x"}, book, {"imageSizeBytes": 1_500_000_000})
    assert after is not None and after.ceiling == 2 * Decimal("0.72") / 720


def test_unbilled_kinds_and_unknown_kinds() -> None:
    credential = estimate("RegistryCredential", {"username": "u"}, BOOK)
    assert credential is not None and not credential.billed and credential.ceiling == 0
    assert estimate("SomethingElse", {}, BOOK) is None


def test_unknown_inputs_make_no_figure() -> None:
    found = estimate("Endpoint", {"products": ["SL-serverless-3"], "worker_config": {}}, BOOK)
    assert found is not None and found.floor is None and found.note == "known after apply"


def test_formatting() -> None:
    assert format_usd(Decimal("1234.565")) == "$1,234.57"
    assert format_usd(Decimal("0.0035")) == "$0.0035"
    assert format_usd(Decimal(7) / 720) == "$0.00972"
    assert format_usd(Decimal(0)) == "$0.00"
    assert format_delta(Decimal("14.4")) == "+$14.40"
    assert format_delta(Decimal("-3.5")) == "-$3.50"


@pytest.mark.parametrize("bad", ['{"a": -1}', '{"a": "cheap"}', "[1]", "not json", '{"a": true}'])
def test_bad_price_config_is_one_clear_error(bad: str) -> None:
    with pytest.raises(PriceConfigError, match="novita:prices"):
        overrides_from_config(bad)
