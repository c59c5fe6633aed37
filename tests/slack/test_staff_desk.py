"""The staff loop end to end through the real Bolt app and the fake Slack Web API: a request and
an unanswered question each travel mayor → staff channel → Tag den → Svar → the mayor's DM →
Afslut, the message in the channel updating in place, /mine showing each state, every staff-only
step refusing a non-staff user, and the audit log holding a row for each staff action."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.clock import COPENHAGEN
from bot.members.staff import REFUSAL
from bot.slack.blocks import broadcast as form
from bot.slack.blocks.staffdesk import ANSWER_ACTION, ANSWER_BLOCK, ANSWER_VIEW, CLOSE_ACTION, CLOSE_VIEW, NOTE_BLOCK, TAKE_ACTION
from bot.storage.models.enrolment import EnrolmentStatus, OfferRequest, RequestStatus
from tests.slack.broadcast_form import compose_values
from tests.slack.enrolment_support import (  # noqa: F401 (dms_sent_before_slack_stops is an autouse fixture)
    add_mayor,
    add_secretariat,
    add_session,
    dm_to,
    dms_sent_before_slack_stops,
    enrolments,
    metadata,
)
from tests.slack.staffdesk_support import STAFF, STAFF_CHANNEL, STAFF_NAME, audit_actions, click, in_channel, mine_text, submit
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


@pytest.fixture
def slack_staff_channel() -> str:
    return STAFF_CHANNEL


@pytest.fixture(autouse=True)
def staff_messages_posted(slack_app: RunningSlackApp, fake_slack: FakeSlack):  # noqa: ANN201
    fake_slack.set_user(STAFF, real_name=STAFF_NAME)
    yield
    assert slack_app.services.desk.drain(timeout=10), "staff messages still being posted after 10 s"


def _mayor_home(slack: SlackRequests, fake_slack: FakeSlack, user: str = "U0MAYOR") -> str:
    before = len(fake_slack.calls("views.publish"))
    slack.app_home_opened(user=user)
    return fake_slack.wait_for("views.publish", lambda c: c.args["user_id"] == user, count=before + 1)[-1].text


def _request_mentor(slack: SlackRequests, fake_slack: FakeSlack, note: str, user: str = "U0MAYOR") -> None:
    slack.command("/tilmeld", "mentorordning", user=user)
    [opened] = fake_slack.wait_for("views.open")
    values = {"note": {"text": {"type": "plain_text_input", "value": note}}}
    slack.view_submission("enrol_confirm", values, user=user, private_metadata=metadata(opened))


def test_a_request_travels_from_the_mayor_to_staff_and_back(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services)
    _request_mentor(slack, fake_slack, "Gerne en fra Jylland")

    [posted] = fake_slack.wait_for("chat.postMessage", in_channel())
    assert "Ny anmodning: Mentorordning til Mette Mayor" in posted.text
    assert "Fra: Mette Mayor (Vejle)" in posted.text and "Note: Gerne en fra Jylland" in posted.text
    assert "Ingen har taget den endnu" in posted.text
    assert posted.action_ids() == [TAKE_ACTION, ANSWER_ACTION, CLOSE_ACTION]
    assert "Sendt " in mine_text(slack, fake_slack)

    click(slack, posted, TAKE_ACTION)
    [taken] = fake_slack.wait_for("chat.update", in_channel())
    assert taken.args["ts"] == posted.args.get("ts") or taken.args["ts"]
    assert f"Under behandling af {STAFF_NAME}" in taken.text
    assert taken.action_ids() == [ANSWER_ACTION, CLOSE_ACTION]
    assert f"Under behandling af {STAFF_NAME}" in mine_text(slack, fake_slack)
    assert f"Din anmodning om Mentorordning*\nUnder behandling af {STAFF_NAME}" in _mayor_home(slack, fake_slack)

    click(slack, taken, ANSWER_ACTION)
    [opened] = fake_slack.wait_for("views.open", lambda c: c.args["view"]["callback_id"] == ANSWER_VIEW)
    shown = submit(slack, opened, ANSWER_BLOCK, "Vi har fundet en mentor i Horsens. Hun ringer i næste uge.")
    assert "Svaret er sendt" in shown
    [answer_dm] = fake_slack.wait_for("chat.postMessage", lambda c: dm_to("U0MAYOR")(c) and "Horsens" in c.text)
    assert "Svar på din anmodning om Mentorordning" in answer_dm.text and STAFF_NAME in answer_dm.text
    [_, answered] = fake_slack.wait_for("chat.update", in_channel(), count=2)
    assert f"Svar fra {STAFF_NAME}" in answered.text and "Horsens" in answered.text

    click(slack, answered, CLOSE_ACTION)
    [closing] = fake_slack.wait_for("views.open", lambda c: c.args["view"]["callback_id"] == CLOSE_VIEW)
    assert "Sagen er afsluttet" in submit(slack, closing, NOTE_BLOCK, "Mentor aftalt")
    [*_, closed] = fake_slack.wait_for("chat.update", in_channel(), count=3)
    assert f"Afsluttet af {STAFF_NAME}" in closed.text and "Mentor aftalt" in closed.text
    assert closed.action_ids() == [], "a closed item has no buttons left"

    mine = mine_text(slack, fake_slack)
    assert "Afsluttet" in mine and "Horsens" in mine and "Din anmodning om Mentorordning" in mine
    home = _mayor_home(slack, fake_slack)
    assert "Afsluttet" in home and f"af {STAFF_NAME}" in home and "Horsens" in home, "App Home shows the same state as /mine"
    with services.db.session() as session:
        request = session.scalar(select(OfferRequest))
        assert request is not None and request.status is RequestStatus.HANDLED
    assert audit_actions(slack_app) == [(STAFF, "item_taken"), (STAFF, "answer_sent"), (STAFF, "item_closed")]
    [_, answered_row, closed_row] = services.audit.entries()
    assert answered_row.actor_name == STAFF_NAME and "Horsens" in (answered_row.detail or "")
    assert closed_row.detail == "Mentor aftalt"


def test_a_secretariat_request_names_the_secretariat_to_staff_and_to_the_mayor(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    add_mayor(slack_app.services)
    add_secretariat(slack_app.services, "U0SEC")
    _request_mentor(slack, fake_slack, "", user="U0SEC")
    [posted] = fake_slack.wait_for("chat.postMessage", in_channel())
    assert "Fra: Mette Mayor (Vejle)" in posted.text and "Sendt af Sofie Sekretær fra sekretariatet" in posted.text
    assert "Ingen note" in posted.text
    [told] = fake_slack.wait_for("chat.postMessage", dm_to("U0MAYOR"))
    assert "Sofie Sekretær fra sekretariatet har bedt KL om Mentorordning på dine vegne" in told.text


def test_staff_buttons_refuse_a_non_staff_user_at_every_step(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services)
    _request_mentor(slack, fake_slack, "Hurtigst muligt")
    [posted] = fake_slack.wait_for("chat.postMessage", in_channel())
    for action in (TAKE_ACTION, ANSWER_ACTION, CLOSE_ACTION):
        click(slack, posted, action, user="U0MAYOR")
    refusals = fake_slack.wait_for("response_url", lambda c: REFUSAL in c.text, count=3)
    assert all(r.args["response_type"] == "ephemeral" for r in refusals)
    fake_slack.assert_no_call("views.open", within=0.3, predicate=lambda c: c.args["view"]["callback_id"] in (ANSWER_VIEW, CLOSE_VIEW))

    click(slack, posted, ANSWER_ACTION)
    [opened] = fake_slack.wait_for("views.open", lambda c: c.args["view"]["callback_id"] == ANSWER_VIEW)
    assert REFUSAL in submit(slack, opened, ANSWER_BLOCK, "Ikke dig", user="U0MAYOR")
    click(slack, posted, CLOSE_ACTION)
    [closing] = fake_slack.wait_for("views.open", lambda c: c.args["view"]["callback_id"] == CLOSE_VIEW)
    assert REFUSAL in submit(slack, closing, NOTE_BLOCK, "", user="U0MAYOR")

    fake_slack.assert_no_call("chat.update", within=0.3)
    fake_slack.assert_no_call("chat.postMessage", within=0.1, predicate=lambda c: "Ikke dig" in c.text)
    [item] = services.desk.open_items()
    assert item.assignee_name is None and item.answer is None
    assert audit_actions(slack_app) == [], "a refused step is no staff action"


def test_withdrawing_the_request_closes_the_item(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    add_mayor(slack_app.services)
    _request_mentor(slack, fake_slack, "Gerne")
    fake_slack.wait_for("chat.postMessage", in_channel())
    slack.command("/afmeld", "mentorordning")
    [closed] = fake_slack.wait_for("chat.update", in_channel())
    assert "Trukket tilbage af Mette Mayor" in closed.text and closed.action_ids() == []
    assert audit_actions(slack_app) == []


class TestWithoutAStaffChannel:
    @pytest.fixture
    def slack_staff_channel(self) -> None:
        return None

    @pytest.fixture
    def slack_staff_ids(self) -> frozenset[str]:
        return frozenset({STAFF, "U0STAFF2"})

    def test_items_go_to_every_staff_members_dm_and_update_there(
        self, slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
    ) -> None:
        add_mayor(slack_app.services)
        _request_mentor(slack, fake_slack, "Gerne")
        posted = fake_slack.wait_for("chat.postMessage", lambda c: "Ny anmodning" in c.text, count=2)
        assert sorted(str(c.args["channel"]) for c in posted) == ["U0STAFF", "U0STAFF2"]
        click(slack, posted[0], TAKE_ACTION)
        updated = fake_slack.wait_for("chat.update", count=2)
        assert sorted(str(c.args["channel"]) for c in updated) == ["D0STAFF", "D0STAFF2"]
        assert all(f"Under behandling af {STAFF_NAME}" in c.text for c in updated)


def test_a_note_for_staff_goes_to_the_staff_channel(fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack_app.services.desk.tell("Mette Mayor har opgivet sin betalte plads på Mødeledelse.")
    [told] = fake_slack.wait_for("chat.postMessage", in_channel())
    assert "opgivet sin betalte plads" in told.text and told.action_ids() == []


def test_an_unanswered_question_travels_to_staff_and_the_answer_back(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    services = slack_app.services
    add_mayor(services)
    slack.direct_message("Hvordan bliver vejret i morgen?")
    [reply] = fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0MAYOR")
    [posted] = fake_slack.wait_for("chat.postMessage", in_channel())
    assert "Spørgsmål uden godt svar: »Hvordan bliver vejret i morgen?«" in posted.text
    assert "Botten kunne ikke svare" in posted.text and "har ikke givet lov" in posted.text
    assert posted.action_ids() == [TAKE_ACTION, CLOSE_ACTION], "no Svar while nobody knows who asked"
    assert "vejret" not in mine_text(slack, fake_slack), "not the mayor's until they say so"

    [entry] = [e["value"] for b in reply.blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "feedback_consent"]
    slack.block_action("feedback_consent", entry)
    fake_slack.wait_for("response_url", lambda c: "KL kan nu se" in c.text)  # before /mine, so its reply is the next one
    [named] = fake_slack.wait_for("chat.update", in_channel())
    assert "Fra: Mette Mayor (Vejle)" in named.text and "har givet lov" in named.text
    assert named.action_ids() == [TAKE_ACTION, ANSWER_ACTION, CLOSE_ACTION]
    assert "Sendt " in mine_text(slack, fake_slack)

    click(slack, named, TAKE_ACTION)
    [_, taken] = fake_slack.wait_for("chat.update", in_channel(), count=2)
    assert f"Under behandling af {STAFF_NAME}" in taken.text
    mine = mine_text(slack, fake_slack)
    assert "Dit spørgsmål »Hvordan bliver vejret i morgen?«" in mine and f"Under behandling af {STAFF_NAME}" in mine

    click(slack, taken, ANSWER_ACTION)
    [opened] = fake_slack.wait_for("views.open", lambda c: c.args["view"]["callback_id"] == ANSWER_VIEW)
    submit(slack, opened, ANSWER_BLOCK, "DMI lover sol. Mødet er indendørs i KL-huset.")
    [dm] = fake_slack.wait_for("chat.postMessage", lambda c: dm_to("U0MAYOR")(c) and "DMI" in c.text)
    assert "Svar på dit spørgsmål »Hvordan bliver vejret i morgen?«" in dm.text and STAFF_NAME in dm.text

    click(slack, taken, CLOSE_ACTION)
    [closing] = fake_slack.wait_for("views.open", lambda c: c.args["view"]["callback_id"] == CLOSE_VIEW)
    submit(slack, closing, NOTE_BLOCK, "")
    [*_, closed] = fake_slack.wait_for("chat.update", in_channel(), count=4)
    assert f"Afsluttet af {STAFF_NAME}" in closed.text and closed.action_ids() == []
    mine = mine_text(slack, fake_slack)
    assert "Afsluttet" in mine and "DMI lover sol" in mine
    assert audit_actions(slack_app) == [(STAFF, "item_taken"), (STAFF, "answer_sent"), (STAFF, "item_closed")]


def test_a_thumbs_down_is_an_item_with_the_offers_shown(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    add_mayor(slack_app.services)
    slack.direct_message("Hvad er B98?")
    [reply] = fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0MAYOR")
    [value] = [e["value"] for b in reply.blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "feedback_unhelpful"]
    slack.block_action("feedback_unhelpful", value)
    [posted] = fake_slack.wait_for("chat.postMessage", in_channel())
    assert "»Hvad er B98?«" in posted.text and "fik 👎" in posted.text and "Svaret viste: b98" in posted.text


def test_staff_see_their_overview_on_the_home_tab_and_mayors_do_not(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    services = slack_app.services
    add_mayor(services)
    add_mayor(services, "U0OLE", name="Ole Olsen")
    full = add_session(services, capacity=1)
    services.enrolment.enrol("U0MAYOR", full.id)
    services.enrolment.enrol("U0OLE", full.id)
    services.enrolment.request("U0OLE", "mentorordning")
    slack.app_home_opened(user=STAFF)
    [home] = fake_slack.wait_for("views.publish", lambda c: c.args["user_id"] == STAFF)
    assert "Åbne sager" in home.text and "Ny anmodning: *Mentorordning til Ole Olsen* (venter under en time, ingen har taget den)" in home.text
    assert "Kommende datoer" in home.text and "1 af 1 plads taget, 1 på venteliste" in home.text
    assert "Udsendelser" in home.text and "Ingen udsendelser endnu" in home.text

    tomorrow = (datetime.now(COPENHAGEN) + timedelta(days=1)).date().isoformat()
    preview = slack.view_submission(form.COMPOSE_CALLBACK, compose_values(send_date=tomorrow, send_time="10:00"), user=STAFF).json()["view"]
    assert slack.view_submission(form.PREVIEW_CALLBACK, {}, user=STAFF, private_metadata=preview["private_metadata"]).status == 200
    slack_app.settle()
    slack.app_home_opened(user=STAFF)
    [_, home] = fake_slack.wait_for("views.publish", lambda c: c.args["user_id"] == STAFF, count=2)
    assert "#1 planlagt" in home.text and "kl. 10.00" in home.text and "2 modtagere" in home.text, "a scheduled broadcast with its figures"

    slack.app_home_opened(user="U0MAYOR")
    [mayor_home] = fake_slack.wait_for("views.publish", lambda c: c.args["user_id"] == "U0MAYOR")
    assert "Åbne sager" not in mayor_home.text and "Mine tilmeldinger" in mayor_home.text


def test_session_and_roster_actions_of_staff_are_audited(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    view = add_session(services)
    slack.command("/deltagere", "mødeledelse", user=STAFF)
    fake_slack.wait_for("files.completeUploadExternal")
    slack.block_action("session_cancel", str(view.id), user=STAFF)
    fake_slack.wait_for("response_url", lambda c: "er aflyst" in c.text)
    assert audit_actions(slack_app) == [("kommandolinjen", "session_created"), (STAFF, "roster_exported"), (STAFF, "session_cancelled")]


def test_a_message_slack_refuses_for_good_is_an_item_for_staff_once(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    services = slack_app.services
    add_mayor(services)
    fake_slack.fail_for_channel("U0MAYOR", "account_inactive")
    view = add_session(services)
    services.enrolment.enrol("U0MAYOR", view.id)
    services.enrolment.request("U0MAYOR", "mentorordning")
    assert services.postman.drain(timeout=10) and services.desk.drain(timeout=10)
    [failed] = [c for c in fake_slack.calls("chat.postMessage") if in_channel()(c) and "kom ikke frem" in c.text]
    assert "Besked kunne ikke leveres: Besked til Mette Mayor (Vejle) kom ikke frem" in failed.text
    assert "account_inactive" in failed.text and failed.action_ids() == [TAKE_ACTION, CLOSE_ACTION]
    services.forget("U0MAYOR")
    assert [i.title for i in services.desk.open_items() if "Mette" in i.title] == [], "forgetting the person removes what names them"


def test_giving_up_a_paid_seat_asks_first_and_tells_staff(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services)
    view = add_session(services, fee="1.500 kr. ekskl. moms")
    services.enrolment.enrol("U0MAYOR", view.id)
    slack.command("/afmeld", "mødeledelse")
    [asked] = fake_slack.wait_for("response_url")
    catalogue_fee = services.catalogue.current.get("modeledelse").fee
    assert catalogue_fee and "har en pris: 1.500 kr. ekskl. moms." in asked.text
    assert f"Kataloget skriver om prisen: »{catalogue_fee.strip().rstrip('.')}«." in asked.text
    assert "Vil du stadig afmelde Mødeledelse" in asked.text
    assert enrolments(services) == [("U0MAYOR", EnrolmentStatus.ENROLLED)], "nothing given up before the yes"
    [value] = [e["value"] for b in asked.blocks if b["type"] == "actions" for e in b["elements"]]
    slack.block_action("enrol_withdraw", value)
    [_, done] = fake_slack.wait_for("response_url", count=2)
    assert "Du er afmeldt Mødeledelse" in done.text
    assert enrolments(services) == [("U0MAYOR", EnrolmentStatus.WITHDRAWN)]
    [told] = fake_slack.wait_for("chat.postMessage", lambda c: in_channel()(c) and "betalt plads" in c.text)
    assert "Mette Mayor (Vejle) har meldt fra til en betalt plads: Mødeledelse" in told.text and "1.500 kr." in told.text
