"""Pulumi's ``PropertyValue`` maps to the plain Python values the resource kinds work on, and
back.

- Values not known yet travel as the protocol's unknown sentinel string, which the kinds
  already recognise (:mod:`novita_provider.core.unknowns`). ``PropertyValue.computed()``
  cannot be marshalled by the SDK, so outputs not known yet go back as that string too.
- Secrets arrive wrapped; the kinds see plain values. Which top-level properties held a secret
  is remembered, so their outputs go back as secrets (with those the declarations mark secret).
- ``PropertyValue`` accepts no ``int``: whole numbers go back as floats.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from pulumi.provider.experimental.property_value import Computed, PropertyValue
from pulumi.runtime.rpc import UNKNOWN

from ..core.unknowns import is_unknown


def to_python(value: PropertyValue) -> Any:
    inner = value.value
    if isinstance(inner, Computed):
        return UNKNOWN
    if isinstance(inner, Mapping):
        return {key: to_python(item) for key, item in inner.items()}
    if isinstance(inner, tuple | list):
        return [to_python(item) for item in inner]
    return inner


def map_to_python(values: Mapping[str, PropertyValue]) -> tuple[dict[str, Any], set[str]]:
    """The plain values, and the top-level keys that were (or held) secrets."""
    plain = {key: to_python(value) for key, value in values.items()}
    secret = {key for key, value in values.items() if value.contains_secret()}
    return plain, secret


def from_python(value: Any) -> PropertyValue:
    if is_unknown(value):
        return PropertyValue(UNKNOWN)
    if isinstance(value, Mapping):
        return PropertyValue({key: from_python(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return PropertyValue([from_python(item) for item in value])
    if isinstance(value, int) and not isinstance(value, bool):
        return PropertyValue(float(value))
    return PropertyValue(value)


def map_from_python(
    values: Mapping[str, Any], secret: Collection[str] = ()
) -> dict[str, PropertyValue]:
    """``values`` as property values, those named in ``secret`` marked secret."""
    return {key: from_python(value).with_secret(key in secret) for key, value in values.items()}
