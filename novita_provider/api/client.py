"""HTTP client for the Novita GPU-instance OpenAPI (v1).

One :class:`NovitaClient` per provider process (see :func:`shared_client`), so every resource
reuses one connection pool. All failures surface as :class:`~novita_provider.errors.NovitaError`
subclasses with one-line messages that never contain the API key.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from pydantic import ValidationError

from ..core.numbers import whole_number
from ..errors import (
    NovitaApiError,
    NovitaConfigError,
    NovitaError,
    NovitaRequestError,
    NovitaTransportError,
    UnknownOutcomeError,
)
from .models import (
    ApiErrorBody,
    Cluster,
    Endpoint,
    EndpointCreate,
    EndpointLimits,
    EndpointUpdate,
    NetworkStorage,
    RegistryAuth,
)
from .paging import Page, TooManyPages, collect_pages
from .retries import NOT_SENT, RETRYABLE_STATUSES, Attempts, RetryPolicy, retry_after_seconds
from .settings import API_KEY_CONFIG, API_KEY_ENV, ProviderSettings

CONNECT_TIMEOUT = 10.0
LIST_PAGE_SIZE = 100
"""The page size lists ask for (the documented maximum); a server may serve fewer."""
log = logging.getLogger(__name__)

M = TypeVar("M", Endpoint, EndpointLimits, RegistryAuth, NetworkStorage, Cluster)
T = TypeVar("T")


class _Retry(Exception):
    """An attempt failed in a way another attempt may fix."""

    def __init__(self, failure: NovitaApiError | NovitaTransportError, retry_after: float | None):
        self.failure = failure
        self.retry_after = retry_after


class _Ambiguous(_Retry):
    """A write failed after the request may have reached the server (a lost response, a 5xx):
    sending it again could apply it twice."""


USER_AGENT = "novita-pulumi/0.2.0"
"""Sent with every request; the version is the package's (a test keeps them equal: reading the
installed metadata here would cost the provider process 15 ms at start)."""


class NovitaClient:
    """Typed calls to the Novita API. Thread-safe: the provider process serves many calls at
    once (32 by default, see ``novita_provider.dynamic.process``) over one connection pool.

    Every call retries 429 (honouring ``Retry-After``), 500/502/503/504 and connection failures
    with jittered exponential backoff, within ``max_retries`` and ``retry_timeout``. Reads,
    updates (a full replace) and deletes are repeated freely; a create whose outcome is unknown
    is never sent blindly again: the resource is looked up by its unique name and adopted.
    """

    def __init__(self, settings: ProviderSettings) -> None:
        if not settings.api_key:
            raise NovitaConfigError(
                "no Novita API key: run `pulumi config set --secret "
                f"{API_KEY_CONFIG} <key>` or set {API_KEY_ENV}"
            )
        self._policy = RetryPolicy(settings.max_retries, settings.retry_timeout)
        self._http = httpx.Client(
            base_url=settings.api_url,
            headers={
                "Authorization": f"Bearer {settings.api_key}",
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
            },
            timeout=httpx.Timeout(settings.request_timeout, connect=CONNECT_TIMEOUT),
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
        body = {"endpoint": endpoint.to_api()}

        def send() -> str:
            data = self._send(operation, "POST", "/endpoint/create", json=body, idempotent=False)
            endpoint_id = data.get("id") if isinstance(data, dict) else None
            if not isinstance(endpoint_id, str) or not endpoint_id:
                raise NovitaApiError(operation, 200, "BAD_RESPONSE", "the response carried no id")
            return endpoint_id

        def find() -> str | None:
            if not endpoint.name:
                return None  # nothing identifies it: let the error stand
            return _created_endpoint(self.list_endpoints(), endpoint)

        return self._create(operation, send, find, endpoint.name or "")

    def get_endpoint(self, endpoint_id: str) -> Endpoint:
        operation = f"read endpoint {endpoint_id}"
        data = self._call(operation, "GET", "/endpoint", params={"id": endpoint_id})
        body = data.get("endpoint") if isinstance(data, dict) else None
        if body is None:
            raise _bad_response(operation, "the response has no endpoint")
        return _parse(Endpoint, body, operation)

    def list_endpoints(self) -> list[Endpoint]:
        """Every endpoint on the account, each once (see :meth:`_list`)."""
        return self._list(
            "list endpoints", "/endpoints", "endpoints", Endpoint, "pageNum", {}, _endpoint_id
        )

    def update_endpoint(self, update: EndpointUpdate) -> None:
        self._call(f"update endpoint {update.id}", "POST", "/endpoint/update", json=update.to_api())

    def delete_endpoint(self, endpoint_id: str) -> None:
        # The field is called `name` but carries the id (API reference, section 1.6).
        self._call(
            f"delete endpoint {endpoint_id}", "POST", "/endpoint/delete", json={"name": endpoint_id}
        )

    # -- registry credentials ----------------------------------------------------------------

    def list_registry_auths(self) -> list[RegistryAuth]:
        """Every credential, each once (the call is not paged)."""
        operation = "list registry credentials"
        data = self._call(operation, "GET", "/repository/auths")
        auths = _parse_items(RegistryAuth, data, "data", operation)
        return _unique(auths, _auth_id)

    def find_registry_auth(
        self, *, name: str | None = None, auth_id: str | None = None
    ) -> RegistryAuth | None:
        for auth in self.list_registry_auths():
            if (name is not None and auth.name == name) or (
                auth_id is not None and auth.id == auth_id
            ):
                return auth
        return None

    def create_registry_auth(self, name: str, username: str, password: str) -> RegistryAuth:
        """Create a credential and return it. The API answers without an id, so the new
        credential is found by its (unique) name."""
        return self._create_then_find(
            f"create registry credential {name}",
            "/repository/auth/save",
            {"name": name, "username": username, "password": password},
            lambda: self.find_registry_auth(name=name),
            name,
        )

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
        filters: dict[str, Any] = {}
        if name is not None:
            filters["storageName"] = name
        if storage_id is not None:
            filters["storageId"] = storage_id
        return self._list(
            "list network volumes",
            "/networkstorages/list",
            "data",
            NetworkStorage,
            "pageNo",
            filters,
            _storage_id,
        )

    def find_network_storage(
        self, *, name: str | None = None, storage_id: str | None = None
    ) -> NetworkStorage | None:
        """Exact match on name or id."""
        for storage in self.list_network_storages(name=name, storage_id=storage_id):
            if (name is not None and storage.storage_name == name) or (
                storage_id is not None and storage.storage_id == storage_id
            ):
                return storage
        return None

    def create_network_storage(self, cluster_id: str, name: str, size_gb: int) -> NetworkStorage:
        """Create a volume and return it, found by its unique name (the response's id is not
        relied upon)."""
        return self._create_then_find(
            f"create network volume {name}",
            "/networkstorage/create",
            {"clusterId": cluster_id, "storageName": name, "storageSize": size_gb},
            lambda: self.find_network_storage(name=name),
            name,
        )

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
        return _unique(_parse_items(Cluster, data, "data", "list clusters"), _cluster_id)

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
        """A request that is safe to repeat (a read, a full-replace update, a delete)."""
        return self._retrying(
            operation,
            lambda: self._send(operation, method, path, params=params, json=json, idempotent=True),
        )

    def _create(
        self, operation: str, send: Callable[[], T], find: Callable[[], T | None], name: str
    ) -> T:
        """Send a create; when its outcome is unknown, adopt what it made or send it again.
        When looking for what it made fails too, :class:`UnknownOutcomeError` names ``name``."""

        def attempt() -> T:
            try:
                return send()
            except _Ambiguous as unknown_outcome:
                try:
                    found = find()
                except NovitaRequestError as lookup:
                    raise UnknownOutcomeError(operation, name, lookup) from None
                if found is not None:
                    log.info("%s: adopted the resource an unanswered request created", operation)
                    return found
                raise _Retry(unknown_outcome.failure, unknown_outcome.retry_after) from None

        return self._retrying(operation, attempt)

    def _create_then_find(
        self,
        operation: str,
        path: str,
        body: dict[str, Any],
        find: Callable[[], T | None],
        name: str,
    ) -> T:
        """A create whose answer carries no usable id: send it, then find what it made."""

        def send() -> T | None:
            self._send(operation, "POST", path, json=body, idempotent=False)
            return None

        created = self._create(operation, send, find, name)
        if created is not None:
            return created
        # The create was answered: the resource exists, so failing to find it must name it.
        try:
            created = find()
        except NovitaRequestError as lookup:
            raise UnknownOutcomeError(operation, name, lookup) from None
        if created is None:
            unlisted = NovitaApiError(operation, 200, "BAD_RESPONSE", "created, but not listed")
            raise UnknownOutcomeError(operation, name, unlisted)
        return created

    def _retrying(self, operation: str, attempt: Callable[[], T]) -> T:
        attempts = Attempts(self._policy)
        while True:
            attempts.count += 1
            try:
                return attempt()
            except _Retry as retry:
                delay = attempts.next_delay(retry.retry_after)
                if delay is None:
                    failure = retry.failure
                    if attempts.count > 1:
                        failure = failure.after(attempts.summary())
                    raise failure from None
                log.info("%s: %s; retrying in %.2f s", operation, retry.failure, delay)
                time.sleep(delay)

    def _list(
        self,
        operation: str,
        path: str,
        key: str,
        model: type[M],
        page_param: str,
        filters: dict[str, Any],
        identify: Callable[[M], str],
    ) -> list[M]:
        """Every item of a paged list, each once (see :mod:`.paging`)."""

        def fetch(page: int) -> Page[M]:
            params = {**filters, "pageSize": LIST_PAGE_SIZE, page_param: page}
            data = self._call(operation, "GET", path, params=params)
            total = data.get("total") if isinstance(data, dict) else None
            return Page(
                _parse_items(model, data, key, operation), whole_number(total, allow_text=True)
            )

        try:
            return collect_pages(fetch, identify)
        except TooManyPages as exc:
            raise _bad_response(operation, str(exc)) from None

    def _send(
        self,
        operation: str,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        idempotent: bool,
    ) -> Any:
        """One HTTP exchange. Raises ``_Retry``/``_Ambiguous`` for failures worth retrying."""
        started = time.monotonic()
        try:
            response = self._http.request(method, path, params=params, json=json)
        except httpx.TransportError as exc:
            log.debug("%s %s: %s", method, path, type(exc).__name__)
            failure = NovitaTransportError(operation, _describe_transport_error(exc))
            if isinstance(exc, NOT_SENT) or idempotent:
                raise _Retry(failure, None) from None
            raise _Ambiguous(failure, None) from None
        log.debug(
            "%s %s -> %d (%.3f s)", method, path, response.status_code, time.monotonic() - started
        )
        if response.is_success:
            if not response.content:
                return {}
            try:
                return response.json()
            except ValueError:
                return {}
        error = _api_error(operation, response)
        if response.status_code not in RETRYABLE_STATUSES:
            raise error
        retry_after = retry_after_seconds(response)
        # A 429 is refused before any work is done; a 5xx may come after the write happened.
        if idempotent or response.status_code == 429:
            raise _Retry(error, retry_after)
        raise _Ambiguous(error, retry_after)


def _created_endpoint(endpoints: list[Endpoint], sent: EndpointCreate) -> str | None:
    """The endpoint a lost create made: same name, image and products, not being deleted."""
    matches = [
        e.id
        for e in endpoints
        if e.name == sent.name
        and e.image.image == sent.image.image
        and [p.id for p in e.products] == [p.id for p in sent.products]
        and e.state.state != "terminating"
    ]
    if len(matches) > 1:
        raise NovitaError(
            f"create endpoint {sent.name}: the response was lost and {len(matches)} endpoints "
            "match it; delete the extra ones in the Novita console"
        )
    return matches[0] if matches else None


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


def _bad_response(operation: str, message: str) -> NovitaApiError:
    return NovitaApiError(operation, 200, "BAD_RESPONSE", message)


def _parse(model: type[M], data: Any, operation: str, where: str = "") -> M:
    """``data`` as ``model``; else one line naming the operation and the first bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = where
        for part in first["loc"]:
            path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
        empty = first["type"] == "string_too_short" and first["input"] == ""
        if first["type"] == "missing" or empty:
            raise _bad_response(operation, f"the response has no {path}") from None
        raise _bad_response(
            operation, f"unexpected response shape at {path or 'the top level'}: {first['msg']}"
        ) from None


def _parse_items(model: type[M], data: Any, key: str, operation: str) -> list[M]:
    """The items of a list answer ``{key: [...]}``; an absent or ``null`` list is empty."""
    items = data.get(key) if isinstance(data, dict) else None
    if items is None:
        return []
    if not isinstance(items, list):
        raise _bad_response(operation, f"unexpected response shape at {key}: not a list")
    return [_parse(model, item, operation, f"{key}[{index}]") for index, item in enumerate(items)]


def _unique(items: list[M], identify: Callable[[M], str]) -> list[M]:
    """``items`` without repeats of an id, in the order first listed."""
    found: dict[str, M] = {}
    for item in items:
        found.setdefault(identify(item), item)
    return list(found.values())


def _endpoint_id(endpoint: Endpoint) -> str:
    return endpoint.id


def _storage_id(storage: NetworkStorage) -> str:
    return storage.storage_id


def _auth_id(auth: RegistryAuth) -> str:
    return auth.id


def _cluster_id(cluster: Cluster) -> str:
    return cluster.id


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
