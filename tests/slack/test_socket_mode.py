"""The Socket Mode watchdog: a connection that stays down past the grace checks is replaced
with a new endpoint; one that comes back by itself is left alone."""
from __future__ import annotations

import time

from bot.slack.socket_mode import ConnectionWatchdog


class Connection:
    """A socket whose liveness the test sets; reconnecting brings it back."""

    def __init__(self) -> None:
        self.alive = True
        self.fail_reconnect = False
        self.reconnects: list[bool] = []

    def is_connected(self) -> bool:
        return self.alive

    def connect_to_new_endpoint(self, force: bool = False) -> None:
        self.reconnects.append(force)
        if self.fail_reconnect:
            raise ConnectionError("no network")
        self.alive = True


def test_a_dead_connection_is_replaced_after_the_grace_checks() -> None:
    connection = Connection()
    watchdog = ConnectionWatchdog(connection, grace=2)
    watchdog.check()
    connection.alive = False
    watchdog.check()
    assert connection.reconnects == []
    watchdog.check()
    assert connection.reconnects == [True] and connection.alive and watchdog.reconnects == 1


def test_a_connection_that_recovers_by_itself_is_left_alone() -> None:
    connection = Connection()
    watchdog = ConnectionWatchdog(connection, grace=2)
    connection.alive = False
    watchdog.check()
    connection.alive = True
    watchdog.check()
    connection.alive = False
    watchdog.check()
    assert connection.reconnects == []


def test_a_failed_reconnect_is_tried_again_at_the_next_check() -> None:
    connection = Connection()
    connection.alive, connection.fail_reconnect = False, True
    watchdog = ConnectionWatchdog(connection, grace=1)
    watchdog.check()
    connection.fail_reconnect = False
    watchdog.check()
    assert connection.reconnects == [True, True] and connection.alive


def test_the_watchdog_thread_checks_on_its_own() -> None:
    connection = Connection()
    connection.alive = False
    watchdog = ConnectionWatchdog(connection, interval=0.01, grace=1).start()
    try:
        for _ in range(200):
            if connection.reconnects:
                break
            time.sleep(0.01)
    finally:
        watchdog.stop()
    assert connection.reconnects and connection.alive
