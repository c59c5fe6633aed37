"""Socket Mode end to end: slack_sdk's real Socket Mode client connects to the fake's WebSocket
endpoint; events and commands over the socket are acknowledged and answered; a connection that
goes silent (open, but answering nothing) is replaced by the watchdog."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from bot.config import ConfigError, Settings
from bot.services import Services
from bot.slack.app import build_app
from bot.slack.socket_mode import run_socket_mode
from tests.slack.staffdesk_support import not_to_staff
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import APP_TOKEN
from tests.slack_harness.signed_requests import SlackRequests

Start = Callable[..., threading.Thread]


@pytest.fixture
def requests(fake_slack: FakeSlack) -> SlackRequests:
    """Only for building bodies: in Socket Mode nothing is posted to an HTTP endpoint."""
    return SlackRequests("http://unused.invalid/slack/events", "unused", fake_slack)


@pytest.fixture
def start_socket_mode(slack_settings: Settings, fake_slack: FakeSlack) -> Iterator[Start]:
    services = Services.build(slack_settings, migrate=False)
    executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bolt-listener")
    app = build_app(services, listener_executor=executor)
    stop = threading.Event()
    threads: list[threading.Thread] = []
    failures: list[BaseException] = []

    def start(**options: Any) -> threading.Thread:
        def run() -> None:
            try:
                run_socket_mode(app, APP_TOKEN, stop, **options)
            except BaseException as error:  # noqa: BLE001 (handed to the test)
                failures.append(error)

        thread = threading.Thread(target=run, name="socket-mode-under-test", daemon=True)
        thread.start()
        threads.append(thread)
        return thread

    yield start
    fake_slack.sockets.close()  # Slack's side first: the client's 3-second receive wait ends at once
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    executor.shutdown(wait=True)
    services.db.dispose()
    assert not failures, failures


def test_a_dm_over_the_socket_is_acknowledged_and_answered(
    start_socket_mode: Start, fake_slack: FakeSlack, requests: SlackRequests
) -> None:
    start_socket_mode()
    fake_slack.sockets.wait_connected()
    assert fake_slack.calls("apps.connections.open")[0].args["token"] == APP_TOKEN
    envelope = fake_slack.sockets.send_event(requests.envelope(requests.dm_event("Hvad er mentorordningen?")))
    fake_slack.sockets.wait_ack(envelope)
    [reply] = fake_slack.wait_for("chat.postMessage", not_to_staff)
    assert reply.args["channel"] == "D0MAYOR" and "Mentorordning" in reply.text


def test_a_command_over_the_socket_is_answered_privately(
    start_socket_mode: Start, fake_slack: FakeSlack, requests: SlackRequests
) -> None:
    start_socket_mode()
    fake_slack.sockets.wait_connected()
    fake_slack.sockets.wait_ack(fake_slack.sockets.send_command(requests.command_fields("/hotline")))
    [reply] = fake_slack.wait_for("response_url")
    assert reply.args["response_type"] == "ephemeral" and "112" in reply.text


def test_a_silent_connection_is_replaced_by_the_watchdog(
    start_socket_mode: Start, fake_slack: FakeSlack, requests: SlackRequests
) -> None:
    """The client's own reconnect is off, so only the watchdog can bring the bot back."""
    start_socket_mode(ping_interval=0.2, check_interval=0.1, stale_after=0.5, auto_reconnect=False)
    fake_slack.sockets.wait_connected()
    fake_slack.sockets.go_silent()
    fake_slack.sockets.wait_connected(count=2, timeout=10)
    assert len(fake_slack.calls("apps.connections.open")) == 2
    envelope = fake_slack.sockets.send_event(requests.envelope(requests.dm_event("Hvad er B98?")))
    fake_slack.sockets.wait_ack(envelope)
    assert "B98" in fake_slack.wait_for("chat.postMessage", not_to_staff)[0].text


def test_a_failed_reconnect_is_tried_again(start_socket_mode: Start, fake_slack: FakeSlack) -> None:
    start_socket_mode(ping_interval=0.2, check_interval=0.1, stale_after=0.5, auto_reconnect=False)
    fake_slack.sockets.wait_connected()
    fake_slack.fail_next("apps.connections.open", error="internal_error")
    fake_slack.sockets.go_silent()
    fake_slack.sockets.wait_connected(count=2, timeout=10)
    assert [c.ok for c in fake_slack.calls("apps.connections.open")] == [True, False, True]


def test_an_app_token_slack_refuses_is_one_danish_line(slack_settings: Settings, fake_slack: FakeSlack) -> None:
    services = Services.build(slack_settings, migrate=False)
    fake_slack.fail_next("apps.connections.open", error="invalid_auth")
    with pytest.raises(ConfigError, match=r"Slack afviste SLACK_APP_TOKEN \(invalid_auth\)"):
        run_socket_mode(build_app(services), APP_TOKEN, threading.Event())
    services.db.dispose()
