"""The HTTP server (stdlib `ThreadingHTTPServer`) and the in-process `SimulatorServer` API."""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, cast

from .app import API_ROOT, App, Reply
from .endpoints.collection import DEFAULT_FAILURE_ERROR
from .errors import ApiError, invalid
from .shapes import DOCUMENTED
from .store import Store

MAX_BODY_BYTES = 16 * 1024 * 1024


class _HTTPServer(ThreadingHTTPServer):
    """Tracks open connections so that stopping also ends kept-alive ones."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], app: App) -> None:
        super().__init__(address, _RequestHandler)
        self.app = app
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (a timeout in a test) is not a simulator error."""
        if isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            return
        super().handle_error(request, client_address)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Shut down every open client connection (their handler threads then exit)."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "NovitaSimulator/1"
    disable_nagle_algorithm = True  # headers and body go out as two writes

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default per-request stderr line."""

    def _serve(self, method: str) -> None:
        app = cast(_HTTPServer, self.server).app
        try:
            raw = self._read_body()
        except ApiError as error:
            self.close_connection = True
            self._send(Reply(error.status, error.body()))
            return
        self._send(app.handle(method, self.path, self.headers.get("Authorization"), raw))

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length_header = self.headers.get("Content-Length") or "0"
        if not length_header.isdigit() or int(length_header) > MAX_BODY_BYTES:
            raise invalid("Content-Length: invalid")
        return self.rfile.read(int(length_header))

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            size_line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise invalid("body: malformed chunked encoding") from None
            total += size
            if total > MAX_BODY_BYTES:
                raise invalid("body: too large")
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _send(self, reply: Reply) -> None:
        if reply.drop:
            self._drop()
            return
        data = json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _drop(self) -> None:
        """Close the connection without answering (the client sees it dropped)."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


