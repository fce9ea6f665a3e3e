"""Response-shape options: tolerated variants of what the API answers, never of what it accepts.

The default `ResponseShape()` is the documented shape. Each option models a way the real API
may plausibly differ where the documentation is silent (see the README, "Response shapes").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Final, TypeVar

from .checks import present
from .errors import invalid

OLDEST_FIRST: Final = "oldest-first"
NEWEST_FIRST: Final = "newest-first"
LIST_ORDERS: Final = (OLDEST_FIRST, NEWEST_FIRST)
STORAGE_ID_KEYS: Final = ("storageId", "id")
PAGE_BASES: Final = (1, 0)
MAX_PAGE_SIZE_CAP: Final = 100
VARIANT_PAGE_SIZE_CAP: Final = 10

EXTRA_NOTE_KEY: Final = "undocumentedNote"
EXTRA_INFO_KEY: Final = "undocumentedInfo"

_JSON_KEYS: Final = {
    "omit_empty": "omitEmpty",
    "page_base": "pageBase",
    "page_size_cap": "pageSizeCap",
    "list_order": "listOrder",
    "storage_id_key": "storageIdKey",
    "extra_fields": "extraFields",
}
ALL_VARIANTS_KEY: Final = "allShapeVariants"

T = TypeVar("T")


def _not_int(value: Any) -> bool:
    return isinstance(value, bool) or not isinstance(value, int)


@dataclass(frozen=True)
class ResponseShape:
    """How responses are shaped. `page_size_cap` 0 means no cap beyond the documented 100."""

    omit_empty: bool = False
    page_base: int = 1
    page_size_cap: int = 0
    list_order: str = OLDEST_FIRST
    storage_id_key: str = "storageId"
    extra_fields: bool = False

    def __post_init__(self) -> None:
        for name in ("omit_empty", "extra_fields"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name}: must be true or false")
        if _not_int(self.page_base) or self.page_base not in PAGE_BASES:
            raise ValueError("page_base: must be 0 or 1")
        if _not_int(self.page_size_cap) or not 0 <= self.page_size_cap <= MAX_PAGE_SIZE_CAP:
            raise ValueError(f"page_size_cap: must be an integer 0..{MAX_PAGE_SIZE_CAP} (0: none)")
        if self.list_order not in LIST_ORDERS:
            raise ValueError(f"list_order: must be one of {', '.join(LIST_ORDERS)}")
        if self.storage_id_key not in STORAGE_ID_KEYS:
            raise ValueError(f"storage_id_key: must be one of {', '.join(STORAGE_ID_KEYS)}")

    def changed(self, all_variants: bool | None = None, **changes: Any) -> ResponseShape:
        """A copy: first every option documented (`all_variants=False`) or a variant (`True`),
        then the `changes` that are not None. Raises ValueError for an invalid value."""
        base = self
        if all_variants is not None:
            base = ALL_VARIANTS if all_variants else DOCUMENTED
        unknown = sorted(set(changes) - set(_JSON_KEYS))
        if unknown:
            raise ValueError(f"{unknown[0]}: not a response-shape option")
        return replace(base, **{key: value for key, value in changes.items() if value is not None})

    def to_json(self) -> dict[str, Any]:
        """The camelCase form used by `/_sim/config`."""
        return {_JSON_KEYS[key]: value for key, value in asdict(self).items()}

    def ordered(self, items: Sequence[T]) -> list[T]:
        """Items kept in creation order, as this shape lists them."""
        return list(reversed(items)) if self.list_order == NEWEST_FIRST else list(items)

    def page_index(self, page: int) -> int:
        """The 0-based index of a requested page number (an absent page is 0)."""
        return page if self.page_base == 0 else max(page, 1) - 1

    def page_size(self, asked: int) -> int:
        """The page size served for an already validated page size."""
        return min(asked, self.page_size_cap) if self.page_size_cap else asked


DOCUMENTED: Final = ResponseShape()
ALL_VARIANTS: Final = ResponseShape(
    omit_empty=True,
    page_base=0,
    page_size_cap=VARIANT_PAGE_SIZE_CAP,
    list_order=NEWEST_FIRST,
    storage_id_key="id",
    extra_fields=True,
)


def shape_changes_from_json(raw: dict[str, Any]) -> dict[str, Any]:
    """The `ResponseShape.changed` keywords in an admin body (other keys are ignored)."""
    changes: dict[str, Any] = {}
    if present(raw, ALL_VARIANTS_KEY):
        changes["all_variants"] = raw[ALL_VARIANTS_KEY]
        if not isinstance(changes["all_variants"], bool):
            raise invalid(f"{ALL_VARIANTS_KEY}: must be true or false")
    for name, key in _JSON_KEYS.items():
        if present(raw, key):
            changes[name] = raw[key]
    return changes


def json_message(error: ValueError) -> str:
    """A `ResponseShape` error message naming the camelCase key instead of the keyword."""
    name, sep, rest = str(error).partition(":")
    return f"{_JSON_KEYS.get(name, name)}{sep}{rest}"


def json_keys() -> tuple[str, ...]:
    """Every key an admin body may use to change the shape."""
    return (*_JSON_KEYS.values(), ALL_VARIANTS_KEY)


def without_empty(value: Any) -> Any:
    """`value` with every zero, empty or false object member left out, recursively, as
    protobuf JSON omits unpopulated fields. Objects themselves stay (even when emptied), and
    array items are never dropped."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            kept = without_empty(item)
            if not _is_empty(kept):
                out[key] = kept
        return out
    if isinstance(value, list):
        return [without_empty(item) for item in value]
    return value


def with_extra_fields(value: Any) -> Any:
    """`value` with two undocumented members added to every object, at every depth."""
    if isinstance(value, dict):
        out = {key: with_extra_fields(item) for key, item in value.items()}
        out[EXTRA_NOTE_KEY] = "a field the documentation does not list"
        out[EXTRA_INFO_KEY] = {"source": "novita-sim", "revision": "7", "count": 3, "tags": ["x"]}
        return out
    if isinstance(value, list):
        return [with_extra_fields(item) for item in value]
    return value


def renamed_key(items: Iterable[dict[str, Any]], old: str, new: str) -> list[dict[str, Any]]:
    """Items with `old` renamed to `new`, keeping the key order."""
    if old == new:
        return list(items)
    return [{(new if key == old else key): value for key, value in item.items()} for item in items]


def _is_empty(value: Any) -> bool:
    if isinstance(value, dict):
        return False
    return value is None or value is False or value == 0 or value == "" or value == []
