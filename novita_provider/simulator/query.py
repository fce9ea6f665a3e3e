"""Checks of query parameters shared by the list calls."""

from __future__ import annotations

import re
from collections.abc import Collection

from .errors import invalid
from .router import Request
from .shapes import ResponseShape

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
_UNSIGNED = re.compile(r"[0-9]+")


def check_query(request: Request, allowed: Collection[str]) -> None:
    """Reject any query parameter not in `allowed`."""
    for key in request.query:
        if key not in allowed:
            raise invalid(f"{key}: unknown query parameter")


def query_int(request: Request, key: str) -> int:
    """A non-negative integer query parameter; 0 when absent or empty."""
    value = request.query.get(key, "")
    if not value:
        return 0
    if not _UNSIGNED.fullmatch(value):
        raise invalid(f"{key}: must be a non-negative integer")
    return int(value)


def page_window(
    request: Request, page_key: str, size_key: str, shape: ResponseShape
) -> tuple[int, int]:
    """`(offset, limit)` from a page number and a page size (absent or 0 = 20, at most 100).

    Documented: pages count from 1 (0 = first page too). The shape may count them from 0
    and cap the size served below the size asked.
    """
    size = query_int(request, size_key) or DEFAULT_PAGE_SIZE
    if size > MAX_PAGE_SIZE:
        raise invalid(f"{size_key}: must be between 1 and {MAX_PAGE_SIZE}")
    size = shape.page_size(size)
    return shape.page_index(query_int(request, page_key)) * size, size
