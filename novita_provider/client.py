"""HTTP client for the Novita GPU-instance OpenAPI (v1).

One :class:`NovitaClient` per provider process (see :func:`shared_client`), so every resource
reuses one connection pool. All failures surface as :class:`~novita_provider.errors.NovitaError`
subclasses with one-line messages that never contain the API key.
"""

from __future__ import annotations

import threading
from typing import Any, TypeVar

import httpx
from pydantic import ValidationError

from .api_models import (
    ApiErrorBody,
    Cluster,
    Endpoint,
    EndpointCreate,
    EndpointLimits,
    EndpointUpdate,
    NetworkStorage,
    RegistryAuth,
)
from .errors import NovitaApiError, NovitaConfigError, NovitaTransportError
from .settings import API_KEY_CONFIG, API_KEY_ENV, ProviderSettings

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
LIST_PAGE_SIZE = 100

M = TypeVar("M", Endpoint, EndpointLimits, RegistryAuth, NetworkStorage, Cluster)


class NovitaClient:
    """Typed calls to the endpoints API. Thread-safe: the provider runs up to 4 calls at once."""

    def __init__(self, settings: ProviderSettings, *, timeout: httpx.Timeout = DEFAULT_TIMEOUT):
        if not settings.api_key:
            raise NovitaConfigError(
                "no Novita API key: run `pulumi config set --secret "
                f"{API_KEY_CONFIG} <key>` or set {API_KEY_ENV}"
            )
        self._http = httpx.Client(
            base_url=settings.api_url,
            headers={
                "Authorization": f"Bearer {settings.api_key}",
                "Content-Type": "application/json",
                "User-Agent": "novita-pulumi/0.1",
            },
            timeout=timeout,
        )

    def close(self) -> None:
        self._http.close()

    # -- endpoints ---------------------------------------------------------------------------

    def get_limits(self) -> EndpointLimits:
        data = self._call("get endpoint limits", "GET", "/endpoint/limit")
        return _parse(EndpointLimits, data, "get endpoint limits")

    def create_endpoint(self, endpoint: EndpointCreate) -> str:
        """Create an endpoint and return its id."""
        operation = f"create endpoint {endpoint.name or ''}".rstrip()
        data = self._call(
            operation, "POST", "/endpoint/create", json={"endpoint": endpoint.to_api()}
        )
        endpoint_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(endpoint_id, str) or not endpoint_id:
            raise NovitaApiError(operation, 200, "BAD_RESPONSE", "the response carried no id")
        return endpoint_id

    def get_endpoint(self, endpoint_id: str) -> Endpoint:
        operation = f"read endpoint {endpoint_id}"
        data = self._call(operation, "GET", "/endpoint", params={"id": endpoint_id})
        body = data.get("endpoint") if isinstance(data, dict) else None
        return _parse(Endpoint, body, operation)

    def list_endpoints(self) -> list[Endpoint]:
        """Every endpoint on the account, following pages until ``total`` is reached."""
        endpoints: list[Endpoint] = []
        page = 1
        while True:
            data = self._call(
                "list endpoints",
                "GET",
                "/endpoints",
                params={"pageSize": LIST_PAGE_SIZE, "pageNum": page},
            )
            items = data.get("endpoints") or [] if isinstance(data, dict) else []
            endpoints.extend(_parse(Endpoint, item, "list endpoints") for item in items)
            total = data.get("total") if isinstance(data, dict) else None
            if not items or (isinstance(total, int) and len(endpoints) >= total):
                return endpoints
            page += 1

    def update_endpoint(self, update: EndpointUpdate) -> None:
        self._call(f"update endpoint {update.id}", "POST", "/endpoint/update", json=update.to_api())

    def delete_endpoint(self, endpoint_id: str) -> None:
        # The field is called `name` but carries the id (API reference, section 1.6).
        self._call(
            f"delete endpoint {endpoint_id}", "POST", "/endpoint/delete", json={"name": endpoint_id}
        )

    # -- registry credentials ----------------------------------------------------------------

    def list_registry_auths(self) -> list[RegistryAuth]:
        data = self._call("list registry credentials", "GET", "/repository/auths")
        items = data.get("data") or [] if isinstance(data, dict) else []
        return [_parse(RegistryAuth, item, "list registry credentials") for item in items]

    def save_registry_auth(self, name: str, username: str, password: str) -> None:
        """Create a credential. The API returns no id: list and match the name to learn it."""
        body = {"name": name, "username": username, "password": password}
        self._call(f"create registry credential {name}", "POST", "/repository/auth/save", json=body)

    def delete_registry_auth(self, auth_id: str) -> None:
        self._call(
            f"delete registry credential {auth_id}",
            "POST",
            "/repository/auth/delete",
            json={"id": auth_id},
        )

    # -- network storage and clusters ---------------------------------------------------------

    def list_network_storages(
        self, *, name: str | None = None, storage_id: str | None = None
    ) -> list[NetworkStorage]:
        """Network volumes, optionally filtered (the API's name filter is not exact: callers
        match names themselves)."""
        operation = "list network volumes"
        params: dict[str, Any] = {"pageSize": LIST_PAGE_SIZE}
        if name is not None:
            params["storageName"] = name
        if storage_id is not None:
            params["storageId"] = storage_id
        storages: list[NetworkStorage] = []
        page = 1
        while True:
            data = self._call(
                operation, "GET", "/networkstorages/list", params={**params, "pageNo": page}
            )
            items = data.get("data") or [] if isinstance(data, dict) else []
            storages.extend(_parse(NetworkStorage, item, operation) for item in items)
            total = data.get("total") if isinstance(data, dict) else None
            if not items or (isinstance(total, int) and len(storages) >= total):
                return storages
            page += 1

    def create_network_storage(self, cluster_id: str, name: str, size_gb: int) -> None:
        """Create a volume. The response's id is not relied upon: list by name to learn it."""
        body = {"clusterId": cluster_id, "storageName": name, "storageSize": size_gb}
        self._call(f"create network volume {name}", "POST", "/networkstorage/create", json=body)

    def update_network_storage(self, storage_id: str, name: str, size_gb: int) -> None:
        body = {"storageId": storage_id, "storageName": name, "storageSize": size_gb}
        self._call(
            f"update network volume {storage_id}", "POST", "/networkstorage/update", json=body
        )

    def delete_network_storage(self, storage_id: str) -> None:
        self._call(
            f"delete network volume {storage_id}",
            "POST",
            "/networkstorage/delete",
            json={"storageId": storage_id},
        )

    def list_clusters(self) -> list[Cluster]:
        data = self._call("list clusters", "GET", "/clusters")
        items = data.get("data") or [] if isinstance(data, dict) else []
        return [_parse(Cluster, item, "list clusters") for item in items]

    # -- plumbing ----------------------------------------------------------------------------

    def _call(
        self,
        operation: str,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
    ) -> Any:
        try:
            response = self._http.request(method, path, params=params, json=json)
        except httpx.HTTPError as exc:
            raise NovitaTransportError(operation, _describe_transport_error(exc)) from None
        if response.is_success:
            if not response.content:
                return {}
            try:
                return response.json()
            except ValueError:
                return {}
        raise _api_error(operation, response)


def _api_error(operation: str, response: httpx.Response) -> NovitaApiError:
    """Parse Novita's error body defensively: reason, then message, then the raw text."""
    reason, message = "", ""
    try:
        body = ApiErrorBody.model_validate(response.json())
        reason, message = body.reason or "", body.message or ""
    except (ValueError, ValidationError):
        message = response.text.strip()[:300]
    if not reason:
        reason = response.reason_phrase.upper().replace(" ", "_") or "HTTP_ERROR"
    return NovitaApiError(operation, response.status_code, reason, message)


def _describe_transport_error(exc: httpx.HTTPError) -> str:
    detail = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {detail}" if str(exc) else detail


def _parse(model: type[M], data: Any, operation: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise NovitaApiError(
            operation, 200, "BAD_RESPONSE", f"unexpected response shape at {where}: {first['msg']}"
        ) from None


_clients: dict[ProviderSettings, NovitaClient] = {}
_clients_lock = threading.Lock()


def shared_client(settings: ProviderSettings) -> NovitaClient:
    """The process-wide client for these settings, built on first use."""
    with _clients_lock:
        client = _clients.get(settings)
        if client is None:
            client = NovitaClient(settings)
            _clients[settings] = client
        return client
