"""Nobody becomes a mayor by saying so: a stranger who answers "Hvem er du?" is pending until KL
staff approve them with a button (or from the CLI). Until then they get no broadcast, reminder,
network seat, welcome DM or seat reserved for new mayors. The claim is one staff-desk item (staff
DMs, or the staff channel) that says what is claimed and whether the municipality already has a
mayor, carries Godkend and Afvis, updates in place to show who decided, and is audited; the
person is told the outcome in a DM; staff's Home lists who waits, with their age."""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.clock import utcnow
from bot.config import Settings
from bot.enrolment.sessions import SessionDraft
from bot.members.approval import APPROVE_ACTION, REJECT_ACTION
from bot.members.importer import import_members
from bot.members.staff import REFUSAL
from bot.reminders.delivery import ReminderRunner
from bot.reminders.quiet import QuietHours
from bot.slack.app import build_client
from bot.slack.blocks import broadcast as form
from bot.slack.blocks.staffdesk import TAKE_ACTION
from bot.slack.notice_sender import SlackNoticeSender
from bot.storage.models.enrolment import Audience
from tests.cli.inprocess import run_in_process
from tests.slack.broadcast_form import compose_values
from tests.slack.enrolment_support import START, add_mayor, add_session, dms_sent_before_slack_stops  # noqa: F401 (autouse)
from tests.slack.staffdesk_support import audit_actions, click
from tests.slack_harness.fake_slack import ApiCall, FakeSlack
from tests.slack_harness.fixtures import BOT_TOKEN, STAFF_USER, RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

NEWCOMER = "U0NORA"
STAFF_NAME = "Karen Kristensen"


def _who_are_you(slack: SlackRequests, user: str = NEWCOMER, municipality: str = "Vejle", first_term: bool = True) -> dict:
    values = {
        "municipality": {"select": {"type": "static_select", "selected_option": {"value": municipality}}},
        "role": {"choice": {"type": "radio_buttons", "selected_option": {"value": "mayor"}}},
        "first_term": {"check": {"type": "checkboxes", "selected_options": [{"value": "first_term"}] if first_term else []}},
    }
    answer = slack.view_submission("enrol_register", values, user=user, private_metadata='{"offer": "modeledelse"}')
    assert answer.status == 200
    return answer.json()


def _to_staff(call: ApiCall) -> bool:
    return call.args.get("channel") in (STAFF_USER, "D" + STAFF_USER[1:])


def _welcomes(fake_slack: FakeSlack, user: str) -> list[str]:
    """The welcome DMs a person got, known by their title (the greeting differs for new and re-elected mayors)."""
    return [t for t in _dm_texts(fake_slack, user) if "Velkommen til Borgmesterbot" in t]


def _dm_texts(fake_slack: FakeSlack, user: str) -> list[str]:
    return [c.text for c in fake_slack.calls("chat.postMessage") if c.args.get("channel") in (user, "D" + user[1:])]


def _recipients(preview: dict) -> int:
    """The exact count the /udsend preview shows."""
    text = " ".join(str(b) for b in preview["blocks"])
    return int(re.search(r"\*Modtagere:\* (\d+)", text).group(1))  # type: ignore[union-attr]


def _welcome_round(slack_app: RunningSlackApp) -> None:
    """One tick of the reminders scheduler, sending through the real Slack client, as it runs at
    the first minute outside the quiet hours: a welcome decided at night or at a weekend is held
    back until then, and one decided in the afternoon is sent at once. A fixed hour the next day
    would fall outside the window (ReminderPolicy.grace) of a welcome decided in the afternoon."""
    sender = SlackNoticeSender(build_client(slack_app.services.settings))
    tick = QuietHours().next_allowed(utcnow()) + timedelta(minutes=1)
    ReminderRunner(slack_app.services.db, slack_app.services.catalogue, sender, clock=lambda: tick).run_due()


def _desk_actions(slack_app: RunningSlackApp) -> list[tuple[str, str]]:
    """The audit rows of this test's desk steps (setting up dates and networks is audited too)."""
    return [(actor, action) for actor, action in audit_actions(slack_app) if action.startswith(("item_", "person_"))]


def _staff_home(slack: SlackRequests, fake_slack: FakeSlack) -> str:
    before = len(fake_slack.calls("views.publish"))
    slack.app_home_opened(user=STAFF_USER)
    return fake_slack.wait_for("views.publish", lambda c: c.args["user_id"] == STAFF_USER, count=before + 1)[-1].text


@pytest.fixture(autouse=True)
def staff_messages_posted(slack_app: RunningSlackApp, fake_slack: FakeSlack):  # noqa: ANN201
    fake_slack.set_user(STAFF_USER, real_name=STAFF_NAME)
    yield
    assert slack_app.services.desk.drain(timeout=10), "staff messages still being posted after 10 s"


@pytest.fixture
def sitting_mayor(slack_app: RunningSlackApp, fake_slack: FakeSlack) -> None:
    """Vejle's mayor is in the directory; there is a Mødeledelse date to enrol in."""
    add_mayor(slack_app.services, "U0MAYOR", name="Mette Mayor")
    add_session(slack_app.services, days=1)
    fake_slack.set_user(NEWCOMER, real_name="Nora Nybegynder")


