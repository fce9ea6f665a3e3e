"""Diff of an endpoint's stored outputs against new inputs: update in place, or replace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from .endpoint_spec import REPLACE_FIELDS, SPEC_FIELDS, EndpointSpec, spec_input
from .unknowns import contains_unknown


@dataclass(frozen=True)
class EndpointDiff:
    changed: tuple[str, ...]
    replaces: tuple[str, ...]
    delete_before_replace: bool


def diff_endpoint(olds: dict[str, Any], news: dict[str, Any]) -> EndpointDiff:
    """Field-by-field comparison after normalisation, so API formatting never shows as change.

    ``olds`` are the stored outputs, ``news`` the checked inputs (possibly holding unknowns
    during preview: an unknown field counts as changed).
    """
    try:
        old = EndpointSpec.model_validate(spec_input(olds))
    except ValidationError:
        return EndpointDiff(SPEC_FIELDS, REPLACE_FIELDS, True)

    new_props = spec_input(news)
    unknown = {key for key, value in new_props.items() if contains_unknown(value)}
    # An absent app_name means "let Novita default it to the endpoint id": not a change.
    if new_props.get("app_name") is None:
        new_props["app_name"] = old.app_name
    known_props = {
        key: (getattr(old, key) if key in unknown else value) for key, value in new_props.items()
    }
    try:
        new = EndpointSpec.model_validate(known_props)
    except ValidationError:
        return EndpointDiff(SPEC_FIELDS, REPLACE_FIELDS, True)

    changed = tuple(
        key for key in SPEC_FIELDS if key in unknown or getattr(old, key) != getattr(new, key)
    )
    replaces = tuple(key for key in changed if key in REPLACE_FIELDS)
    # App names are unique: if the new endpoint keeps the user's app name, the old one must go
    # first. A changed (or server-defaulted) app name can be created beside the old endpoint.
    user_app_name = news.get("app_name")
    keeps_app_name = user_app_name is not None and (
        "app_name" in unknown or user_app_name == old.app_name
    )
    return EndpointDiff(changed, replaces, bool(replaces) and keeps_app_name)
