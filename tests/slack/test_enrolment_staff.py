"""Staff side of enrolment through the real Bolt app: /deltagere (staff only) with the CSV as a
file in the staff member's DM, and the session form (add, change, cancel), checked at every
step, with everyone concerned told."""
from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from bot.storage.models.enrolment import EnrolmentStatus, OfferSession
from tests.slack.enrolment_support import (
    ack_view,
    add_mayor,
    add_session,
    dm_to,
    dms_sent_before_slack_stops,  # noqa: F401 (an autouse fixture)
    enrolments,
    view_text,
)
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

FORM = {
    "offer_id": {"select": {"type": "static_select", "selected_option": {"value": "staerk-taler"}}},
    "title": {"text": {"type": "plain_text_input", "value": None}},
    "date": {"pick": {"type": "datepicker", "selected_date": "2099-06-04"}},
    "start": {"pick": {"type": "timepicker", "selected_time": "09:30"}},
    "end": {"pick": {"type": "timepicker", "selected_time": "15:00"}},
    "end_date": {"pick": {"type": "datepicker", "selected_date": None}},
    "place": {"text": {"type": "plain_text_input", "value": "Odense Rådhus"}},
    "online": {"check": {"type": "checkboxes", "selected_options": []}},
    "capacity": {"number": {"type": "number_input", "value": "12"}},
    "fee": {"text": {"type": "plain_text_input", "value": None}},
    "deadline": {"pick": {"type": "datepicker", "selected_date": "2099-05-28"}},
    "audience": {"choice": {"type": "radio_buttons", "selected_option": {"value": "first_term"}}},
}


def _sessions(slack_app: RunningSlackApp) -> int:
    with slack_app.services.db.session() as session:
        return session.scalar(select(func.count()).select_from(OfferSession)) or 0


