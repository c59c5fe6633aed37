"""Nobody becomes a mayor by saying so: a stranger who answers "Hvem er du?" is pending until KL
staff approve them with a button (or from the CLI). Until then they get no broadcast, reminder,
network seat, welcome DM or seat reserved for new mayors; the staff notice says what is claimed
and whether the municipality already has a mayor; the person is told the outcome in a DM."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.clock import utcnow
from bot.config import Settings
from bot.enrolment.sessions import SessionDraft
from bot.members.approval import APPROVE_ACTION, REJECT_ACTION
from bot.reminders.delivery import ReminderRunner
from bot.slack.app import build_client
from bot.slack.blocks import broadcast as form
from bot.slack.notice_sender import SlackNoticeSender
from bot.storage.models.enrolment import Audience
from tests.slack.broadcast_form import compose_values
from tests.slack.enrolment_support import START, add_mayor, add_session, dms_sent_before_slack_stops  # noqa: F401 (autouse)
from tests.slack_harness.fake_slack import ApiCall, FakeSlack
from tests.slack_harness.fixtures import BOT_TOKEN, STAFF_USER, RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests

NEWCOMER = "U0NORA"


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
    the next weekday noon: past the quiet hours that hold back a welcome decided at night or at a
    weekend, and inside the window in which a held-back welcome is still sent."""
    sender = SlackNoticeSender(build_client(slack_app.services.settings))
    noon = utcnow().replace(hour=11, minute=0, second=0, microsecond=0)
    while noon <= utcnow() or noon.weekday() >= 5:
        noon += timedelta(days=1)
    ReminderRunner(slack_app.services.db, slack_app.services.catalogue, sender, clock=lambda: noon).run_due()


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
    assert notice.action_ids() == [APPROVE_ACTION, REJECT_ACTION]
    assert "Nora Nybegynder" in notice.text and "borgmester i Vejle" in notice.text
    assert "Vejle har allerede en borgmester i medlemslisten: Mette Mayor" in notice.text
    assert "efter eget udsagn" in notice.text

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

    # A colleague who is not staff cannot approve; staff can, and Nora is told.
    slack.block_action(APPROVE_ACTION, NEWCOMER, user="U0MAYOR", channel="D0MAYOR")
    fake_slack.wait_for("response_url", lambda c: "Det kan kun KL's medarbejdere" in c.text)
    slack.block_action(APPROVE_ACTION, NEWCOMER, user=STAFF_USER, channel="D0STAFF")
    [done] = fake_slack.wait_for("response_url", lambda c: "Godkendt af" in c.text)
    assert done.args["replace_original"] is True and f"<@{STAFF_USER}>" in done.text
    [told] = fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0NORA" and "godkendt" in c.text)
    assert "Du er godkendt" in told.text

    assert _recipients(slack.view_submission(form.COMPOSE_CALLBACK, compose_values(), user=STAFF_USER).json()["view"]) == 2
    _welcome_round(slack_app)
    assert _welcomes(fake_slack, NEWCOMER) != []
    slack.block_action(APPROVE_ACTION, NEWCOMER, user=STAFF_USER, channel="D0STAFF")
    fake_slack.wait_for("response_url", lambda c: "allerede godkendt" in c.text)


@pytest.mark.usefixtures("sitting_mayor")
def test_a_rejected_claim_is_told_and_stays_nobodys_mayor(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    _who_are_you(slack)
    fake_slack.wait_for("chat.postMessage", _to_staff)
    slack.block_action(REJECT_ACTION, NEWCOMER, user=STAFF_USER, channel="D0STAFF")
    fake_slack.wait_for("response_url", lambda c: "Afvist af" in c.text)
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
        assert notice.action_ids() == [APPROVE_ACTION, REJECT_ACTION] and "allerede en borgmester" not in notice.text
        fake_slack.assert_no_call("chat.postMessage", within=0.2, predicate=_to_staff)


def test_staff_approve_from_the_cli_and_the_person_is_told_in_slack(
    tmp_path: Path, fake_slack: FakeSlack, slack: SlackRequests, slack_app: RunningSlackApp
) -> None:
    fake_slack.set_user(NEWCOMER, real_name="Nora Nybegynder")
    _who_are_you(slack)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "STAFF_", "DATABASE_URL"))}
    env.update(BORGMESTERBOT_DATA_DIR=str(tmp_path), DATABASE_URL=slack_app.services.settings.database_url,
               OFFERS_PATH=str(PROJECT_ROOT / "offers.yaml"), SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=fake_slack.url)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "members", *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=30)

    listed = cli("pending")
    assert listed.returncode == 0 and NEWCOMER in listed.stdout and "Vejle" in listed.stdout
    approved = cli("approve", NEWCOMER)
    assert approved.returncode == 0, approved.stderr
    assert "godkendt" in approved.stdout and "har fået besked" in approved.stdout
    fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0NORA" and "Du er godkendt" in c.text)
    again = cli("approve", NEWCOMER)
    assert again.returncode == 2 and "allerede godkendt" in again.stderr and "Traceback" not in again.stderr
    assert NEWCOMER not in cli("pending").stdout
