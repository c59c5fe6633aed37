"""HTTP mode: Bolt behind waitress, a production WSGI server, with ``/slack/events`` for events,
slash commands and interactivity, and the operator's ``/healthz`` and ``/metrics`` (bot.web).

Waitress refuses a body over ``MAX_BODY_BYTES`` with 413 from its Content-Length (or as a chunked
body passes it) before buffering it, and every request to ``/slack/events`` passes the signing
gate (``bot.slack.gate``) before Bolt sees it."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.health import Health
from bot.logs import request_scope
from bot.slack.gate import signed_only
from bot.web import HEALTH_PATH, WsgiServer, ops_response

__all__ = ["EVENTS_PATH", "HEALTH_PATH", "HttpServer", "wsgi_app"]

EVENTS_PATH = "/slack/events"
# Slack's largest payloads (a modal's state, a long message event) are tens of kilobytes.
MAX_BODY_BYTES = 1024 * 1024


def _always_well() -> Health:
    health = Health()
    health.add("http", lambda: (True, "ok"))
    return health


def wsgi_app(app: App, signing_secret: str, health: Health | None = None, metrics: Callable[[], bytes] | None = None) -> Any:
    """Bolt dispatches only a POST to ``EVENTS_PATH`` (and answers 404 to anything else), so that
    is what passes the gate."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)
    gated = signed_only(bolt, signing_secret)
    health = health or _always_well()
    metrics = metrics or (lambda: b"")

    def application(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        answer = ops_response(environ, start_response, health, metrics)
        if answer is not None:
            return answer
        with request_scope():
            if environ.get("PATH_INFO") == EVENTS_PATH and environ.get("REQUEST_METHOD") == "POST":
                return gated(environ, start_response)
            return bolt(environ, start_response)

    return application


class HttpServer(WsgiServer):
    """The Slack app on waitress; without ``health`` /healthz only says the server answers."""

    def __init__(
        self, app: App, signing_secret: str, host: str = "0.0.0.0", port: int = 3000, threads: int = 8,
        *, health: Health | None = None, metrics: Callable[[], bytes] | None = None,
    ) -> None:
        super().__init__(
            wsgi_app(app, signing_secret, health, metrics), host=host, port=port, threads=threads,
            max_request_body_size=MAX_BODY_BYTES,
        )
