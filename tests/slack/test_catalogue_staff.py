"""Staff keep the catalogue from Slack, end to end through the real Bolt app, signed requests and
the fake Web API: Ret opens the offer's fields, a save is the next answer's text (in a second app
instance on the same database too, which follows within seconds), a broken edit is refused under
its field and changes nothing, anyone not staff is refused at every step, a new offer can be
added, a retired one leaves the answers and asks what to do with its dates, and Bekræft uændret
is one click on the Home tab."""
from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from bot.catalogue.document import as_data
from bot.catalogue.loader import load_catalogue
from bot.clock import date_text, utcnow
from bot.config import Settings
from bot.enrolment.results import SessionView
from bot.members.staff import REFUSAL
from bot.services import Services
from bot.slack.app import build_app
from bot.slack.blocks import offer_form as form
from bot.staffdesk import Action, AuditRow
from tests.slack.enrolment_support import add_mayor, add_session, dm_to, dms_sent_before_slack_stops, view_text  # noqa: F401
from tests.slack_harness.fake_slack import ApiCall, FakeSlack
from tests.slack_harness.fixtures import SIGNING_SECRET, STAFF_USER, ListenerPool, RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

NEW_SUMMARY = "Et års forløb med en erfaren borgmester som mentor, nu også for viceborgmestre."


@pytest.fixture
def slack_settings(slack_settings: Settings) -> Settings:
    return replace(slack_settings, catalogue_poll_seconds=0.1)


