"""Socket Mode: the default for a first install (no public URL), with a watchdog.

Long-running Socket Mode apps are known to end up with a dead WebSocket that the client's own
reconnect logic does not revive; Slack's maintainers advise checking ``is_connected()`` from a
background job and reconnecting (slackapi/python-slack-sdk#1110). The watchdog does that: when
the connection has been down for ``grace`` checks in a row, it asks for a new endpoint.
"""
from __future__ import annotations

import logging
import threading
from typing import Protocol

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

log = logging.getLogger(__name__)


class Reconnectable(Protocol):
    def is_connected(self) -> bool: ...

    def connect_to_new_endpoint(self, force: bool = False) -> None: ...


class ConnectionWatchdog:
    def __init__(self, connection: Reconnectable, interval: float = 20.0, grace: int = 2) -> None:
        self._connection = connection
        self._interval = interval
        self._grace = grace
        self._down_checks = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="socket-mode-watchdog", daemon=True)
        self.reconnects = 0

    def check(self) -> None:
        """One look at the connection; the first ``grace - 1`` misses leave room for the
        client's own reconnect, after that the watchdog reconnects itself."""
        if self._connection.is_connected():
            self._down_checks = 0
            return
        self._down_checks += 1
        log.warning("Socket Mode connection is down (check %d of %d)", self._down_checks, self._grace)
        if self._down_checks < self._grace:
            return
        try:
            self._connection.connect_to_new_endpoint(force=True)
            self.reconnects += 1
            self._down_checks = 0
            log.info("Socket Mode reconnected by the watchdog")
        except Exception:
            log.exception("Socket Mode reconnect failed; trying again in %.0f s", self._interval)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            self.check()

    def start(self) -> "ConnectionWatchdog":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)


def run_socket_mode(app: App, app_token: str, stop: threading.Event | None = None) -> None:
    """Connect and serve until ``stop`` is set (or the process is interrupted)."""
    handler = SocketModeHandler(app, app_token)
    handler.connect()
    watchdog = ConnectionWatchdog(handler.client).start()
    log.info("Borgmesterbot is connected to Slack in Socket Mode")
    try:
        (stop or threading.Event()).wait()
    finally:
        watchdog.stop()
        handler.close()