class SimulatorServer:
    """A Novita API simulator on a local port, served from a daemon thread.

    The test-control methods act on the store directly; unknown endpoint ids raise `ApiError`.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str = "sim-key",
        ready_delay: float = 0.0,
        terminate_delay: float = 0.0,
        storage_release_delay: float = 0.0,
        state_file: str | None = None,
        all_shape_variants: bool | None = None,
        omit_empty: bool | None = None,
        page_base: int | None = None,
        page_size_cap: int | None = None,
        list_order: str | None = None,
        storage_id_key: str | None = None,
        extra_fields: bool | None = None,
    ) -> None:
        """The response-shape keywords (see `configure`) default to the documented shape; an
        invalid one raises ValueError."""
        shape = DOCUMENTED.changed(
            all_shape_variants,
            omit_empty=omit_empty,
            page_base=page_base,
            page_size_cap=page_size_cap,
            list_order=list_order,
            storage_id_key=storage_id_key,
            extra_fields=extra_fields,
        )
        self.store = Store(
            ready_delay=ready_delay,
            terminate_delay=terminate_delay,
            storage_release_delay=storage_release_delay,
            shape=shape,
            state_file=state_file,
        )
        self.app = App(self.store, api_key)
        self._httpd = _HTTPServer((host, port), self.app)
        self.host = host
        self.port = int(self._httpd.server_address[1])
        self.url = f"http://{host}:{self.port}"
        self.api_url = self.url + API_ROOT
        self._thread: threading.Thread | None = None
        self._closed = False

    def start(self) -> SimulatorServer:
        """Serve in a daemon thread; returns self."""
        if self._closed:
            raise RuntimeError("SimulatorServer was stopped; create a new one")
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"novita-sim-{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()
        self._httpd.close_connections()

    def __enter__(self) -> SimulatorServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- test controls (same effects as the /_sim/ admin calls) ---------------------------

    def requests(self) -> list[dict[str, Any]]:
        """The request log: `{method, path, query, body, status, reason, fault}` per API call."""
        return self.app.log.entries()

    def clear_requests(self) -> None:
        """Empty the request log."""
        self.app.log.clear()

    def reset(self) -> None:
        """Forget all state (endpoints, rules, credentials, storages), the request log, the
        fault rules and their counters. Delays are kept."""
        self.app.reset()

    def endpoints(self) -> list[dict[str, Any]]:
        """Every stored endpoint (terminating included) in GET read shape."""
        return self.store.all_endpoints()

    def force_state(self, endpoint_id: str, state: str, message: str = "", error: str = "") -> None:
        """Force an endpoint's reported state until its next update."""
        self.store.force_state(endpoint_id, state, message=message, error=error)

    def edit_endpoint(self, endpoint_id: str, patch: Mapping[str, Any]) -> None:
        """Deep-merge a create-shaped partial object into a stored endpoint, unvalidated."""
        self.store.edit_endpoint(endpoint_id, patch)

    def fail_ready(
        self,
        image: str,
        message: str = "failed to pull image",
        error: str = DEFAULT_FAILURE_ERROR,
    ) -> None:
        """Endpoints using `image` end in state `failed` instead of `serving`."""
        self.store.add_ready_failure(image, message=message, error=error)

    def configure(
        self,
        *,
        ready_delay: float | None = None,
        terminate_delay: float | None = None,
        storage_release_delay: float | None = None,
        all_shape_variants: bool | None = None,
        omit_empty: bool | None = None,
        page_base: int | None = None,
        page_size_cap: int | None = None,
        list_order: str | None = None,
        storage_id_key: str | None = None,
        extra_fields: bool | None = None,
    ) -> dict[str, Any]:
        """Change the delays applied by later creates, updates and deletes, and the response
        shape; returns every setting as `GET /_sim/config` does. None leaves a setting as is.

        Shape (README "Response shapes"): `all_shape_variants` True sets every option to its
        variant, False back to the documented shape, before the single options apply.
        `omit_empty` (drop zero/empty members of GET answers), `page_base` (0 or 1),
        `page_size_cap` (0: none), `list_order` ("oldest-first"/"newest-first"),
        `storage_id_key` ("storageId"/"id"), `extra_fields` (undocumented members added).
        An invalid value raises ValueError and changes nothing.
        """
        self.store.reshape(
            all_shape_variants,
            omit_empty=omit_empty,
            page_base=page_base,
            page_size_cap=page_size_cap,
            list_order=list_order,
            storage_id_key=storage_id_key,
            extra_fields=extra_fields,
        )
        delays = self.store.configure(
            ready_delay=ready_delay,
            terminate_delay=terminate_delay,
            storage_release_delay=storage_release_delay,
        )
        return {**delays, **self.store.shape.to_json()}

    def registry_auths(self) -> list[dict[str, Any]]:
        """Every registry credential `{id, name, username, password}`, in creation order."""
        return self.store.all_credentials()

    def edit_registry_auth(self, credential_id: str, patch: Mapping[str, Any]) -> None:
        """Change a credential's `username` and/or `password` (as if edited in the console)."""
        self.store.edit_credential(credential_id, patch)

    def network_storages(self) -> list[dict[str, Any]]:
        """Every network storage in `GET /networkstorages/list` item shape."""
        return self.store.all_storages()

    def edit_network_storage(self, storage_id: str, patch: Mapping[str, Any]) -> None:
        """Set a storage's `storageSize` (int) and/or `storageName` (str), no business rules."""
        self.store.edit_storage(storage_id, patch)

    def set_faults(self, rules: list[dict[str, Any]], seed: int = 0) -> None:
        """Replace the fault rules (see `POST /_sim/faults`) and re-seed; `ApiError` if invalid."""
        self.app.faults.configure(rules, seed)

    def clear_faults(self) -> None:
        """Inject no more faults (counters are kept until `reset`)."""
        self.app.faults.clear()

    def fault_stats(self) -> dict[str, Any]:
        """`{seed, rules, injected: {kind: n}, byRoute: {"<METHOD> <path>": {kind: n}}}`."""
        return self.app.faults.stats()
