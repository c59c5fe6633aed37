"""With BROADCAST_REQUIRES_APPROVAL, a broadcast to all mayors, or to more recipients than
BROADCAST_APPROVAL_THRESHOLD (default 10) by any audience, waits for a second staff member: the
colleague gets Godkend in a DM, the author cannot approve their own, and the author's status
message says who approved it."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from bot.broadcast.message import APPROVE_ACTION, CANCEL_ACTION
from bot.config import Settings
from bot.enrolment.sessions import SessionDraft
from bot.slack.blocks import broadcast as form
from bot.storage.models.broadcast import BroadcastStatus
from tests.broadcast.directory import SECOND_STAFF, STAFF, Seeded, seed
from tests.slack.broadcast_form import compose_values
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

APPROVAL_THRESHOLD = 10


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


def _session_of(slack_app: RunningSlackApp, seeded: Seeded, size: int) -> str:
    """A session with ``size`` mayors enrolled; the compose form's target value for it."""
    services = slack_app.services
    start = datetime(2099, 5, 3, 9, tzinfo=timezone.utc)
    session = services.sessions.add(SessionDraft("modeledelse", start, start + timedelta(hours=3), size, place="Vejle",
                                                 deadline=start - timedelta(days=7)))
    for mayor in seeded.mayors[30 : 30 + size]:
        services.enrolment.enrol(mayor, session.id)
    return f"session:{session.id}"


def _every_municipality(seeded: Seeded) -> str:
    return ", ".join(seeded.by_municipality)


@pytest.mark.parametrize(
    "audience",
    ["all_mayors", "new_mayors", "municipalities: every one", "municipalities: eleven", "enrolled: a session of 11"],
)
def test_anything_reaching_more_than_ten_needs_approval(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp, audience: str
) -> None:
    """The four-eyes rule follows the reach, not the audience's name: listing every municipality,
    or the new mayors, or a long list, is as wide a broadcast as 'alle borgmestre'."""
    seeded = seed(slack_app.services.db)
    kind, _, detail = audience.partition(": ")
    if detail == "every one":
        values = compose_values(kind, municipalities=_every_municipality(seeded))
    elif detail == "eleven":
        values = compose_values(kind, municipalities=", ".join(list(seeded.by_municipality)[:11]))
    elif kind == "enrolled":
        values = compose_values(kind, target=_session_of(slack_app, seeded, 11))
    else:
        values = compose_values(kind)
    preview = slack.view_submission(form.COMPOSE_CALLBACK, values, user=STAFF).json()["view"]
    assert preview["submit"]["text"] == "Send til godkendelse"
    slack.view_submission(form.PREVIEW_CALLBACK, {}, user=STAFF, private_metadata=preview["private_metadata"])
    fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == "D0STAFF2")
    figures = slack_app.services.broadcasts.figures(int(preview["private_metadata"]))
    assert figures.status is BroadcastStatus.AWAITING_APPROVAL and figures.recipients > APPROVAL_THRESHOLD
    fake_slack.assert_no_call(
        "chat.postMessage", within=0.3, predicate=lambda c: c.args["channel"].startswith("D0M") and "Husk borgmestersamlingen" in c.text
    )


def test_a_small_audience_goes_straight_out(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    seeded = seed(slack_app.services.db)
    values = compose_values("municipalities", municipalities=", ".join(list(seeded.by_municipality)[:10]))
    preview = slack.view_submission(form.COMPOSE_CALLBACK, values, user=STAFF).json()["view"]
    assert preview["submit"]["text"] != "Send til godkendelse"
    slack.view_submission(form.PREVIEW_CALLBACK, {}, user=STAFF, private_metadata=preview["private_metadata"])
    assert slack_app.services.broadcasts.figures(int(preview["private_metadata"])).status is not BroadcastStatus.AWAITING_APPROVAL
    fake_slack.assert_no_call("chat.postMessage", within=0.3, predicate=lambda c: c.args["channel"] == "D0STAFF2")


class TestAConfiguredThreshold:
    @pytest.fixture
    def slack_settings(self, slack_settings: Settings) -> Settings:
        return replace(slack_settings, broadcast_approval_threshold=3)

    def test_a_network_of_five_needs_approval_above_three(
        self, slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
    ) -> None:
        seeded = seed(slack_app.services.db)
        values = compose_values("network", network=seeded.network_id)
        preview = slack.view_submission(form.COMPOSE_CALLBACK, values, user=STAFF).json()["view"]
        assert preview["submit"]["text"] == "Send til godkendelse"
