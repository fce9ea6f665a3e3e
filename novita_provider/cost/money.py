"""Exact money: prices are integers in 1/100000 USD, so every figure is a :class:`Decimal`."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

PRICE_UNITS_PER_USD: Final = 100_000
"""Novita's products list gives prices in 1/100000 USD (35000 = $0.35; unverified)."""
HOURS_PER_MONTH: Final = 720
"""A 30-day month, the period the reviews and the policy pack quote."""
CENT: Final = Decimal("0.01")
UNIT: Final = Decimal("0.00001")


def units_to_usd(units: int) -> Decimal:
    """An API price (1/100000 USD) in USD, exactly."""
    return Decimal(units) / PRICE_UNITS_PER_USD


def usd(value: object) -> Decimal | None:
    """A USD amount from config (a number or numeric text), exactly as written; None if it is
    not one. A float goes through its shortest text, so ``2.5`` is ``Decimal("2.5")``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = repr(value)
    if not isinstance(value, str):
        return None
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount >= 0 else None


def format_usd(amount: Decimal) -> str:
    """``$1,234.57``: rounded half-up to the cent; below a cent to the API's unit of 1/100000
    USD (``$0.0035``, ``$0.00972``)."""
    if amount != 0 and abs(amount) < CENT:
        return f"${amount.quantize(UNIT, rounding=ROUND_HALF_UP).normalize():f}"
    cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents):,.2f}"


def format_delta(amount: Decimal) -> str:
    """``+$1.00``, ``-$3.50``, ``$0.00``."""
    if amount > 0:
        return "+" + format_usd(amount)
    return format_usd(amount)
