"""The RegistryCredential resource against the Novita API.

Novita has no update call for credentials and its save call returns no id, so: every change
replaces, and the id is learnt by listing and matching the (unique) name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..core.kind import Live, ResourceKind
from ..errors import NovitaApiError, NovitaError
from .spec import RegistryCredentialSpec

if TYPE_CHECKING:
    from ..api import models as api


class RegistryCredentialKind(ResourceKind[RegistryCredentialSpec]):
    type_name = "RegistryCredential"
    spec = RegistryCredentialSpec
    unique_field = "name"
    in_use_reason = "IMAGE_AUTH_IN_USE"

    def api_create(self, spec: RegistryCredentialSpec) -> Live:
        client = self.client()
        try:
            auth = client.create_registry_auth(spec.name, spec.username, spec.password)
        except NovitaApiError as exc:
            if exc.reason == "VALIDATOR_PARAM" and client.find_registry_auth(name=spec.name):
                raise NovitaError(
                    f"create registry credential {spec.name} failed: a credential with this name "
                    "already exists on the Novita account; choose another name, or omit name "
                    "to let Pulumi generate a unique one"
                ) from None
            raise
        return _live(auth)

    def api_find(self, spec: RegistryCredentialSpec) -> Live | None:
        auth = self.client().find_registry_auth(name=spec.name)
        return None if auth is None else _live(auth)

    def api_read(self, id_: str) -> Live | None:
        auth = self.client().find_registry_auth(auth_id=id_)
        return None if auth is None else _live(auth)

    def api_update(self, id_: str, spec: RegistryCredentialSpec, olds: Mapping[str, Any]) -> Live:
        # Every field but the provider-local timeout replaces, and check/diff know it.
        raise NovitaError(f"update registry credential {id_}: Novita cannot update credentials")

    def api_delete(self, id_: str, props: Mapping[str, Any]) -> None:
        self.client().delete_registry_auth(id_)


def _live(auth: api.RegistryAuth) -> Live:
    return Live(auth.id, {"name": auth.name, "username": auth.username, "password": auth.password})