def test_deltagere_is_for_staff_only(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    add_session(slack_app.services)
    slack.command("/deltagere", "modeledelse")
    [refused] = fake_slack.wait_for("response_url")
    assert "Det kan kun KL's medarbejdere" in refused.text
    fake_slack.assert_no_call("files.completeUploadExternal")
    slack.block_action("session_new", "modeledelse")
    [modal] = fake_slack.wait_for("views.open")
    assert "Det kan kun KL's medarbejdere" in modal.text
    answer = slack.view_submission("session_save", FORM)
    assert "Det kan kun KL's medarbejdere" in view_text(ack_view(answer))
    slack.block_action("session_cancel", "1")
    fake_slack.wait_for("response_url", count=2)
    assert _sessions(slack_app) == 1 and not slack_app.services.sessions.list()[0].cancelled


def test_deltagere_lists_per_session_and_sends_the_csv(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    services = slack_app.services
    add_mayor(services, "U0M1", name="Anna Ærø")
    add_mayor(services, "U0M2", name="Bo Bøgh")
    session = add_session(services, capacity=1)
    services.enrolment.enrol("U0M1", session.id)
    services.enrolment.enrol("U0M2", session.id)

    slack.command("/deltagere", "mødeledelse", user="U0STAFF")
    [roster] = fake_slack.wait_for("response_url")
    assert roster.args["response_type"] == "ephemeral"
    assert "1. Anna Ærø (Vejle): tilmeldt" in roster.text and "2. Bo Bøgh (Vejle): på venteliste nr. 1" in roster.text
    assert set(roster.action_ids()) == {"session_edit", "session_cancel", "session_new"}
    fake_slack.wait_for("files.completeUploadExternal", count=2)
    [upload] = [u for u in fake_slack.uploads if u.filename.endswith(".csv")]
    assert upload.filename == "deltagere-modeledelse.csv" and upload.channel_id == "D0STAFF"
    rows = list(csv.reader(io.StringIO(upload.content.decode("utf-8-sig")), delimiter=";"))
    assert [(r[3], r[6]) for r in rows[1:]] == [("Anna Ærø", "tilmeldt"), ("Bo Bøgh", "på venteliste")]


def test_staff_add_a_session_with_the_form(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack.block_action("session_new", "staerk-taler", user="U0STAFF")
    [opened] = fake_slack.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == "session_save"
    [offer_input] = [b for b in opened.blocks if b.get("block_id") == "offer_id"]
    assert offer_input["element"]["initial_option"]["value"] == "staerk-taler"

    answer = slack.view_submission("session_save", FORM, user="U0STAFF")
    saved = view_text(ack_view(answer))
    assert "Fra god til stærk taler" in saved and "torsdag d. 4. juni 2099 kl. 09.30–15.00" in saved
    [view] = slack_app.services.sessions.list("staerk-taler")
    assert (view.capacity, view.place, view.audience.value) == (12, "Odense Rådhus", "first_term")
    assert view.deadline is not None and view.deadline.isoformat() == "2099-05-28T21:59:00+00:00"


def test_form_mistakes_are_shown_beside_the_field(slack: SlackRequests, slack_app: RunningSlackApp) -> None:
    bad_times = {**FORM, "end": {"pick": {"type": "timepicker", "selected_time": "08:00"}}}
    answer = slack.view_submission("session_save", bad_times, user="U0STAFF")
    assert answer.json() == {"response_action": "errors", "errors": {"end": "Sluttidspunktet skal ligge efter starttidspunktet."}}
    no_place = {**FORM, "place": {"text": {"type": "plain_text_input", "value": None}}}
    assert "place" in slack.view_submission("session_save", no_place, user="U0STAFF").json()["errors"]
    late_deadline = {**FORM, "deadline": {"pick": {"type": "datepicker", "selected_date": "2099-06-10"}}}
    assert "deadline" in slack.view_submission("session_save", late_deadline, user="U0STAFF").json()["errors"]
    assert _sessions(slack_app) == 0


def test_changing_time_tells_the_enrolled_and_cancelling_tells_everyone(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    services = slack_app.services
    add_mayor(services, "U0M1", name="Anna")
    add_mayor(services, "U0M2", name="Bo")
    session = add_session(services, offer_id="staerk-taler", capacity=1)
    services.enrolment.enrol("U0M1", session.id)
    services.enrolment.enrol("U0M2", session.id)
    fake_slack.wait_for("chat.postMessage", count=2)

    slack.block_action("session_edit", str(session.id), user="U0STAFF")
    [opened] = fake_slack.wait_for("views.open")
    [date_input] = [b for b in opened.blocks if b.get("block_id") == "date"]
    assert date_input["element"]["initial_date"] == "2099-03-05"
    moved = {
        **FORM,
        "date": {"pick": {"type": "datepicker", "selected_date": "2099-03-06"}},
        "audience": {"choice": {"type": "radio_buttons", "selected_option": {"value": "all"}}},
        "capacity": {"number": {"type": "number_input", "value": "1"}},
        "deadline": {"pick": {"type": "datepicker", "selected_date": None}},
    }
    answer = slack.view_submission("session_save", moved, user="U0STAFF", private_metadata=opened.args["view"]["private_metadata"])
    assert "2 berørte har fået besked" in view_text(ack_view(answer))
    for user in ("U0M1", "U0M2"):
        fake_slack.wait_for("chat.postMessage", lambda c, u=user: dm_to(u)(c) and "Ændret tidspunkt eller sted" in c.text)

    slack.block_action("session_cancel", str(session.id), user="U0STAFF")
    [cancelled] = fake_slack.wait_for("response_url")
    assert "er aflyst. 2 tilmeldte og ventende har fået besked." in cancelled.text
    for user in ("U0M1", "U0M2"):
        fake_slack.wait_for("chat.postMessage", lambda c, u=user: dm_to(u)(c) and "Aflyst" in c.text)
    assert enrolments(services) == [("U0M1", EnrolmentStatus.CANCELLED), ("U0M2", EnrolmentStatus.CANCELLED)]
