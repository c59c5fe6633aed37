"""Bad input gets a clear answer and nothing is lost, on SQLite and PostgreSQL: NUL bytes and lone
surrogates in DMs, notes, names and broadcast texts are cleaned where they enter; a replayed view
submission creates nothing twice; a pasted document is not stored whole. The CLI's bad files
(an over-long import field, a YAML alias bomb, a cycle, a folder) are in tests/cli/test_bad_files.py."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.feedback.log import MAX_STORED_QUESTION
from bot.slack.blocks import broadcast as form
from bot.storage.models.broadcast import Broadcast
from bot.storage.models.enrolment import OfferRequest, OfferSession
from bot.storage.models.feedback import QuestionLog
from bot.storage.models.members import Member
from tests.broadcast.directory import STAFF, seed
from tests.slack.broadcast_form import compose_values
from tests.slack.enrolment_support import add_mayor, dms_sent_before_slack_stops  # noqa: F401 (autouse)
from tests.slack.test_enrolment_staff import FORM as SESSION_FORM
from tests.slack_harness.fake_slack import FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

DIRTY = "Hej\x00 med\ud800 dig\x07"


@pytest.fixture
def slack_settings(slack_settings: Settings, db_url: str) -> Settings:
    """The app on each backend (PostgreSQL is where NUL and surrogates used to fail); ``db_url``
    is migrated already."""
    return replace(slack_settings, database_url=db_url)


def _count(slack_app: RunningSlackApp, model: type) -> int:
    with slack_app.services.db.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _dm(slack: SlackRequests, text: str, user: str = "U0MAYOR") -> int:
    """A DM whose text is put in the JSON as escapes (``\\u0000``, ``\\ud800``), as a client may."""
    body = json.dumps(slack.envelope(slack.dm_event(text, user=user)))
    return slack.post(body, "application/json").status


def test_a_dm_with_nul_and_a_lone_surrogate_is_answered_and_logged_clean(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    assert _dm(slack, "Hvordan bliver vejret\x00 i morgen\ud800?") == 200
    # The mayor's reply; the unanswered question also becomes an item for staff.
    [reply] = fake_slack.wait_for("chat.postMessage", lambda call: call.args.get("channel") == "D0MAYOR")
    assert "Det ved jeg ikke" in reply.text
    with slack_app.services.db.session() as session:
        [logged] = session.scalars(select(QuestionLog.question)).all()
    assert logged == "Hvordan bliver vejret i morgen\ufffd?"


def test_a_pasted_document_is_answered_and_stored_cut(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    assert _dm(slack, "Hvordan bliver vejret i morgen? " + "bla " * 10_000) == 200
    fake_slack.wait_for("chat.postMessage")
    with slack_app.services.db.session() as session:
        [logged] = session.scalars(select(QuestionLog.question)).all()
    assert len(logged) == MAX_STORED_QUESTION and logged.startswith("Hvordan bliver vejret")


def test_a_request_note_and_a_slack_name_with_nul_are_stored_clean(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    # A stranger whose Slack name carries a NUL says who they are, then asks for a mentor.
    fake_slack.set_user("U0NEW", real_name="Ny\x00 Borgmester\ud800")
    who = {
        "municipality": {"select": {"type": "static_select", "selected_option": {"value": "Vejle"}}},
        "role": {"choice": {"type": "radio_buttons", "selected_option": {"value": "mayor"}}},
        "first_term": {"check": {"type": "checkboxes", "selected_options": []}},
    }
    assert slack.view_submission("enrol_register", who, user="U0NEW", private_metadata='{"offer": "mentorordning"}').status == 200
    add_mayor(slack_app.services, "U0MAYOR")
    note = {"note": {"text": {"type": "plain_text_input", "value": DIRTY}}}
    answer = slack.view_submission("enrol_confirm", note, private_metadata='{"offer": "mentorordning"}')
    assert answer.status == 200 and "Tak" in answer.body
    with slack_app.services.db.session() as session:
        names = set(session.scalars(select(Member.name)))
        [stored_note] = session.scalars(select(OfferRequest.note)).all()
    assert "Ny Borgmester\ufffd" in names
    assert stored_note == "Hej med\ufffd dig"


def test_a_broadcast_text_with_nul_is_previewed_clean(slack: SlackRequests, slack_app: RunningSlackApp) -> None:
    seed(slack_app.services.db, mayors=5)
    answer = slack.view_submission(form.COMPOSE_CALLBACK, compose_values(text=DIRTY), user=STAFF)
    assert answer.status == 200 and answer.json()["response_action"] == "update"
    with slack_app.services.db.session() as session:
        [text] = session.scalars(select(Broadcast.text)).all()
    assert text == "Hej med\ufffd dig"


def test_a_replayed_session_form_adds_one_session(slack: SlackRequests, slack_app: RunningSlackApp) -> None:
    fields = {"payload": json.dumps(_submission(slack, "session_save", SESSION_FORM, STAFF))}
    answers = [slack._form(fields) for _ in range(3)]
    assert [a.status for a in answers] == [200, 200, 200]
    assert answers[0].json()["response_action"] == "update"
    assert _count(slack_app, OfferSession) == 1
    assert all("allerede sendt" in a.body for a in answers[1:])


def test_a_replayed_broadcast_compose_leaves_no_orphan_draft(slack: SlackRequests, slack_app: RunningSlackApp) -> None:
    seed(slack_app.services.db, mayors=5)
    fields = {"payload": json.dumps(_submission(slack, form.COMPOSE_CALLBACK, compose_values(), STAFF))}
    answers = [slack._form(fields) for _ in range(3)]
    assert [a.status for a in answers] == [200, 200, 200]
    assert _count(slack_app, Broadcast) == 1


def test_the_corrected_form_after_an_error_is_not_taken_for_a_replay(slack: SlackRequests, slack_app: RunningSlackApp) -> None:
    wrong = {**SESSION_FORM, "capacity": {"number": {"type": "number_input", "value": "0"}}}
    refused = slack.view_submission("session_save", wrong, user=STAFF, view_id="V0SAME")
    assert refused.json()["response_action"] == "errors"
    corrected = slack.view_submission("session_save", SESSION_FORM, user=STAFF, view_id="V0SAME")
    assert corrected.json()["response_action"] == "update"
    assert _count(slack_app, OfferSession) == 1


def _submission(slack: SlackRequests, callback_id: str, values: dict, user: str) -> dict:
    """One view_submission payload, built once so it can be posted again byte for byte."""
    captured: list[str] = []
    original = slack._form

    def capture(fields: dict, **options: object) -> object:
        captured.append(fields["payload"])
        return None

    slack._form = capture  # type: ignore[method-assign]
    try:
        slack.view_submission(callback_id, values, user=user)
    finally:
        slack._form = original  # type: ignore[method-assign]
    return json.loads(captured[0])
