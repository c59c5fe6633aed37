"""The operator's endpoints, the same in `serve` (next to Slack's) and in `run` (on HEALTH_PORT):
``/healthz`` (JSON, 503 when a part is not well) and ``/metrics`` (Prometheus's text format);
and the waitress server both run on."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from waitress import wasyncore
from waitress.server import create_server

from bot.health import Health

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8"

Wsgi = Callable[[dict[str, Any], Any], Iterable[bytes]]


def _reply(start_response: Any, status: str, content_type: str, body: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def ops_response(environ: dict[str, Any], start_response: Any, health: Health, metrics: Callable[[], bytes]) -> list[bytes] | None:
    """The answer for /healthz or /metrics, or None for any other request."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    path = environ.get("PATH_INFO")
    if path == HEALTH_PATH:
        well, body = health.body()
        return _reply(start_response, "200 OK" if well else "503 Service Unavailable", "application/json; charset=utf-8", body)
    if path == METRICS_PATH:
        return _reply(start_response, "200 OK", METRICS_TYPE, metrics())
    return None


def ops_app(health: Health, metrics: Callable[[], bytes]) -> Wsgi:
    """Only the operator's endpoints (`run` has no HTTP of its own)."""

    def application(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        answer = ops_response(environ, start_response, health, metrics)
        if answer is None:
            return _reply(start_response, "404 Not Found", "text/plain; charset=utf-8", b"not found")
        return answer

    return application


class WsgiServer:
    """A waitress server on its own thread; ``port=0`` picks a free port (tests)."""

    def __init__(self, application: Wsgi, host: str = "0.0.0.0", port: int = 3000, threads: int = 8, **options: Any) -> None:
        self._server = create_server(application, host=host, port=port, threads=threads, ident="borgmesterbot", **options)
        self.host = host
        self.port: int = self._server.effective_port
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"

    def serve_forever(self) -> None:
        self._server.run()

    def start_in_thread(self) -> "WsgiServer":
        self._thread = threading.Thread(target=self.serve_forever, name="borgmesterbot-http", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Let the worker threads finish the requests they hold, then close every socket from
        inside waitress's loop (woken by its trigger), so the loop ends at once rather than at
        its next poll timeout."""
        server = self._server
        server.task_dispatcher.shutdown()
        try:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        except OSError:
            # The loop has already closed its trigger (it closes every channel of its map when one
            # fails), so nothing is left to wake: close what remains from here.
            wasyncore.close_all(server._map)
        if self._thread is not None:
            self._thread.join(timeout=5)
