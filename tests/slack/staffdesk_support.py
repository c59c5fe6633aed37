"""Driving the staff desk from Slack in tests: the item message in the staff channel, clicks on
its buttons (as Slack sends them, from that message), and the Svar/Afslut modals submitted."""
from __future__ import annotations

import json
from typing import Any

from bot.staffdesk import AuditRow
from tests.slack.enrolment_support import ack_view, view_text
from tests.slack_harness.fake_slack import ApiCall, FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

STAFF_CHANNEL = "C0STAFF"
STAFF = "U0STAFF"
STAFF_NAME = "Karen Kristensen"


def in_channel(channel: str = STAFF_CHANNEL):  # noqa: ANN201 (a predicate for FakeSlack.wait_for)
    return lambda call: call.args.get("channel") == channel


def click(slack: SlackRequests, posted: ApiCall, action_id: str, *, user: str = STAFF) -> None:
    """Press the item message's button as Slack would send it: from that message, in its channel."""
    [value] = [e["value"] for b in posted.blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == action_id]
    message = {"type": "message", "ts": posted.args.get("ts") or "1.000001", "text": posted.text, "user": "U0BOT", "blocks": posted.blocks}
    assert slack.block_action(action_id, value, user=user, channel=str(posted.args["channel"]), message=message).status == 200


def submit(slack: SlackRequests, opened: ApiCall, block: str, text: str, *, user: str = STAFF) -> str:
    """Submit the modal Slack opened; the text of the view the app's ack put in its place."""
    values = {block: {"text": {"type": "plain_text_input", "value": text}}}
    view = opened.args["view"]
    answer = slack.view_submission(str(view["callback_id"]), values, user=user, private_metadata=str(view["private_metadata"]))
    body: dict[str, Any] = answer.json()
    return view_text(ack_view(answer)) if body.get("response_action") == "update" else json.dumps(body, ensure_ascii=False)


def updates_of(fake: FakeSlack, count: int) -> list[ApiCall]:
    return fake.wait_for("chat.update", in_channel(), count=count)


def mine_text(slack: SlackRequests, fake: FakeSlack, user: str = "U0MAYOR") -> str:
    before = len(fake.calls("response_url"))
    slack.command("/mine", user=user)
    return fake.wait_for("response_url", count=before + 1)[-1].text


def audit_actions(app: RunningSlackApp) -> list[tuple[str, str]]:
    rows: list[AuditRow] = app.services.audit.entries()
    return [(row.actor_id, row.action.value) for row in rows]


def not_to_staff(call: ApiCall) -> bool:
    """Every message but the staff desk's (in the staff channel or a staff member's DM), for
    tests that wait for the bot's reply to a question that is also an item for staff."""
    return call.args.get("channel") not in (STAFF_CHANNEL, STAFF, "D" + STAFF[1:])
