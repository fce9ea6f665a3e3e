"""The dynamic provider behind :class:`novita_provider.Endpoint`: CRUD against the Novita API."""

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
from .account_data import limits_for
from .endpoint_diff import diff_endpoint
from .endpoint_rules import check_endpoint
from .endpoint_spec import (
    DEFAULT_READY_TIMEOUT_SECONDS,
    INPUT_DEFAULTS,
    LOCAL_ONLY_FIELDS,
    EndpointSpec,
    spec_from_api,
    spec_input,
)
from .errors import NovitaApiError, NovitaError
from .naming import named_inputs
from .provider_base import NovitaProvider
from .readiness import wait_until_gone, wait_until_serving
from .unknowns import is_unknown


def endpoint_outputs(live: api.Endpoint, keep: EndpointSpec | None) -> dict[str, Any]:
    """The resource's outputs: the normalised configuration plus what only the API knows."""
    outputs = spec_from_api(live, keep=keep).model_dump()
    outputs.update(url=live.url, state=live.state.state, state_message=live.state.message)
    return outputs


class EndpointProvider(NovitaProvider):
    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        inputs = named_inputs(olds, news)
        # Fill the defaults, so that previews show the values that will be deployed.
        for key, default in INPUT_DEFAULTS.items():
            if inputs.get(key) is None:
                inputs[key] = default
        limits = limits_for(self.client())
        failures = check_endpoint(spec_input(inputs), limits)
        return CheckResult(inputs, [CheckFailure(f.path, f.reason) for f in failures])

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        result = diff_endpoint(olds, news)
        return DiffResult(
            changes=bool(result.changed),
            replaces=list(result.replaces),
            delete_before_replace=result.delete_before_replace,
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        spec = EndpointSpec.model_validate(spec_input(props))
        client = self.client()
        endpoint_id = client.create_endpoint(spec.to_create())
        try:
            live = self._settle(endpoint_id, spec)
        except NovitaError as exc:
            # create must be transactional: leave nothing behind that Pulumi will not track.
            try:
                self.delete(endpoint_id, {"ready_timeout_seconds": spec.ready_timeout_seconds})
            except NovitaError as cleanup:
                raise type(exc)(
                    f"{exc}; removing the endpoint also failed ({cleanup}): delete "
                    f"{endpoint_id} in the Novita console"
                ) from None
            raise
        return CreateResult(endpoint_id, endpoint_outputs(live, spec))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        try:
            live = self.client().get_endpoint(id_)
        except NovitaApiError as exc:
            if exc.is_not_found:
                return ReadResult(None, {})
            raise
        outputs = endpoint_outputs(live, _stored_spec(props))
        inputs = spec_input(outputs)
        if inputs.get("app_name") == id_:
            inputs["app_name"] = None  # defaulted by Novita, not chosen by the user
        return ReadResult(id_, outputs, inputs)

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        spec = EndpointSpec.model_validate(spec_input(news))
        changed = set(diff_endpoint(olds, news).changed) - set(LOCAL_ONLY_FIELDS)
        if not changed:
            # Only provider behaviour changed (readiness settings): nothing to send.
            outputs = dict(olds)
            outputs.update({key: getattr(spec, key) for key in LOCAL_ONLY_FIELDS})
            return UpdateResult(outputs)
        self.client().update_endpoint(spec.to_update(id_))
        return UpdateResult(endpoint_outputs(self._settle(id_, spec), spec))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = self.client()
        try:
            client.delete_endpoint(id_)
        except NovitaApiError as exc:
            if exc.is_not_found:
                return
            raise
        wait_until_gone(client, id_, _timeout(props))

    def _settle(self, endpoint_id: str, spec: EndpointSpec) -> api.Endpoint:
        client = self.client()
        if spec.wait_for_ready:
            return wait_until_serving(client, endpoint_id, spec.ready_timeout_seconds)
        return client.get_endpoint(endpoint_id)


def _stored_spec(props: dict[str, Any]) -> EndpointSpec | None:
    try:
        return EndpointSpec.model_validate(spec_input(props))
    except ValueError:
        return None


def _timeout(props: dict[str, Any]) -> float:
    value = props.get("ready_timeout_seconds")
    if isinstance(value, int | float) and not is_unknown(value) and value > 0:
        return float(value)
    return float(DEFAULT_READY_TIMEOUT_SECONDS)
