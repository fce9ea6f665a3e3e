"""Collecting every item of a paged list, each once, whatever the server's paging variant.

The API reference documents pages counting from 1 (0 being the first page too), the page size
asked being served, and says nothing of the order. The real API may differ (Novita's own CLI
lists from page 0): pages may count from 0, the server may serve fewer items per page than
asked, and it may list newest first, so that items shift between pages while others are
created. :func:`collect_pages` reads pages 0, 2, 3, ... (exactly what the documented paging
needs: page 0 is its first page), and only when that leaves ``total`` unreached (or the server
gives no total) also page 1, which is the second page when pages count from 0. Items are
deduplicated by id, so a page read twice or an item listed on two pages counts once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_PAGES = 1000
"""A guard against a server that never stops listing new items."""


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list answer: its items, and ``total`` (all matches) when the server
    says it."""

    items: list[T]
    total: int | None


class TooManyPages(Exception):
    """The server kept listing new items beyond :data:`MAX_PAGES` pages."""


def collect_pages(
    fetch: Callable[[int], Page[T]], identify: Callable[[T], str], max_pages: int = MAX_PAGES
) -> list[T]:
    """Every item ``fetch(page_number)`` lists, each once, in the order first seen.

    Reading forward stops at ``total`` items, at an empty page, or at a page that adds nothing
    new (a server ignoring the page number). One call when everything fits the first page.
    """
    pages = _Collector(fetch, identify)
    if not pages.read(0) or pages.complete():
        return pages.items()
    last = pages.forward(range(2, max_pages), stop_when_nothing_new=True)
    if last is None:
        raise TooManyPages(f"still listing new items after {max_pages} pages")
    if pages.complete():
        return pages.items()
    pages.read(1)
    if pages.total is not None and not pages.complete():
        # Items moved between pages while they were read (created or deleted meanwhile): read
        # those pages again in order, and one more; in newest-first order that repeats items,
        # never skips them.
        pages.forward(range(2, last + 2), stop_when_nothing_new=False)
    return pages.items()


class _Collector(Generic[T]):
    """The items seen so far, by id, and the last ``total`` the server gave."""

    def __init__(self, fetch: Callable[[int], Page[T]], identify: Callable[[T], str]) -> None:
        self._fetch, self._identify = fetch, identify
        self._found: dict[str, T] = {}
        self.total: int | None = None
        self.last_page_empty = False

    def items(self) -> list[T]:
        return list(self._found.values())

    def complete(self) -> bool:
        return self.total is not None and len(self._found) >= self.total

    def read(self, number: int) -> int:
        """Fetch a page; how many items it added."""
        page = self._fetch(number)
        self.total, self.last_page_empty = page.total, not page.items
        before = len(self._found)
        for item in page.items:
            self._found.setdefault(self._identify(item), item)
        return len(self._found) - before

    def forward(self, numbers: range, *, stop_when_nothing_new: bool) -> int | None:
        """Read these pages until ``total`` is reached or a page is empty (or adds nothing,
        when ``stop_when_nothing_new``): the page it stopped at, None if it never did."""
        for number in numbers:
            added = self.read(number)
            if self.complete() or self.last_page_empty or (stop_when_nothing_new and not added):
                return number
        return None
