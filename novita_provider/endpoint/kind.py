"""The Endpoint resource against the Novita API: create and update wait for readiness."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..core.account_data import limits_for
from ..core.check import Failure
from ..core.kind import Live, ResourceKind
from ..core.numbers import timeout_seconds
from ..errors import CleanupFailedError, NovitaError
from .readiness import wait_until_gone, wait_until_serving
from .rules import endpoint_rules
from .spec import DEFAULT_READY_TIMEOUT_SECONDS, EndpointOutputs, EndpointSpec, config_from_api

if TYPE_CHECKING:
    from ..api import models as api

LIMITED_FIELDS = ("worker_config", "policy", "rootfs_size", "volume_mounts")
"""The fields the account's limits (``GET /endpoint/limit``) bound."""


class EndpointKind(ResourceKind[EndpointSpec]):
    type_name = "Endpoint"
    spec = EndpointSpec
    output_spec = EndpointOutputs
    # App names are unique: a replacement keeping the user's app name deletes the old first.
    # A changed (or API-defaulted) app name can be created beside the old endpoint.
    unique_field = "app_name"

    def rules(
        self, known: Mapping[str, Any], unknown_paths: set[str], olds: Mapping[str, Any]
    ) -> Iterable[Failure]:
        # The account's limits bound the values being set: an endpoint whose limited fields
        # are as deployed is not held to them again (nothing would be sent), so a preview
        # without changes calls no API at all. New or changed values are always checked.
        limits = limits_for(self.client()) if self._sets_limited_values(known, olds) else None
        return endpoint_rules(known, limits, unknown_paths)

    def _sets_limited_values(self, known: Mapping[str, Any], olds: Mapping[str, Any]) -> bool:
        old = self._parse(olds) if olds else None
        new = self._parse(known) if old is not None else None
        if old is None or new is None:
            return True  # a create, or inputs not (yet) complete and valid: check them all
        return any(getattr(old, name) != getattr(new, name) for name in LIMITED_FIELDS)

    def defaulted_by_api(self, name: str, value: Any, id_: str) -> bool:
        # Novita names the app after the endpoint id unless told otherwise.
        return name == "app_name" and value == id_

    def api_create(self, spec: EndpointSpec) -> Live:
        endpoint_id = self.client().create_endpoint(spec.to_create())
        try:
            return self._settle(endpoint_id, spec)
        except NovitaError as exc:
            # create must be transactional: leave nothing behind that Pulumi will not track.
            try:
                self.api_delete(endpoint_id, {"ready_timeout_seconds": spec.ready_timeout_seconds})
            except NovitaError as cleanup:
                raise CleanupFailedError(
                    f"{exc}; removing the endpoint also failed ({cleanup}): delete "
                    f"{endpoint_id} ({spec.name}) in the Novita console"
                ) from None
            raise

    def settle_adopted(self, live: Live, spec: EndpointSpec) -> Live:
        if not spec.wait_for_ready or live.computed.get("state") == "serving":
            return live
        return self._settle(live.id, spec)

    def api_find(self, spec: EndpointSpec) -> Live | None:
        # Names are not unique: the same name, image and products, and not being deleted.
        matches = [
            e
            for e in self.client().list_endpoints()
            if e.name == spec.name
            and e.image.image == spec.image.image
            and [p.id for p in e.products] == spec.products
            and e.state.state != "terminating"
        ]
        if len(matches) > 1:
            raise NovitaError(
                f"create endpoint {spec.name}: an earlier create's outcome was unknown and "
                f"{len(matches)} endpoints match it; delete the extra ones in the Novita console"
            )
        return _live(matches[0]) if matches else None

    def api_read(self, id_: str) -> Live:
        return _live(self.client().get_endpoint(id_))

    def api_update(self, id_: str, spec: EndpointSpec, olds: Mapping[str, Any]) -> Live:
        self.client().update_endpoint(spec.to_update(id_))
        return self._settle(id_, spec)

    def api_delete(self, id_: str, props: Mapping[str, Any]) -> None:
        client = self.client()
        client.delete_endpoint(id_)
        timeout = timeout_seconds(props.get("ready_timeout_seconds"), DEFAULT_READY_TIMEOUT_SECONDS)
        wait_until_gone(client, id_, timeout)

    def _settle(self, endpoint_id: str, spec: EndpointSpec) -> Live:
        client = self.client()
        if spec.wait_for_ready:
            return _live(wait_until_serving(client, endpoint_id, spec.ready_timeout_seconds))
        return _live(client.get_endpoint(endpoint_id))


def _live(endpoint: api.Endpoint) -> Live:
    computed = {
        "url": endpoint.url,
        "state": endpoint.state.state,
        "state_message": endpoint.state.message,
    }
    return Live(endpoint.id, config_from_api(endpoint), computed)
