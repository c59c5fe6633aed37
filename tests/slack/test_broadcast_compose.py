"""/udsend end to end through the real Bolt app and the fake Slack API: the modal, the preview
with the exact count, errors under their fields, send now and the DMs that follow, "Læst",
scheduled broadcasts listed and cancelled, and a refusal for anyone not staff at every step."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.broadcast.message import ACK_ACTION, APPROVE_ACTION, CANCEL_ACTION
from bot.clock import COPENHAGEN
from bot.config import Settings
from bot.members.staff import REFUSAL
from bot.slack.blocks import broadcast as form
from bot.slack.blocks.offers import DETAILS_ACTION
from bot.slack.delivery import build_worker
from bot.storage.models.broadcast import Broadcast, BroadcastStatus
from tests.broadcast.delivery import delivered_posts
from tests.broadcast.directory import STAFF, Seeded, seed
from tests.slack.broadcast_form import compose_values
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


@pytest.fixture
def slack_settings(slack_settings: Settings) -> Settings:
    """A fast delivery rate: the fake Slack does not limit these tests, the benchmark does."""
    return replace(slack_settings, broadcast_rate_per_second=500, broadcast_burst=50)


@pytest.fixture
def seeded(slack_app: RunningSlackApp) -> Seeded:
    return seed(slack_app.services.db)


def _broadcasts(slack_app: RunningSlackApp) -> int:
    with slack_app.services.db.session() as session:
        return session.scalar(select(func.count()).select_from(Broadcast)) or 0


def _submit(slack: SlackRequests, values: dict[str, Any], user: str = STAFF) -> dict[str, Any]:
    answer = slack.view_submission(form.COMPOSE_CALLBACK, values, user=user)
    assert answer.status == 200
    return answer.json()


def _confirm(slack: SlackRequests, broadcast_id: str, user: str = STAFF) -> dict[str, Any]:
    answer = slack.view_submission(form.PREVIEW_CALLBACK, {}, user=user, private_metadata=broadcast_id)
    assert answer.status == 200
    return answer.json()


def _modal_text(view: dict[str, Any]) -> str:
    return "\n".join(str(b.get("text", {}).get("text", "")) + " ".join(e.get("text", "") for e in b.get("elements", []))
                     for b in view["blocks"])


def test_udsend_opens_the_form_with_networks_and_sessions(slack: SlackRequests, fake_slack: FakeSlack, seeded: Seeded) -> None:
    slack.command("/udsend", user=STAFF)
    [opened] = fake_slack.wait_for("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == form.COMPOSE_CALLBACK
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert [o["value"] for o in blocks[form.AUDIENCE]["element"]["options"]] == [
        "all_mayors", "new_mayors", "network", "enrolled", "municipalities"]
    assert [o["text"]["text"] for o in blocks[form.NETWORK]["element"]["options"]] == ["Nordjyske borgmestre"]
    groups = blocks[form.TARGET]["element"]["option_groups"]
    assert len(groups[0]["options"]) == 26 and groups[1]["options"][0]["value"] == f"session:{seeded.session_id}"
    assert blocks[form.SEND_TIME]["element"]["timezone"] == "Europe/Copenhagen"


def test_preview_send_now_deliver_and_laest(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp, seeded: Seeded
) -> None:
    reply = _submit(slack, compose_values("new_mayors", "Velkommen til *jeres* første periode", button_offer="samling-nye-borgmestre", ack=True))
    assert reply["response_action"] == "update"
    preview = reply["view"]
    assert preview["callback_id"] == form.PREVIEW_CALLBACK and preview["submit"]["text"] == "Send"
    shown = _modal_text(preview)
    assert "*Modtagere:* 33 (Nye borgmestre (første valgperiode))" in shown and "Velkommen til *jeres* første periode" in shown
    assert "[Læst]" in shown and not [b for b in preview["blocks"] if b["type"] == "actions"], "the preview's buttons cannot be clicked"

    outcome = _confirm(slack, preview["private_metadata"])
    assert "sendes nu til 33 modtagere" in _modal_text(outcome["view"])
    broadcast_id = int(preview["private_metadata"])
    build_worker(slack_app.services).deliver_due()

    assert delivered_posts(fake_slack, broadcast_id) == {user: 1 for user in seeded.first_term}
    dm = next(c for c in fake_slack.calls("chat.postMessage") if c.args["channel"] == "D" + seeded.first_term[0][1:])
    assert dm.action_ids() == [DETAILS_ACTION, ACK_ACTION] and "Besked fra KL" in dm.text
    mayor = seeded.first_term[0]
    slack.block_action(ACK_ACTION, str(broadcast_id), user=mayor, channel="D" + mayor[1:])
    [thanks] = fake_slack.wait_for("response_url")
    assert thanks.args["text"] == "Tak, det er noteret, at du har læst beskeden."
    [report] = fake_slack.wait_for("chat.update", lambda c: "*Læst*\n1 af 33" in c.text)
    assert "leveret til 33 af 33" in report.text
    slack.block_action(ACK_ACTION, str(broadcast_id), user=mayor, channel="D" + mayor[1:])
    fake_slack.wait_for("response_url", lambda c: "allerede" in c.args.get("text", ""))
    assert slack_app.services.broadcasts.figures(broadcast_id).acknowledged == 1


@pytest.mark.parametrize(
    ("values", "block", "words"),
    [
        (compose_values(text="x" * 4000), form.TEXT, "4.000 tegn"),
        (compose_values(text="Hej <!channel>"), form.TEXT, "<!channel>"),
        (compose_values(text=""), form.TEXT, "Skriv den besked"),
        (compose_values("municipalities", municipalities="Aarhus, Gotham"), form.MUNICIPALITIES, "'Gotham'"),
        (compose_values("network"), form.NETWORK, "netværk"),
        (compose_values("enrolled", target="offer:findes-ikke"), form.TARGET, "tilbud"),
        (compose_values(send_date="2027-01-12"), form.SEND_DATE, "både dato og klokkeslæt"),
        (compose_values(send_date="2020-01-12", send_time="10:00"), form.SEND_DATE, "allerede passeret"),
        (compose_values(button_offer="findes-ikke"), form.BUTTON_OFFER, "findes-ikke"),
    ],
)
def test_bad_input_is_shown_under_its_field_and_nothing_is_stored(
    slack: SlackRequests, slack_app: RunningSlackApp, seeded: Seeded, values: dict[str, Any], block: str, words: str
) -> None:
    reply = _submit(slack, values)
    assert reply["response_action"] == "errors"
    assert words in reply["errors"][block]
    assert _broadcasts(slack_app) == 0


def test_scheduled_is_listed_and_can_be_cancelled_until_it_starts(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp, seeded: Seeded
) -> None:
    tomorrow = (datetime.now(COPENHAGEN) + timedelta(days=1)).date().isoformat()
    preview = _submit(slack, compose_values("network", "Mødet flyttes", network=seeded.network_id, send_date=tomorrow, send_time="10:00"))["view"]
    assert preview["submit"]["text"] == "Planlæg" and "kl. 10.00" in _modal_text(preview)
    assert "er planlagt" in _modal_text(_confirm(slack, preview["private_metadata"])["view"])
    [status] = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == "D0STAFF")
    assert status.action_ids() == [CANCEL_ACTION] and "Udsendelse #1: planlagt" in status.text
    slack_app.settle()  # the confirm listener keeps the status message's ts after posting it

    slack.command("/udsend", "liste", user=STAFF)
    [listing] = fake_slack.wait_for("response_url")
    assert "#1 planlagt" in listing.text and "Mødet flyttes" in listing.text
    assert [e["action_id"] for b in listing.blocks for e in b.get("elements", []) if "action_id" in e] == [CANCEL_ACTION]

    slack.block_action(CANCEL_ACTION, "1", user=STAFF, channel="D0STAFF")
    fake_slack.wait_for("response_url", lambda c: "Annulleret: udsendelse #1" in c.args.get("text", ""))
    [updated] = fake_slack.wait_for("chat.update", lambda c: c.args["ts"] == status.response["ts"])
    assert "annulleret" in updated.text and not updated.action_ids()
    assert slack_app.services.broadcasts.figures(1).status is BroadcastStatus.CANCELLED
    slack.block_action(CANCEL_ACTION, "1", user=STAFF, channel="D0STAFF")
    fake_slack.wait_for("response_url", lambda c: "kan ikke længere annulleres" in c.args.get("text", ""))


def _eventually(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:
        time.sleep(0.02)
    return check()


def test_closing_the_preview_discards_the_draft(
    slack: SlackRequests, slack_app: RunningSlackApp, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    draft_id = _submit(slack, compose_values())["view"]["private_metadata"]
    assert slack.view_closed(form.PREVIEW_CALLBACK, user=seeded.mayors[0], private_metadata=draft_id).status == 200
    assert _eventually(lambda: "staff-only action refused" in caplog.text and "udsend: kassér kladde" in caplog.text)
    assert _broadcasts(slack_app) == 1, "only its author's close discards a draft"
    assert slack.view_closed(form.PREVIEW_CALLBACK, user=STAFF, private_metadata=draft_id).status == 200
    assert _eventually(lambda: _broadcasts(slack_app) == 0)


def test_anyone_not_staff_is_refused_at_every_step(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    mayor = seeded.mayors[0]
    draft_id = _submit(slack, compose_values())["view"]["private_metadata"]
    caplog.set_level(logging.WARNING, logger="bot.members.staff")

    slack.command("/udsend", user=mayor)
    slack.command("/udsend", "liste", user=mayor)
    refusals = fake_slack.wait_for("response_url", count=2)
    assert all(r.args["text"] == REFUSAL and r.args["response_type"] == "ephemeral" for r in refusals)
    fake_slack.assert_no_call("views.open", within=0.1)

    assert _submit(slack, compose_values(), user=mayor) == {"response_action": "errors", "errors": {form.TEXT: REFUSAL}}
    assert REFUSAL in _modal_text(_confirm(slack, draft_id, user=mayor)["view"])
    for action in (APPROVE_ACTION, CANCEL_ACTION):
        slack.block_action(action, draft_id, user=mayor)
    fake_slack.wait_for("response_url", lambda c: c.args.get("text") == REFUSAL, count=4)

    assert slack_app.services.broadcasts.figures(int(draft_id)).status is BroadcastStatus.DRAFT
    assert _broadcasts(slack_app) == 1
    refused = [r for r in caplog.records if r.name == "bot.members.staff" and f"user={mayor}" in r.getMessage()]
    assert len(refused) == 6


def test_unknown_words_are_echoed_escaped(slack: SlackRequests, fake_slack: FakeSlack, seeded: Seeded) -> None:
    slack.command("/udsend", "<!channel> hej", user=STAFF)
    [reply] = fake_slack.wait_for("response_url")
    assert "&lt;!channel&gt; hej" in reply.args["text"] and "<!channel>" not in reply.args["text"]
    assert "/udsend liste" in reply.args["text"]


def test_a_forged_request_runs_nothing(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp, seeded: Seeded) -> None:
    assert slack.command("/udsend", user=STAFF, signature="forged").status == 401
    assert slack.view_submission(form.COMPOSE_CALLBACK, compose_values(), user=STAFF, signature="forged").status == 401
    fake_slack.assert_no_call("views.open", within=0.2)
    assert _broadcasts(slack_app) == 0
