"""Resource limits and logs at the HTTP door: a body over the cap is answered 413 before it is
read, a body the bot cannot read is a 400 (or 401 unsigned) without a traceback, nothing of a
refused body reaches the log, and no request content can forge a log line."""
from __future__ import annotations

import json
import logging
import socket
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from bot.slack.http import MAX_BODY_BYTES
from tests.slack.test_cli import SERVE_LOG, served  # noqa: F401 (the fixture: a real `serve` process)
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import SIGNING_SECRET, RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

LOG_LINE_START = "2026-"  # what a forged record would start with, as a real one does


@pytest.fixture
def slack(http_slack: SlackRequests) -> SlackRequests:
    """This module tests the HTTP boundary itself, so its requests go over HTTP."""
    return http_slack


def _status_line_for_headers_only(url: str, content_length: int) -> bytes:
    """Sends only the request head announcing ``content_length`` bytes and reads the answer: an
    answer at all proves the server refused without waiting for (or buffering) the body."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as connection:
        head = (
            f"POST {parts.path} HTTP/1.1\r\nHost: {parts.hostname}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {content_length}\r\n\r\n"
        )
        connection.sendall(head.encode())
        return connection.recv(200).split(b"\r\n")[0]


def test_a_body_over_the_cap_is_refused_before_it_is_read(slack_app: RunningSlackApp, fake_slack: FakeSlack) -> None:
    assert b" 413 " in _status_line_for_headers_only(slack_app.events_url, 64 * 1024 * 1024)
    assert b" 413 " in _status_line_for_headers_only(slack_app.events_url, MAX_BODY_BYTES + 1)


def test_a_slack_sized_body_passes_the_cap(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    """A long question (Slack allows 40,000 characters in a message) is well under the cap."""
    assert slack.direct_message("mentorordningen " * 2500).status == 200
    fake_slack.wait_for("chat.postMessage")


MALFORMED = {
    "broken json": ("{not json", "application/json"),
    "json list": ("[1, 2]", "application/json"),
    "json string": ('"event_callback"', "application/json"),
    "deep json": ("[" * 100_000 + "]" * 100_000, "application/json"),
    "payload not json": ("payload=%7Bnot", "application/x-www-form-urlencoded"),
    "payload a list": ("payload=" + quote("[1]"), "application/x-www-form-urlencoded"),
}


@pytest.mark.parametrize("shape", list(MALFORMED))
def test_a_signed_malformed_body_is_a_400_without_a_traceback(
    slack: SlackRequests, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture, shape: str
) -> None:
    caplog.set_level(logging.DEBUG)
    body, content_type = MALFORMED[shape]
    answer = slack.post(body, content_type)
    assert answer.status == 400
    assert "Traceback" not in answer.body
    assert [r for r in caplog.records if r.exc_info] == []
    assert slack.post(body, content_type, signature="forged").status == 401


def test_a_body_that_is_not_utf8_is_refused(slack_app: RunningSlackApp) -> None:
    parts = urlsplit(slack_app.events_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as connection:
        body = b"\xff\xfe{}"
        head = f"POST {parts.path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        connection.sendall(head.encode() + body)
        assert b" 401 " in connection.recv(200).split(b"\r\n")[0]


def test_the_served_log_keeps_refused_bodies_out_and_cannot_be_forged(
    served: str, tmp_path: Path, fake_slack: FakeSlack  # noqa: F811
) -> None:
    requests = SlackRequests(served + "/slack/events", SIGNING_SECRET, fake_slack)
    forged = f"\n{LOG_LINE_START}12-01 12:00:00,000 ERROR bot.slack: FORGED"

    unsigned = json.dumps({"type": "event_callback", "event": {"type": "message", "text": "SECRET-BODY" + forged}})
    assert requests.post(unsigned, "application/json", signature="forged").status == 401
    assert requests.post(unsigned, "application/json", signature="missing").status == 401
    assert b" 413 " in _status_line_for_headers_only(served + "/slack/events", 64 * 1024 * 1024)

    # A signed delivery whose event id carries a line break, delivered twice: the second is
    # logged as already answered, with the id in the message.
    event_id = "Ev0FORGE" + forged
    for _ in range(2):
        assert requests.direct_message("Hvad er mentorordningen?", event_id=event_id).status == 200
    fake_slack.wait_for("chat.postMessage")

    log = tmp_path / SERVE_LOG
    deadline = time.monotonic() + 5
    while "already answered" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    text = log.read_text()
    assert "already answered" in text and "\\x0a" in text
    assert "SECRET-BODY" not in text
    assert "refused a request without a valid Slack signature" in text
    lines = text.splitlines()
    assert not [line for line in lines if "FORGED" in line and "already answered" not in line]
