"""Socket Mode: the default for a first install (no public URL), with a watchdog.

Long-running Socket Mode apps are known to end up with a dead WebSocket: when Slack's side goes
away without a close frame, slack_sdk's built-in client keeps its socket and reports itself
connected, and only its own ping check (run by a monitor thread that can itself stop) notices.
Slack's maintainers advise checking the connection from a background job and reconnecting
(slackapi/python-slack-sdk#1110). The watchdog does that, judging a connection by the pongs it
gets back as well as by ``is_connected()``, and asks for a new endpoint when it is down or
silent for ``grace`` checks in a row.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient

from bot.config import ConfigError
from bot.health import Health

log = logging.getLogger(__name__)


class ConnectionWatchdog:
    def __init__(
        self,
        client: SocketModeClient,
        interval: float = 20.0,
        stale_after: float = 60.0,
        grace: int = 2,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._interval = interval
        self._stale_after = stale_after
        self._grace = grace
        self._clock = clock
        self._down_checks = 0
        self._session: str | None = None
        self._session_seen = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="socket-mode-watchdog", daemon=True)
        self.reconnects = 0

    def _silent_for(self) -> float:
        """Seconds since the current session last answered a ping (or since it was first seen)."""
        session = self._client.current_session
        now = self._clock()
        if session is None:
            return 0.0
        if session.session_id != self._session:
            self._session, self._session_seen = session.session_id, now
        last_pong = session.last_ping_pong_time or 0.0
        return now - max(last_pong, self._session_seen)

    def healthy(self) -> bool:
        return self._client.is_connected() and self._silent_for() <= self._stale_after

    def check(self) -> None:
        """One look; the first ``grace - 1`` misses leave room for the client's own recovery."""
        if self.healthy():
            self._down_checks = 0
            return
        self._down_checks += 1
        log.warning("Socket Mode connection is down or silent (check %d of %d)", self._down_checks, self._grace)
        if self._down_checks < self._grace:
            return
        try:
            self._client.connect_to_new_endpoint(force=True)
        except Exception:
            log.exception("Socket Mode reconnect failed; trying again in %.0f s", self._interval)
            return
        self.reconnects += 1
        self._down_checks = 0
        log.info("Socket Mode reconnected by the watchdog (session %s)", self._client.session_id())

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


def run_socket_mode(
    app: App,
    app_token: str,
    stop: threading.Event | None = None,
    *,
    ping_interval: float = 10.0,
    check_interval: float = 20.0,
    stale_after: float = 60.0,
    auto_reconnect: bool = True,
    health: Health | None = None,
) -> None:
    """Connect and serve until ``stop`` is set (or the process is interrupted); ``health`` learns
    whether the connection is up, as the watchdog judges it."""
    handler = SocketModeHandler(app, app_token, ping_interval=ping_interval, auto_reconnect_enabled=auto_reconnect)
    watchdog = ConnectionWatchdog(handler.client, interval=check_interval, stale_after=stale_after)
    if health is not None:

        def connection() -> tuple[bool, str]:
            up = watchdog.healthy()
            return up, "forbundet" if up else "afbrudt"

        health.add("socket_mode", connection)
    try:
        handler.connect()
    except SlackApiError as error:
        raise ConfigError(
            f"Slack afviste SLACK_APP_TOKEN ({error.response.get('error')}): lav et app-token med scopet "
            "connections:write under Basic Information → App-Level Tokens."
        ) from None
    watchdog.start()
    log.info("Borgmesterbot is connected to Slack in Socket Mode")
    try:
        (stop or threading.Event()).wait()
    finally:
        watchdog.stop()
        handler.close()
