"""The serverless product catalogue known to the simulator (section 4)."""

from __future__ import annotations

from typing import Final

SERVERLESS_PRODUCT_IDS: Final = frozenset({"SL-serverless-1", "SL-serverless-2", "SL-serverless-3"})
