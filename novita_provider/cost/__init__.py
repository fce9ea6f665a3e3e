"""What a resource costs: hourly floors and ceilings in USD, each with the source of its price.

Pure (no API, no pulumi): :mod:`.prices` holds the price book (the products list's prices and the
stack's ``novita:prices`` overrides), :mod:`.estimate` the result type, :mod:`.estimators` one
function per resource kind, :mod:`.money` exact conversion and display. Every figure is an
estimate: Novita's price units are unverified (``shared/novita-api-gpu.md``, decision 8).
"""

from .estimate import Estimate, Unpriced
from .estimators import estimate
from .money import HOURS_PER_MONTH, format_usd, units_to_usd
from .prices import PriceBook

__all__ = [
    "HOURS_PER_MONTH",
    "Estimate",
    "PriceBook",
    "Unpriced",
    "estimate",
    "format_usd",
    "units_to_usd",
]
