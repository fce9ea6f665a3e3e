"""An estimate of one resource's cost per hour: a floor (what it costs idle) and a ceiling (at
its configured maximum), with where each price came from and what could not be priced."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .money import HOURS_PER_MONTH


@dataclass(frozen=True)
class Unpriced:
    """Something a price is needed for and neither the products list nor config gives."""

    what: str
    """e.g. ``product SL-serverless-3``."""
    config_key: str
    """The stack config path that would price it, e.g. ``novita:prices.SL-serverless-3``."""

    def hint(self) -> str:
        return f"{self.what}: set `pulumi config set --path '{self.config_key}' <USD>`"


@dataclass(frozen=True)
class Estimate:
    """USD per hour. ``floor``/``ceiling`` are None when a price they need is unknown."""

    floor: Decimal | None
    ceiling: Decimal | None
    sources: tuple[str, ...] = ()
    """Where each price came from, e.g. ``products list: 4090.18c.60g on demand $0.35/GPU-h``."""
    unpriced: tuple[Unpriced, ...] = ()
    note: str = ""
    """What the figures mean for this resource (``stopped: no compute charge``)."""
    billed: bool = True
    """False for resources Novita's API documents no price for (templates, credentials)."""

    @property
    def known(self) -> bool:
        return self.floor is not None and self.ceiling is not None

    @staticmethod
    def free(note: str) -> Estimate:
        return Estimate(Decimal(0), Decimal(0), note=note, billed=False)

    @staticmethod
    def unknown(*missing: Unpriced, note: str = "") -> Estimate:
        return Estimate(None, None, unpriced=missing, note=note)


def monthly(hourly: Decimal | None) -> Decimal | None:
    return None if hourly is None else hourly * HOURS_PER_MONTH
