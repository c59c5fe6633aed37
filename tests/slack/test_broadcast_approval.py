"""With BROADCAST_REQUIRES_APPROVAL, a broadcast to all mayors waits for a second staff
member: the colleague gets Godkend in a DM, the author cannot approve their own, and the
author's status message says who approved it."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.broadcast.message import APPROVE_ACTION, CANCEL_ACTION
from bot.config import Settings
from bot.slack.blocks import broadcast as form
from bot.storage.models.broadcast import BroadcastStatus
from tests.broadcast.directory import SECOND_STAFF, STAFF, seed
from tests.slack.broadcast_form import compose_values
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


@pytest.fixture
def slack_staff_ids() -> frozenset[str]:
    return frozenset({STAFF, SECOND_STAFF})


@pytest.fixture
def slack_settings(slack_settings: Settings) -> Settings:
    return replace(slack_settings, broadcast_requires_approval=True)


def test_all_mayors_waits_for_a_colleagues_approval(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    seed(slack_app.services.db)
    preview = slack.view_submission(form.COMPOSE_CALLBACK, compose_values(text="Ny aftale med regeringen"), user=STAFF).json()["view"]
    assert preview["submit"]["text"] == "Send til godkendelse"
    outcome = slack.view_submission(form.PREVIEW_CALLBACK, {}, user=STAFF, private_metadata=preview["private_metadata"]).json()
    assert "venter på godkendelse (1 kollega er spurgt)" in outcome["view"]["blocks"][0]["text"]["text"]

    [request] = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == "D0STAFF2")
    assert request.action_ids() == [APPROVE_ACTION, CANCEL_ACTION] and "Ny aftale med regeringen" in request.text
    [status] = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == "D0STAFF")
    assert "venter derfor på, at en kollega godkender" in status.text and "når den er godkendt" in status.text
    slack_app.settle()  # the confirm listener keeps the status message's ts after posting it

    broadcast_id = preview["private_metadata"]
    slack.block_action(APPROVE_ACTION, broadcast_id, user=STAFF, channel="D0STAFF")
    fake_slack.wait_for("response_url", lambda c: "din egen udsendelse" in c.args.get("text", ""))
    assert slack_app.services.broadcasts.figures(int(broadcast_id)).status is BroadcastStatus.AWAITING_APPROVAL

    slack.block_action(APPROVE_ACTION, broadcast_id, user=SECOND_STAFF, channel="D0STAFF2")
    fake_slack.wait_for("response_url", lambda c: c.args.get("text", "").startswith("Godkendt: #1"))
    [updated] = fake_slack.wait_for("chat.update", lambda c: c.args["ts"] == status.response["ts"])
    assert f"Godkendt af <@{SECOND_STAFF}>" in updated.text
    figures = slack_app.services.broadcasts.figures(int(broadcast_id))
    assert (figures.status, figures.approved_by) == (BroadcastStatus.SCHEDULED, SECOND_STAFF)
