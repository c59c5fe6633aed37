"""A request that has not passed Slack's signature check gets 401 and causes nothing: no Web API
call, no POST to the response_url it names, no apology to the user or channel it names. Every
malformed shape of the two signing headers is sent, for an event and for a slash command, each
shaped the way that once made the verifier raise and the error handler answer the attacker."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from slack_bolt import BoltRequest

from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import SIGNING_SECRET, RunningSlackApp
from tests.slack_harness.signed_requests import SlackHttpResponse, SlackRequests, sign


def _now() -> str:
    """Taken per request: a module-level value would be stale by the time a long run gets here."""
    return str(int(time.time()))


# Timestamp header shapes, from the current time; ``None`` leaves the header out. Each is sent
# with a signature made with the real secret over that very timestamp, the closest to valid an
# attacker could come.
TIMESTAMPS: dict[str, Callable[[str], str | None]] = {
    "missing": lambda now: None,
    "empty": lambda now: "",
    "non-numeric": lambda now: "abc",
    "huge": lambda now: "9" * 20,
    "negative": lambda now: "-" + now,
    "float": lambda now: now + ".5",
    "exponent": lambda now: "1.7e9",
    "spaced": lambda now: f" {now} ",
    # Arabic-Indic digits, which int() accepts, as the UTF-8 bytes a client would put on the wire.
    "non-ascii digits": lambda now: "١٧٠٠٠٠٠٠٠٠".encode().decode("latin-1"),
}

# Signature header shapes, each with a current, well-formed timestamp.
SIGNATURES: dict[str, Callable[[str], str | None]] = {
    "missing": lambda now: None,
    "empty": lambda now: "",
    "no version": lambda now: "deadbeef",
    "wrong digest": lambda now: "v0=" + "0" * 64,
    "non-ascii": lambda now: "v0=æøå",
    "huge": lambda now: "v0=" + "f" * 10_000,
    "forged secret": lambda now: sign("not-the-secret", now, "{}"),
}


@pytest.fixture
def slack(http_slack: SlackRequests) -> SlackRequests:
    """This module tests the HTTP boundary itself, so its requests go over HTTP."""
    return http_slack


def _headers(timestamp: str | None, signature: str | None) -> dict[str, str]:
    headers = {}
    if timestamp is not None:
        headers["X-Slack-Request-Timestamp"] = timestamp
    if signature is not None:
        headers["X-Slack-Signature"] = signature
    return headers


def _attack(slack: SlackRequests, kind: str, timestamp: str | None, signature: str | None) -> SlackHttpResponse:
    """A body naming a victim user and channel (event) or a response_url (command), both on the
    fake, so any reaction to it is seen there."""
    if kind == "event":
        body = json.dumps(slack.envelope(slack.dm_event("Hvad er mentorordningen?", user="U0VICTIM")))
        content_type = "application/json"
    else:
        body = urlencode(slack.command_fields("/tilbud", "mentor", user="U0VICTIM", channel="C0VICTIM"))
        content_type = "application/x-www-form-urlencoded"
    if signature == "signed":
        signature = sign(SIGNING_SECRET, timestamp or "", body)
    return slack.post(body, content_type, signature="missing", extra_headers=_headers(timestamp, signature))


def _assert_refused_silently(answer: SlackHttpResponse, fake_slack: FakeSlack) -> None:
    assert answer.status == 401
    assert "Traceback" not in answer.body
    time.sleep(0.2)
    assert fake_slack.calls() == [], [c.method for c in fake_slack.calls()]


@pytest.fixture
def quiet_fake(slack_app: RunningSlackApp, fake_slack: FakeSlack) -> FakeSlack:
    """The fake after start-up (auth.test), so anything recorded later is the request's doing."""
    fake_slack.reset()
    return fake_slack


@pytest.mark.parametrize("kind", ["event", "command"])
@pytest.mark.parametrize("shape", list(TIMESTAMPS))
def test_a_malformed_timestamp_is_refused_and_nothing_is_sent(
    slack: SlackRequests, quiet_fake: FakeSlack, kind: str, shape: str
) -> None:
    answer = _attack(slack, kind, TIMESTAMPS[shape](_now()), "signed")
    _assert_refused_silently(answer, quiet_fake)


@pytest.mark.parametrize("kind", ["event", "command"])
@pytest.mark.parametrize("shape", list(SIGNATURES))
def test_a_malformed_signature_is_refused_and_nothing_is_sent(
    slack: SlackRequests, quiet_fake: FakeSlack, kind: str, shape: str
) -> None:
    now = _now()
    answer = _attack(slack, kind, now, SIGNATURES[shape](now))
    _assert_refused_silently(answer, quiet_fake)


def test_an_unsigned_url_verification_is_refused(slack: SlackRequests, quiet_fake: FakeSlack) -> None:
    """Bolt answers the challenge before its own check would run; the gate comes first."""
    body = json.dumps({"type": "url_verification", "challenge": "c0ffee", "token": "x"})
    answer = slack.post(body, "application/json", signature="forged")
    assert answer.status == 401 and "c0ffee" not in answer.body


def test_a_signed_request_still_acts(slack: SlackRequests, quiet_fake: FakeSlack) -> None:
    """The same command, signed, is answered: the refusals above are the check, not a broken app."""
    answer = _attack(slack, "command", _now(), "signed")
    assert answer.status == 200
    quiet_fake.wait_for("response_url")


@pytest.mark.parametrize("kind", ["event", "command"])
def test_the_error_handler_never_answers_an_unverified_request(
    slack_app: RunningSlackApp, slack: SlackRequests, quiet_fake: FakeSlack, kind: str
) -> None:
    """Behind the gate too: a request dispatched into Bolt itself with a timestamp its verifier
    chokes on fails inside Bolt's middleware, and the error handler stays silent."""
    if kind == "event":
        body = json.dumps(slack.envelope(slack.dm_event("Hvad er mentorordningen?", user="U0VICTIM")))
        content_type = "application/json"
    else:
        body = urlencode(slack.command_fields("/tilbud", "mentor", user="U0VICTIM", channel="C0VICTIM"))
        content_type = "application/x-www-form-urlencoded"
    headers = {"content-type": [content_type], "x-slack-request-timestamp": ["abc"], "x-slack-signature": ["v0=æøå"]}
    answer = slack_app.app.dispatch(BoltRequest(body=body, headers=headers))
    assert answer.status >= 400
    time.sleep(0.2)
    assert quiet_fake.calls() == []
