"""The dynamic provider behind :class:`novita_provider.RegistryCredential`.

Novita has no update call for credentials and its save call returns no id, so: every change
replaces, and the id is learnt by listing and matching the (unique) name.
"""

from __future__ import annotations

from typing import Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    UpdateResult,
)

from . import api_models as api
from .errors import NovitaApiError, NovitaError
from .in_use import delete_timeout, delete_timeout_failures, delete_when_released
from .naming import named_inputs
from .provider_base import NovitaProvider
from .unknowns import is_unknown

FIELDS = ("name", "username", "password")
LIMITS = {"name": 255, "username": 511, "password": 1024}


def credential_outputs(auth: api.RegistryAuth, props: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": auth.name,
        "username": auth.username,
        "password": auth.password,
        "delete_timeout_seconds": props.get("delete_timeout_seconds"),
    }


class RegistryCredentialProvider(NovitaProvider):
    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        # A changed username or password replaces the credential: give the new one a new
        # autoname so it can exist beside the old one until dependents have moved to it.
        changed = any(olds.get(key) != news.get(key) for key in ("username", "password"))
        inputs = named_inputs(olds, news, fresh=bool(olds) and changed)
        failures: list[CheckFailure] = []
        for key in FIELDS:
            value = inputs.get(key)
            if is_unknown(value):
                continue
            if not isinstance(value, str) or not value:
                failures.append(CheckFailure(key, f"{key} is required and must be a string"))
            elif len(value) > LIMITS[key]:
                failures.append(CheckFailure(key, f"at most {LIMITS[key]} characters"))
        failures.extend(CheckFailure(p, r) for p, r in delete_timeout_failures(inputs))
        return CheckResult(inputs, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = [
            key for key in FIELDS if is_unknown(news.get(key)) or olds.get(key) != news.get(key)
        ]
        local = olds.get("delete_timeout_seconds") != news.get("delete_timeout_seconds")
        # Keeping the name means the old credential must go first: names are unique.
        keeps_name = "name" not in changed
        return DiffResult(
            changes=bool(changed) or local,
            replaces=changed,
            delete_before_replace=bool(changed) and keeps_name,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        name, username, password = (props[key] for key in FIELDS)
        client = self.client()
        try:
            auth = client.create_registry_auth(name, username, password)
        except NovitaApiError as exc:
            if exc.reason == "VALIDATOR_PARAM" and client.find_registry_auth(name=name):
                raise NovitaError(
                    f"create registry credential {name} failed: a credential with this name "
                    "already exists on the Novita account; choose another name, or omit name "
                    "to let Pulumi generate a unique one"
                ) from None
            raise
        return CreateResult(auth.id, credential_outputs(auth, props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        auth = self.client().find_registry_auth(auth_id=id_)
        if auth is None:
            return ReadResult(None, {})
        outputs = credential_outputs(auth, props)
        inputs = {key: outputs[key] for key in FIELDS}
        return ReadResult(id_, outputs, inputs)

    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        # Only delete_timeout_seconds can change without a replacement: nothing to call.
        return UpdateResult({**olds, "delete_timeout_seconds": news.get("delete_timeout_seconds")})

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = self.client()
        delete_when_released(
            lambda: client.delete_registry_auth(id_),
            in_use_reason="IMAGE_AUTH_IN_USE",
            what=f"registry credential {props.get('name') or id_}",
            timeout=delete_timeout(props),
        )
