"""The buttons on answers: Læs mere and Flere i <gruppe> open modals (pushed when clicked inside
a modal), "Hjalp det?" votes once per person and answer, and 👎 stores the question without a
name until the asker agrees."""
from __future__ import annotations

import json

from sqlalchemy import select

from bot.storage.models.feedback import QuestionLog
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

VOTE = json.dumps({"q": "Hvad koster mentorordningen?", "o": ["mentorordning"]}, ensure_ascii=False)
ANSWER = {"type": "message", "ts": "1790000000.000500", "text": "svar", "user": "U0BOT"}


def _log(slack_app: RunningSlackApp) -> list[QuestionLog]:
    with slack_app.services.db.session() as session:
        return list(session.scalars(select(QuestionLog).order_by(QuestionLog.id)))


def test_laes_mere_opens_the_offer_in_a_modal(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    assert slack.block_action("offer_details", "borgmesterpraktik").status == 200
    [opened] = fake_slack.wait_for("views.open")
    offer = slack_app.services.catalogue.current.get("borgmesterpraktik")
    assert opened.args["trigger_id"].startswith("trigger.")
    assert opened.args["view"]["type"] == "modal"
    assert offer.title in opened.text and offer.description.split()[0] in opened.text and offer.audience in opened.text
    assert "Kilde:" in opened.text


def test_a_button_inside_a_modal_pushes_the_next_modal(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.block_action("offer_details", "modeledelse", channel=None, view={"type": "modal", "id": "V0GROUP"})
    [pushed] = fake_slack.wait_for("views.push")
    assert "Mødeledelse" in pushed.text
    fake_slack.assert_no_call("views.open", within=0)


def test_flere_i_gruppe_lists_the_group(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack.block_action("group_offers", "viden")
    [opened] = fake_slack.wait_for("views.open")
    catalogue = slack_app.services.catalogue.current
    listed = [b["block_id"].split(":", 1)[1] for b in opened.args["view"]["blocks"] if b.get("block_id", "").startswith("offer-line:")]
    assert listed == [o.id for o in catalogue.in_group("viden")]
    assert len(opened.args["view"]["title"]["text"]) <= 24


def test_a_button_for_an_offer_no_longer_in_the_catalogue_says_so(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.block_action("offer_details", "nedlagt-tilbud")
    slack.block_action("group_offers", "ukendt-gruppe")
    opened = fake_slack.wait_for("views.open", count=2)
    assert all("findes ikke længere i kataloget" in o.text and "/tilbud" in o.text for o in opened)


def test_thumbs_up_thanks_and_stores_nothing(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack.block_action("feedback_helpful", VOTE, message=ANSWER)
    [thanks] = fake_slack.wait_for("response_url")
    assert thanks.args["response_type"] == "ephemeral" and "Tak" in thanks.args["text"]
    assert _log(slack_app) == []


def test_thumbs_down_stores_the_question_without_a_name_until_consent(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    slack.block_action("feedback_unhelpful", VOTE, message=ANSWER, user="U0ANNA")
    [noted] = fake_slack.wait_for("response_url")
    [entry] = _log(slack_app)
    assert (entry.question, entry.reason, entry.offers, entry.user_id) == ("Hvad koster mentorordningen?", "unhelpful", "mentorordning", None)
    assert noted.action_ids() == ["feedback_consent"]
    [consent_button] = [e for b in noted.blocks for e in b.get("elements", []) if e.get("action_id") == "feedback_consent"]

    slack.block_action("feedback_consent", consent_button["value"], user="U0ANNA")
    fake_slack.wait_for("response_url", lambda c: "kan nu se" in c.args.get("text", ""))
    assert [e.user_id for e in _log(slack_app)] == ["U0ANNA"]


def test_one_vote_per_person_and_answer(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack.block_action("feedback_unhelpful", VOTE, message=ANSWER)
    slack.block_action("feedback_unhelpful", VOTE, message=ANSWER)
    slack.block_action("feedback_helpful", VOTE, message=ANSWER)
    replies = fake_slack.wait_for("response_url", count=3)
    assert sum("allerede" in r.args["text"] for r in replies) == 2
    assert len(_log(slack_app)) == 1


def test_consent_for_a_vanished_entry_says_so(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.block_action("feedback_consent", "999999")
    [reply] = fake_slack.wait_for("response_url")
    assert "findes ikke længere" in reply.args["text"]
