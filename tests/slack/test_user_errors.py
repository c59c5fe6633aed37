"""A UserError raised by the domain is an answer, not a fault: the person reads its own Danish
message where they acted, Slack gets its 200 in time, and nothing is logged as a failure."""
from __future__ import annotations

import pytest

from bot.broadcast.message import APPROVE_ACTION
from bot.enrolment.errors import UnknownOffer
from bot.slack.errors import APOLOGY
from bot.slack.listeners.actions.broadcast import NOT_A_BROADCAST
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.signed_requests import SlackRequests

STAFF = "U0STAFF"


@pytest.fixture
def slack_staff_ids() -> frozenset[str]:
    return frozenset({STAFF})


def test_a_refusal_after_ack_is_told_and_slack_still_gets_200(
    slack: SlackRequests, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """Raised after ack(): Bolt's runner would drop the acknowledgement (a 404 to Slack)."""
    for attempt in range(5):
        assert slack.command("/tilmeld", f"findes-ikke-{attempt}").status == 200
    told = fake_slack.wait_for("response_url", count=5)
    assert sorted(c.args["text"] for c in told) == sorted(str(UnknownOffer(f"findes-ikke-{n}")) for n in range(5))
    assert all(c.args["response_type"] == "ephemeral" for c in told)
    assert APOLOGY not in caplog.text and "listener failed" not in caplog.text


def test_a_refusal_from_the_home_tab_opens_a_modal(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.block_action(APPROVE_ACTION, "not-a-number", user=STAFF, channel=None, view={"type": "home", "id": "V0HOME"})
    [opened] = fake_slack.wait_for("views.open")
    assert NOT_A_BROADCAST in opened.text
