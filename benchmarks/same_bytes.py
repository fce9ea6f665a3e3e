"""The same-bytes baseline: no-op dynamic resources whose state weighs what an endpoint's does.

The template is taken from a real deployment (``template_from_deployment``: the exported state of
one endpoint of the benchmark's configuration, secrets in plaintext), so the baseline follows any
future change of the endpoint's state shape by itself. The program gives each resource the
inputs our program gave (the template's values for the same keys; secret values stay secrets)
from a loop at the same place in ``__main__.py``, and its provider's ``check`` fills in the rest
as ours fills in defaults, so inputs, property dependencies, source position and stack trace
match. ``create`` echoes the template's outputs (``read`` the stored ones), ``diff`` reports no
changes, the type token is the endpoint's, and the pickled provider (``__provider``) is padded to
the endpoint's length and stored as a secret exactly when the endpoint's is. The engine then
stores, encrypts and rewrites the same bytes for it as for an endpoint, without any of our
provider's work.

The template reaches the program and the provider process as a JSON file named by
``$NOVITA_BENCH_SAME_BYTES`` (the engine passes its environment on to both).

With ``$NOVITA_BENCH_LOAD_OURS`` set (``make bench --breakdown``), the provider process also does
what ours does before it can answer at all: import our provider (pydantic, httpx, the models)
and build its HTTP client. Ours minus that variant is then our per-resource work; that variant
minus the plain baseline, the price of our process's start.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
)
from pulumi.dynamic.dynamic import serialize_provider

TEMPLATE_ENV = "NOVITA_BENCH_SAME_BYTES"
LOAD_OURS_ENV = "NOVITA_BENCH_LOAD_OURS"
PROVIDER_KEY = "__provider"
SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


def is_secret(value: Any) -> bool:
    """An exported state's secret marker (``{sig: ..., plaintext|ciphertext: ...}``)."""
    return isinstance(value, dict) and value.get(SECRET_SIG_KEY) == SECRET_SIG


def template_from_deployment(deployment: Mapping[str, Any], urn_suffix: str) -> dict[str, Any]:
    """The template for the resource whose URN ends with ``urn_suffix`` in an export with
    ``--show-secrets`` (``Stack.export_stack().deployment``)."""
    for resource in deployment.get("resources") or []:
        if str(resource.get("urn", "")).endswith(urn_suffix):
            provider = resource["inputs"][PROVIDER_KEY]
            blob = json.loads(provider["plaintext"]) if is_secret(provider) else provider
            return {
                "urn": resource["urn"],
                "type": resource["type"],
                "id": resource["id"],
                "inputs": resource["inputs"],
                "outputs": resource["outputs"],
                "provider_chars": len(blob),
                "provider_secret": is_secret(provider),
                # The inputs the program gave (check filled in the rest): the engine records a
                # dependency entry for each, so the baseline gives the same ones.
                "program_keys": sorted(resource.get("propertyDependencies") or resource["inputs"]),
            }
    raise LookupError(f"no resource ending in {urn_suffix!r} in the exported state")


@functools.cache
def load_template() -> dict[str, Any]:
    """The template named by ``$NOVITA_BENCH_SAME_BYTES`` (in the program or provider process)."""
    path = os.environ.get(TEMPLATE_ENV)
    if not path:
        raise RuntimeError(f"${TEMPLATE_ENV} must name the same-bytes template (JSON)")
    data: dict[str, Any] = json.loads(Path(path).read_text())
    return data


def plain(value: Any) -> Any:
    """``value`` with every secret marker replaced by its plaintext value."""
    if is_secret(value):
        return plain(json.loads(value["plaintext"]))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def as_inputs(value: Any) -> Any:
    """``value`` with every secret marker replaced by a secret ``Output`` of its value."""
    if is_secret(value):
        return pulumi.Output.secret(plain(value))
    if isinstance(value, dict):
        return {k: as_inputs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_inputs(v) for v in value]
    return value


def secret_output_keys(template: Mapping[str, Any]) -> list[str]:
    """Top-level outputs stored as secrets (the engine marks only the echoed secret inputs)."""
    return [k for k, v in template["outputs"].items() if k != PROVIDER_KEY and is_secret(v)]


class SameBytesProvider(ResourceProvider):
    """Create echoes the template's outputs, read the stored outputs; diff: no changes.

    ``padding`` only makes the pickled provider as long as the endpoint's.
    """

    def __init__(self, padding: str = "") -> None:
        self.padding = padding

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        # Pickled as a call with one string: the smallest pickle that can be padded.
        return (SameBytesProvider, (self.padding,))

    def configure(self, req: ConfigureRequest) -> None:
        if os.environ.get(LOAD_OURS_ENV):
            from novita_provider.state_contract import provider

            ours = provider(str(load_template()["type"]).rsplit(":", 1)[1])
            ours.configure(req)
            ours.client()

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """The template's inputs, as ours fills in defaults and the autoname."""
        stored = {k: v for k, v in load_template()["inputs"].items() if k != PROVIDER_KEY}
        given = {k: v for k, v in news.items() if k in stored or k == PROVIDER_KEY}
        return CheckResult({**plain(stored), **given}, [])

    def create(self, props: dict[str, Any]) -> CreateResult:
        template = load_template()
        outs = {k: v for k, v in plain(template["outputs"]).items() if k != PROVIDER_KEY}
        return CreateResult(str(template["id"]), outs)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_, dict(props))

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        return DiffResult(changes=False)


def padded_provider(target_chars: int, *, secret: bool = True) -> SameBytesProvider:
    """A provider whose serialized form is ``target_chars`` long (or the shortest above it),
    stored as a secret or not, like the endpoint's."""
    provider = SameBytesProvider()
    shortest = len(serialize_provider(provider))
    padding = max(0, (target_chars - shortest) * 3 // 4 - 2)
    while True:
        provider = SameBytesProvider("x" * padding)
        if len(serialize_provider(provider)) >= target_chars:
            provider.serialize_as_secret_always = secret
            return provider
        padding += 1


def resource_class(type_token: str) -> type[Resource]:
    """A dynamic ``Resource`` subclass whose type token is ``type_token``
    (``pulumi-python:dynamic/<module>:<name>``), so that URNs are as long as the endpoint's."""
    module_and_name = type_token.split(":", 1)[1]  # "dynamic/<module>:<name>"
    module_part, _, name = module_and_name.partition(":")
    module = module_part.partition("/")[2]
    return type("SameBytes", (Resource,), {}, module=module, name=name or "Resource")


def declaration() -> tuple[type[Resource], SameBytesProvider, dict[str, Any], Any, str]:
    """What the program declares each resource with: the class, the provider, the inputs our
    program gives (the template's, for the keys it gave), options, and the base name. The
    program loops itself, so that the engine records the same source position and stack as
    for ours."""
    template = load_template()
    provider = padded_provider(
        int(template["provider_chars"]), secret=bool(template.get("provider_secret", True))
    )
    base_name = str(template["urn"]).rsplit("::", 1)[1].rsplit("-", 1)[0]
    keys = set(template.get("program_keys") or template["inputs"]) - {PROVIDER_KEY}
    inputs = {k: v for k, v in template["inputs"].items() if k in keys}
    if "autoname_prefix" in keys:
        inputs["autoname_prefix"] = f"{base_name}-i"
    opts = pulumi.ResourceOptions(additional_secret_outputs=secret_output_keys(template))
    return resource_class(str(template["type"])), provider, as_inputs(inputs), opts, base_name
