"""Plain-language warnings for what a change does beyond its fields."""

from __future__ import annotations

from .kinds import resource_kind
from .preview import Preview, ResourceStep
from .values import display, is_opaque


def consequences(step: ResourceStep, preview: Preview) -> list[str]:
    """Warnings for one step (empty when nothing beyond the diff matters)."""
    kind = resource_kind(step.type)
    name = f"`{step.name}`"
    if kind == "Endpoint" and step.op == "replace":
        return _endpoint_replaced(step, name)
    if kind == "Endpoint" and step.op == "delete":
        return [f"Endpoint {name} is deleted: its URL{_old_url(step, ' ')} stops answering."]
    if kind == "NetworkVolume" and step.op in {"replace", "delete"}:
        verb = "replaced by a new, empty volume" if step.op == "replace" else "deleted"
        volume_id = step.old_outputs.get("id") or step.old_inputs.get("name")
        which = f" ({display(volume_id)})" if volume_id else ""
        return [
            f"**Data loss:** network volume {name}{which} is {verb}; the files on it are lost "
            "(Novita does not copy them)."
        ]
    if kind == "RegistryCredential" and step.op == "replace":
        users = [
            f"`{other.name}`"
            for other in preview.steps
            if step.urn in other.dependencies and resource_kind(other.type) == "Endpoint"
        ]
        moving = f" ({', '.join(users)})" if users else ""
        order = (
            "the old one is deleted first, so image pulls fail until the new one exists"
            if step.delete_before_replace
            else "then the old one is deleted"
        )
        return [
            f"**Credential rotation:** registry credential {name} is replaced by a new one with a "
            f"new id; endpoints that use it{moving} switch to the new id, {order}."
        ]
    return []


def _endpoint_replaced(step: ResourceStep, name: str) -> list[str]:
    old_app, new_app = step.old_inputs.get("app_name"), step.new_inputs.get("app_name")
    keeps_app_name = old_app is not None and old_app == new_app and not is_opaque(old_app)
    if keeps_app_name or step.delete_before_replace:
        app = f" (app name {display(old_app)} must stay unique)" if keeps_app_name else ""
        return [
            f"**Downtime:** endpoint {name} is deleted before its replacement is created{app}; "
            "it serves no requests until the new endpoint is ready. Check its URL after apply: "
            "the URLs Novita has been seen to give contain the endpoint id as well."
        ]
    return [
        f"**New URL:** endpoint {name} is replaced by a new endpoint with a new URL; clients "
        f"must switch from the old one{_old_url(step, ' ')} to the new one (known after apply)."
    ]


def _old_url(step: ResourceStep, before: str = "", after: str = "") -> str:
    url = step.old_outputs.get("url")
    return f"{before}{display(url)}{after}" if isinstance(url, str) and url else ""