@pytest.mark.usefixtures("sitting_mayor")
def test_a_claim_waits_for_staff_and_the_person_is_nobodys_mayor_meanwhile(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    services = slack_app.services
    first_term_session = services.sessions.add(
        SessionDraft("modeledelse", START, START + timedelta(hours=3), 10, place="Vejle", deadline=START - timedelta(days=7),
                     audience=Audience.FIRST_TERM)
    )
    answer = _who_are_you(slack)
    assert answer["response_action"] == "update" and "KL bekræfter" in str(answer["view"])

    [notice] = fake_slack.wait_for("chat.postMessage", _to_staff)
    assert notice.action_ids() == [TAKE_ACTION, APPROVE_ACTION, REJECT_ACTION]
    assert "Venter på godkendelse: Nora Nybegynder (borgmester i Vejle)" in notice.text
    assert "Vejle har allerede en borgmester i medlemslisten: Mette Mayor" in notice.text
    assert "efter eget udsagn" in notice.text and f"members approve {NEWCOMER}" in notice.text
    home = _staff_home(slack, fake_slack)
    assert "Afventer godkendelse" in home
    assert "*Nora Nybegynder*, borgmester i Vejle (venter under en time; Vejle har allerede Mette Mayor)" in home
    assert "Nora" not in home.split("Åbne sager")[1].split("Afventer godkendelse")[0], "listed once, under its own header"

    # Pending: cannot enrol (not even in a "kun nyvalgte" session), is not in the audience,
    # gets no welcome, cannot be put in a network.
    slack.command("/tilmeld", "mødeledelse", user=NEWCOMER)
    [refused] = fake_slack.wait_for("views.open", lambda c: "venter på, at KL" in c.text)
    assert refused.action_ids() == []
    assert [s.taken for s in services.sessions.list() if s.id == first_term_session.id] == [0]
    assert _recipients(slack.view_submission(form.COMPOSE_CALLBACK, compose_values(), user=STAFF_USER).json()["view"]) == 1
    _welcome_round(slack_app)
    assert _welcomes(fake_slack, NEWCOMER) == []
    services.networks.create("Netværk Syd")
    with pytest.raises(Exception, match="venter på godkendelse"):
        services.networks.set_members("Netværk Syd", [NEWCOMER])

    # A colleague who is not staff cannot take or approve it; staff can, the item shows who
    # approved, and Nora is told.
    for action in (TAKE_ACTION, APPROVE_ACTION, REJECT_ACTION):
        click(slack, notice, action, user="U0MAYOR")
    fake_slack.wait_for("response_url", lambda c: REFUSAL in c.text, count=3)
    fake_slack.assert_no_call("chat.update", within=0.3)
    assert _desk_actions(slack_app) == []
    click(slack, notice, TAKE_ACTION, user=STAFF_USER)
    [taken] = fake_slack.wait_for("chat.update", _to_staff)
    assert f"Under behandling af {STAFF_NAME}" in taken.text and taken.action_ids() == [APPROVE_ACTION, REJECT_ACTION]
    click(slack, taken, APPROVE_ACTION, user=STAFF_USER)
    [_, done] = fake_slack.wait_for("chat.update", _to_staff, count=2)
    assert done.args["ts"] == notice.args.get("ts", done.args["ts"])
    assert f"Godkendt af {STAFF_NAME}" in done.text and "Personen har fået besked" in done.text
    assert done.action_ids() == [], "a decided person has no buttons left"
    [told] = fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0NORA" and "godkendt" in c.text)
    assert "Du er godkendt" in told.text
    assert _desk_actions(slack_app) == [(STAFF_USER, "item_taken"), (STAFF_USER, "person_approved")]
    [approved_row] = [row for row in services.audit.entries() if row.action.value == "person_approved"]
    assert approved_row.actor_name == STAFF_NAME and approved_row.subject == "Nora Nybegynder (borgmester i Vejle)"
    home = _staff_home(slack, fake_slack)
    assert "Ingen venter på godkendelse." in home and "Nora" not in home

    assert _recipients(slack.view_submission(form.COMPOSE_CALLBACK, compose_values(), user=STAFF_USER).json()["view"]) == 2
    _welcome_round(slack_app)
    assert _welcomes(fake_slack, NEWCOMER) != []
    click(slack, notice, APPROVE_ACTION, user=STAFF_USER)
    fake_slack.wait_for("response_url", lambda c: "allerede godkendt" in c.text)
    assert len(_desk_actions(slack_app)) == 2, "a second click decides nothing"


@pytest.mark.usefixtures("sitting_mayor")
def test_a_rejected_claim_is_told_and_stays_nobodys_mayor(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    _who_are_you(slack)
    [notice] = fake_slack.wait_for("chat.postMessage", _to_staff)
    click(slack, notice, REJECT_ACTION, user=STAFF_USER)
    [done] = fake_slack.wait_for("chat.update", _to_staff)
    assert f"Afvist af {STAFF_NAME}" in done.text and done.action_ids() == []
    assert _desk_actions(slack_app) == [(STAFF_USER, "person_rejected")]
    [told] = fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0NORA")
    assert "ikke godkendt" in told.text and "oci@kl.dk" in told.text
    assert _recipients(slack.view_submission(form.COMPOSE_CALLBACK, compose_values(), user=STAFF_USER).json()["view"]) == 1
    # Saying it again does not start a new claim.
    again = _who_are_you(slack)
    assert "ikke kunnet bekræfte" in str(again["view"])
    assert len([c for c in fake_slack.calls("chat.postMessage") if _to_staff(c) and c.action_ids()]) == 1


class TestWithAStaffChannel:
    @pytest.fixture
    def slack_settings(self, slack_settings: Settings) -> Settings:
        return replace(slack_settings, staff_channel_id="C0STAFFDESK")

    def test_the_claim_goes_to_the_staff_channel(self, slack: SlackRequests, fake_slack: FakeSlack) -> None:
        _who_are_you(slack, municipality="Aarhus", first_term=False)
        [notice] = fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "C0STAFFDESK")
        assert notice.action_ids() == [TAKE_ACTION, APPROVE_ACTION, REJECT_ACTION] and "allerede en borgmester" not in notice.text
        fake_slack.assert_no_call("chat.postMessage", within=0.2, predicate=_to_staff)
        click(slack, notice, APPROVE_ACTION, user=STAFF_USER)
        [done] = fake_slack.wait_for("chat.update", lambda c: c.args.get("channel") == "C0STAFFDESK")
        assert f"Godkendt af {STAFF_NAME}" in done.text


@pytest.mark.usefixtures("sitting_mayor")
def test_an_item_for_someone_the_import_approved_is_closed_when_clicked(
    tmp_path: Path, slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    _who_are_you(slack)
    [notice] = fake_slack.wait_for("chat.postMessage", _to_staff)
    roster = tmp_path / "medlemmer.csv"
    roster.write_text(f"slack_id;navn;kommune;rolle\n{NEWCOMER};Nora Nybegynder;Vejle;borgmester\n", encoding="utf-8")
    import_members(slack_app.services.db, roster)
    click(slack, notice, APPROVE_ACTION, user=STAFF_USER)
    fake_slack.wait_for("response_url", lambda c: "allerede godkendt" in c.text)
    [closed] = fake_slack.wait_for("chat.update", _to_staff)
    assert "Var allerede godkendt" in closed.text and closed.action_ids() == []
    assert _desk_actions(slack_app) == [], "nothing was decided by the click"


def test_a_notice_from_before_the_desk_is_replaced_by_who_decided(
    slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp
) -> None:
    """A claim told to staff before claims were desk items has no item: the click still decides,
    and the old notice is replaced by who decided."""
    slack_app.services.directory.register(NEWCOMER, "Nora Nybegynder", "Vejle")
    slack.block_action(APPROVE_ACTION, NEWCOMER, user=STAFF_USER, channel="D0STAFF")
    [done] = fake_slack.wait_for("response_url", lambda c: "Godkendt af" in c.text)
    assert done.args["replace_original"] is True and f"Godkendt af {STAFF_NAME}: Nora Nybegynder, borgmester i Vejle" in done.text
    assert _desk_actions(slack_app) == [(STAFF_USER, "person_approved")]


def test_staff_approve_from_the_cli_and_the_person_is_told_in_slack(
    tmp_path: Path, fake_slack: FakeSlack, slack: SlackRequests, slack_app: RunningSlackApp
) -> None:
    fake_slack.set_user(NEWCOMER, real_name="Nora Nybegynder")
    _who_are_you(slack)
    [notice] = fake_slack.wait_for("chat.postMessage", _to_staff)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STAFF_", "DATABASE_URL"))}
    env.update(BORGMESTERBOT_DATA_DIR=str(tmp_path), DATABASE_URL=slack_app.services.settings.database_url,
               OFFERS_PATH=str(PROJECT_ROOT / "offers.yaml"), SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=fake_slack.url)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return run_in_process("members", *args, env=env, cwd=tmp_path)

    listed = cli("pending")
    assert listed.returncode == 0 and NEWCOMER in listed.stdout and "Vejle" in listed.stdout
    approved = cli("approve", NEWCOMER)
    assert approved.returncode == 0, approved.stderr
    assert "godkendt" in approved.stdout and "har fået besked" in approved.stdout
    fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0NORA" and "Du er godkendt" in c.text)
    [done] = fake_slack.wait_for("chat.update", _to_staff)
    assert done.args["ts"] == notice.args.get("ts", done.args["ts"]) and "Godkendt af kommandolinjen" in done.text
    assert _desk_actions(slack_app) == [("kommandolinjen", "person_approved")]
    again = cli("approve", NEWCOMER)
    assert again.returncode == 2 and "allerede godkendt" in again.stderr and "Traceback" not in again.stderr
    assert NEWCOMER not in cli("pending").stdout
