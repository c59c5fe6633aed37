"""Exactly once, with the client the scheduler really uses: no client-side retry of a post Slack
may have accepted, a lookup in the DM before any resend, the calendar file still delivered for a
DM found again after a crash, and the claim timeout as a setting."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.config import Settings
from bot.reminders.delivery import ReminderRunner
from bot.reminders.meetings import Meetings
from bot.reminders.networks import Networks
from bot.services import Services
from bot.slack.app import build_client
from bot.slack.notice_sender import SlackNoticeSender
from bot.storage.db import Database
from bot.storage.models.members import Member
from bot.storage.models.reminders import DeliveryState, ReminderDelivery
from scheduler.app import build_work
from tests.conftest import OFFERS_PATH
from tests.reminders.delivery_doubles import Crash, CrashingSender
from tests.reminders.helpers import Clock, add_member, cph, dms_to, without_quiet_hours
from tests.slack_harness.fake_slack import FakeSlack


def _settings(fake: FakeSlack, db_url: str, tmp_path: Path, **changes: object) -> Settings:
    base = Settings(
        database_url=db_url, offers_path=OFFERS_PATH, data_dir=tmp_path,
        slack_bot_token="xoxb-0000-test-borgmesterbot", slack_api_url=fake.url,
    )
    return replace(base, **changes)


def _scheduler_sender(fake: FakeSlack, db_url: str, tmp_path: Path) -> SlackNoticeSender:
    """The sender exactly as `borgmesterbot scheduler` builds it."""
    return SlackNoticeSender(build_client(_settings(fake, db_url, tmp_path), retries=False))


@pytest.fixture
def meeting_due(database: Database, catalogue: CatalogueStore, clock: Clock, fake_slack: FakeSlack) -> None:
    """Anna's network meets on 24 February 2027; the 14-day reminder (with .ics) is due now.
    Slack's clock is the test's, so a lookup by time finds what was posted."""
    add_member(database, "U0ANNA", "Anna Andersen", "Aarhus", at=cph(2027, 1, 2))
    networks = Networks(database)
    networks.create("Netværk Midt")
    networks.add_member("Netværk Midt", "Aarhus")
    clock.set(cph(2027, 1, 4, 8))
    Meetings(database, catalogue, clock).set_network_meeting("Netværk Midt", cph(2027, 2, 24, 10), "Aarhus Rådhus")
    clock.set(cph(2027, 2, 10, 10))
    fake_slack.stamp_from(clock())


def _reminders_to_anna(fake: FakeSlack) -> list[str]:
    return [text for text in dms_to(fake, "U0ANNA") if "om 14 dage" in text]


def test_slack_accepts_then_answers_500_and_the_member_gets_one(
    database: Database, db_url: str, tmp_path: Path, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, meeting_due: None
) -> None:
    runner = ReminderRunner(database, catalogue, _scheduler_sender(fake_slack, db_url, tmp_path), clock=clock)
    fake_slack.accept_then_fail("chat.postMessage", 1, status=500)
    first = runner.run_due()
    assert first["pending"] >= 1, "a 500 is not a delivery"
    posts_after_first_run = [c for c in fake_slack.calls("chat.postMessage") if c.args.get("channel") == "D0ANNA"]
    assert len(posts_after_first_run) == 1, "the client did not retry the post by itself"
    with database.session() as session:
        [row] = [r for r in session.query(ReminderDelivery) if r.reminder_key.endswith(":14")]
        assert row.state is DeliveryState.PENDING and row.needs_check

    clock.advance(minutes=2)
    runner.run_due()
    assert fake_slack.calls("conversations.history"), "Slack was asked before anything was sent again"
    accepted = [c for c in fake_slack.calls("chat.postMessage") if c.args.get("channel") == "D0ANNA"]
    assert len(accepted) == 1, "never posted a second time"
    assert fake_slack.calls("conversations.history")[0].ok
    with database.session() as session:
        row = session.get(ReminderDelivery, row.id)
        assert row.state is DeliveryState.SENT and not row.needs_check
    [upload] = [u for u in fake_slack.uploads if u.filename.endswith(".ics")]
    assert Calendar.from_ical(upload.content).walk("VEVENT"), "the message found again still got its calendar file"


def test_a_reminder_found_after_a_crash_still_brings_its_calendar_file(
    database: Database, db_url: str, tmp_path: Path, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, meeting_due: None
) -> None:
    sender = _scheduler_sender(fake_slack, db_url, tmp_path)
    with pytest.raises(Crash):
        ReminderRunner(database, catalogue, CrashingSender(sender, at_send=1, after_slack_has_it=True, without_file=True), clock=clock).run_due()
    assert len(_reminders_to_anna(fake_slack)) == 1 and not fake_slack.uploads, "the crash came between the DM and its file"

    clock.advance(minutes=11)
    ReminderRunner(database, catalogue, sender, clock=clock).run_due()
    assert len(_reminders_to_anna(fake_slack)) == 1, "found in Slack, not sent again"
    [upload] = fake_slack.uploads
    vevent = next(iter(Calendar.from_ical(upload.content).walk("VEVENT")))
    assert str(vevent["uid"]).startswith("meeting-")
    with database.session() as session:
        assert {r.state for r in session.query(ReminderDelivery) if r.reminder_key.startswith("meeting:")} == {DeliveryState.SENT}


def test_the_claim_timeout_is_a_setting(database: Database, db_url: str, tmp_path: Path, fake_slack: FakeSlack) -> None:
    """A run that died 40 seconds ago: with REMINDER_CLAIM_TIMEOUT=30 its claim is resolved at
    the next tick (Slack has no such DM, so it goes out); with the default it is left alone."""
    fake_slack.stamp_from(utcnow() - timedelta(minutes=5))
    without_quiet_hours(database)
    add_member(database, "U0ANNA", "Anna Andersen", "Aarhus", at=utcnow() - timedelta(minutes=2))

    def interrupted() -> int:
        with database.session() as session:
            member_id = session.query(Member.id).filter_by(slack_user_id="U0ANNA").scalar()
            session.query(ReminderDelivery).delete()
            row = ReminderDelivery(
                reminder_key="welcome", member_id=member_id, state=DeliveryState.SENDING, due_at=utcnow() - timedelta(minutes=2),
                attempts=1, claimed_by="gone", claimed_at=utcnow() - timedelta(seconds=40),
            )
            session.add(row)
            session.flush()
            return row.id

    for timeout, resolved in ((None, False), (30.0, True)):
        row_id = interrupted()
        changes = {"reminder_claim_timeout": timeout} if timeout else {}
        services = Services(_settings(fake_slack, db_url, tmp_path, **changes), database, CatalogueStore(OFFERS_PATH))
        build_work(services, _scheduler_sender(fake_slack, db_url, tmp_path)).tick()
        with database.session() as session:
            state = session.get(ReminderDelivery, row_id).state
        assert (state is DeliveryState.SENT) is resolved, f"timeout {timeout}: {state}"
    assert len(dms_to(fake_slack, "U0ANNA")) == 1
