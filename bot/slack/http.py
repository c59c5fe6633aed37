"""HTTP mode: Bolt behind waitress, a production WSGI server, with ``/slack/events`` for events,
slash commands and interactivity, and ``/healthz`` for the load balancer.

Waitress refuses a body over ``MAX_BODY_BYTES`` with 413 from its Content-Length (or as a chunked
body passes it) before buffering it, and every request to ``/slack/events`` passes the signing
gate (``bot.slack.gate``) before Bolt sees it."""
from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress import wasyncore
from waitress.server import create_server

from bot.slack.gate import signed_only

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's largest payloads (a modal's state, a long message event) are tens of kilobytes.
MAX_BODY_BYTES = 1024 * 1024


def wsgi_app(app: App, signing_secret: str) -> Any:
    """Bolt dispatches only a POST to ``EVENTS_PATH`` (and answers 404 to anything else), so that
    is what passes the gate."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)
    gated = signed_only(bolt, signing_secret)

    def application(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", "2")])
            return [b"ok"]
        if path == EVENTS_PATH and method == "POST":
            return gated(environ, start_response)
        return bolt(environ, start_response)

    return application


class HttpServer:
    """A waitress server for the app; ``port=0`` picks a free port (tests)."""

    def __init__(self, app: App, signing_secret: str, host: str = "0.0.0.0", port: int = 3000, threads: int = 8) -> None:
        self._server = create_server(
            wsgi_app(app, signing_secret), host=host, port=port, threads=threads, ident="borgmesterbot",
            max_request_body_size=MAX_BODY_BYTES,
        )
        self.host = host
        self.port: int = self._server.effective_port
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"

    def serve_forever(self) -> None:
        self._server.run()

    def start_in_thread(self) -> "HttpServer":
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