def _inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A submitted form's state.values as Slack builds it from the opened view's initial values."""
    values: dict[str, dict[str, Any]] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        if element["type"] == "static_select":
            state = {"type": "static_select", "selected_option": element.get("initial_option")}
        elif element["type"] == "radio_buttons":
            state = {"type": "radio_buttons", "selected_option": element.get("initial_option")}
        else:
            state = {"type": "plain_text_input", "value": element.get("initial_value")}
        values[block["block_id"]] = {form.VALUE: state}
    return values


def _typed(values: dict[str, dict[str, Any]], **typed: str) -> dict[str, dict[str, Any]]:
    changed = {block: dict(inputs) for block, inputs in values.items()}
    for name, text in typed.items():
        block = name.replace("__", ".")
        state = changed[block][form.VALUE]
        if state["type"] == "plain_text_input":
            changed[block] = {form.VALUE: {**state, "value": text}}
        else:
            changed[block] = {form.VALUE: {**state, "selected_option": {"value": text}}}
    return changed


def _open_edit(slack: SlackRequests, fake_slack: FakeSlack, offer_id: str) -> dict[str, Any]:
    slack.block_action(form.EDIT_ACTION, offer_id, user=STAFF_USER, channel="D0STAFF")
    [opened] = fake_slack.wait_for("views.open", lambda c: c.args["view"].get("callback_id") == form.EDIT_CALLBACK)
    return dict(opened.args["view"])


def _answer(slack: SlackRequests, fake_slack: FakeSlack, question: str, user: str = "U0MAYOR") -> ApiCall:
    before = sum(1 for c in fake_slack.calls("chat.postMessage") if dm_to(user)(c))
    slack.direct_message(question, user=user)
    return fake_slack.wait_for("chat.postMessage", dm_to(user), count=before + 1)[-1]


def _ask_to_retire(slack: SlackRequests, fake_slack: FakeSlack, offer_id: str) -> dict[str, Any]:
    """Staff press Tag ud on an offer: the question about its dates, as opened."""
    slack.block_action(form.RETIRE_ACTION, offer_id, user=STAFF_USER, channel="D0STAFF")
    [asked] = fake_slack.wait_for("views.open", lambda c: c.args["view"].get("callback_id") == form.RETIRE_CALLBACK)
    return dict(asked.args["view"])


def _dates_choice(choice: str) -> dict[str, Any]:
    return {form.SESSIONS: {form.VALUE: {"type": "radio_buttons", "selected_option": {"value": choice}}}}


def _audited(services: Services, action: Action) -> list[AuditRow]:
    return [row for row in services.audit.entries() if row.action is action]


@pytest.fixture
def second_instance(slack_settings: Settings, fake_slack: FakeSlack) -> Iterator[tuple[RunningSlackApp, SlackRequests]]:
    """Another replica: its own services and Bolt app (as build_app makes it) on the same database."""
    services = Services.build(slack_settings, migrate=False)
    pool = ListenerPool(max_workers=4)
    running = RunningSlackApp(app=build_app(services, listener_executor=pool), services=services, fake=fake_slack, pool=pool)
    yield running, SlackRequests("in-process", SIGNING_SECRET, fake_slack, dispatch=running.app.dispatch)
    pool.shutdown(wait=True)
    services.close()


def test_a_staff_edit_is_the_next_answer_here_and_in_a_second_instance(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp, second_instance: tuple[RunningSlackApp, SlackRequests]
) -> None:
    other, other_slack = second_instance
    assert other.services.catalogue.snapshot.version == 1
    view = _open_edit(slack, fake_slack, "mentorordning")
    fields = {b["block_id"] for b in view["blocks"] if b["type"] == "input"}
    assert fields == {"title", "summary", "description", "audience", "frequency", "fee", "enrolment.kind", "enrolment.how", "keywords"}
    assert "Mentorordning" in view_text(view)

    fake_slack.set_user(STAFF_USER, real_name="Karen Kristensen")
    saved = slack.view_submission(
        form.EDIT_CALLBACK, _typed(_inputs(view), summary=NEW_SUMMARY), user=STAFF_USER, private_metadata=view["private_metadata"]
    ).json()
    assert saved["response_action"] == "update" and "version 2" in view_text(saved["view"])
    assert [(row.actor_id, row.actor, row.subject, row.detail) for row in _audited(slack_app.services, Action.OFFER_EDITED)] == [
        (STAFF_USER, "Karen Kristensen", "Rettede Mentorordning", "version 2; ændrede tilbud: mentorordning")
    ]

    here = _answer(slack, fake_slack, "Hvad er mentorordningen?")
    assert NEW_SUMMARY in here.text

    deadline = time.monotonic() + 5
    while other.services.catalogue.snapshot.version != 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert other.services.catalogue.snapshot.version == 2, "the second instance follows without a restart"
    there = _answer(other_slack, fake_slack, "Hvad er mentorordningen?", user="U0OTHER")
    assert NEW_SUMMARY in there.text
    assert other.services.answerer.catalogue is other.services.catalogue.current


def test_anyone_not_staff_is_refused_at_every_step(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack.block_action(form.EDIT_ACTION, "mentorordning", user="U0MAYOR")
    [refused] = fake_slack.wait_for("views.open")
    assert refused.args["view"].get("callback_id") != form.EDIT_CALLBACK and "kun KL's medarbejdere" in view_text(refused.args["view"])

    view = _open_edit(slack, fake_slack, "mentorordning")
    crafted = slack.view_submission(
        form.EDIT_CALLBACK, _typed(_inputs(view), summary="Hacket"), user="U0MAYOR", private_metadata=view["private_metadata"]
    ).json()
    assert crafted == {"response_action": "errors", "errors": {"title": REFUSAL}}
    new = slack.view_submission(form.NEW_CALLBACK, _typed(_inputs(view), title="Falsk tilbud"), user="U0MAYOR").json()
    assert new["response_action"] == "errors"
    retire = slack.view_submission(form.RETIRE_CALLBACK, {}, user="U0MAYOR", private_metadata='{"offer": "b98"}').json()
    assert REFUSAL in view_text(retire["view"])
    slack.block_action(form.CONFIRM_ACTION, "b98", user="U0MAYOR")
    fake_slack.wait_for("views.open", count=2)
    assert slack_app.services.catalogue.snapshot.version == 1 and len(slack_app.services.catalogue.history()) == 1
    assert slack_app.services.catalogue.snapshot.confirmations["b98"].by_name == "KL"


def test_a_broken_edit_is_refused_on_its_field_and_changes_nothing(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    view = _open_edit(slack, fake_slack, "b98")
    refused = slack.view_submission(
        form.EDIT_CALLBACK, _typed(_inputs(view), title="   ", enrolment__kind="tilmelding"), user=STAFF_USER,
        private_metadata=view["private_metadata"],
    ).json()
    assert refused == {
        "response_action": "errors", "errors": {"title": "må ikke være tom", "enrolment.kind": "er ikke et af de mulige valg"},
    }
    assert slack_app.services.catalogue.snapshot.version == 1
    assert as_data(slack_app.services.catalogue.current) == as_data(load_catalogue(slack_app.services.settings.offers_path))


def test_cards_show_when_kl_last_confirmed_and_staff_get_ret(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    mayor = _answer(slack, fake_slack, "Hvad er B98?")
    assert f"Sidst bekræftet {date_text(utcnow())} af KL" in mayor.text
    assert form.EDIT_ACTION not in mayor.action_ids()
    staff = _answer(slack, fake_slack, "Hvad er B98?", user=STAFF_USER)
    assert {form.EDIT_ACTION, form.CONFIRM_ACTION} <= set(staff.action_ids())


def test_a_new_offer_is_answered_at_once(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack.block_action(form.NEW_ACTION, user=STAFF_USER, channel=None, view={"type": "home"})
    [opened] = fake_slack.wait_for("views.open")
    view = opened.args["view"]
    values = _typed(
        _inputs(view), title="Sommerskole for borgmestre", summary="Tre dage om politisk ledelse i august.",
        description="Tre dage i august om politisk ledelse.", audience="Alle borgmestre", enrolment__how="Skriv til KL.",
        group="lederskab", source__section="Sommerskole", keywords="sommerskole, sommerkursus",
    )
    done = slack.view_submission(form.NEW_CALLBACK, values, user=STAFF_USER).json()
    assert done["response_action"] == "update" and "sommerskole-for-borgmestre" in view_text(done["view"])
    assert "Tre dage om politisk ledelse i august." in _answer(slack, fake_slack, "Er der en sommerskole?").text
    [added] = _audited(slack_app.services, Action.OFFER_ADDED)
    assert (added.actor_id, added.subject) == (STAFF_USER, "Nyt tilbud: Sommerskole for borgmestre")


@pytest.fixture
def dated(slack_app: RunningSlackApp) -> SessionView:
    """A date still to come for Mødeledelse, and a mayor who may take a seat on it."""
    add_mayor(slack_app.services)
    return add_session(slack_app.services, "modeledelse")


def test_retiring_an_offer_with_dates_asks_and_then_cancels_them(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp, dated: SessionView
) -> None:
    services, session = slack_app.services, dated
    asked = _ask_to_retire(slack, fake_slack, "modeledelse")
    assert "1 kommende dato" in view_text(asked)
    meta = asked["private_metadata"]
    unanswered = slack.view_submission(form.RETIRE_CALLBACK, {form.SESSIONS: {form.VALUE: {"selected_option": None}}}, user=STAFF_USER, private_metadata=meta).json()
    assert unanswered["response_action"] == "errors" and services.catalogue.current.get("modeledelse") is not None

    done = slack.view_submission(form.RETIRE_CALLBACK, _dates_choice(form.CANCEL), user=STAFF_USER, private_metadata=meta).json()
    assert "1 dato er aflyst" in view_text(done["view"])
    assert services.sessions.get(session.id).cancelled
    assert services.catalogue.current.get("modeledelse") is None
    assert services.catalogue.current.known("modeledelse") is not None, "kept for enrolments and history"
    assert services.sessions.get(session.id).offer_title == services.catalogue.current.known("modeledelse").title
    answer = _answer(slack, fake_slack, "Kursus i mødeledelse?")
    assert "offer:modeledelse" not in view_text({"blocks": answer.args.get("blocks", [])})
    [retired] = _audited(services, Action.OFFER_RETIRED)
    assert retired.actor_id == STAFF_USER and "ud af kataloget" in retired.subject


def test_bekraeft_uaendret_is_one_click_on_the_home_tab(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    slack.app_home_opened(user=STAFF_USER)
    [home] = fake_slack.wait_for("views.publish")
    assert "Nyt tilbud" in view_text(home.args["view"]) and "Bekræft uændret" in view_text(home.args["view"])
    actions = {e.get("action_id") for b in home.args["view"]["blocks"] if b["type"] == "actions" for e in b["elements"]}
    assert {form.EDIT_ACTION, form.CONFIRM_ACTION, form.NEW_ACTION} <= actions, "Ret on the Home tab for staff"
    fake_slack.set_user(STAFF_USER, real_name="Karen Kristensen")
    slack.block_action(form.CONFIRM_ACTION, "b98", user=STAFF_USER, channel=None, view={"type": "home"})
    fake_slack.wait_for("views.publish", lambda c: "Karen Kristensen" in view_text(c.args["view"]))
    assert slack_app.services.catalogue.snapshot.confirmations["b98"].by_name == "Karen Kristensen"
    assert slack_app.services.catalogue.snapshot.version == 1, "confirming makes no new version"
    [confirmed] = _audited(slack_app.services, Action.OFFER_CONFIRMED)
    assert (confirmed.actor, confirmed.subject) == ("Karen Kristensen", "Borgmesterkredsen (B98)")


def test_retiring_an_offer_and_keeping_its_dates_keeps_the_seats(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp, dated: SessionView
) -> None:
    services, session = slack_app.services, dated
    services.enrolment.enrol("U0MAYOR", session.id)
    asked = _ask_to_retire(slack, fake_slack, "modeledelse")
    done = slack.view_submission(form.RETIRE_CALLBACK, _dates_choice(form.KEEP), user=STAFF_USER, private_metadata=asked["private_metadata"]).json()
    assert "1 dato er beholdt og holdes som planlagt" in view_text(done["view"])
    kept = services.sessions.get(session.id)
    assert not kept.cancelled and kept.taken == 1, "the date takes place and the mayor keeps the seat"
    assert services.catalogue.current.get("modeledelse") is None
