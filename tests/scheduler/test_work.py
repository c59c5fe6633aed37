"""What the jobs do: the tick also lets unconfirmed seat offers lapse (wired from the composition
root), and the daily housekeeping reports and prunes the delivery log."""
from __future__ import annotations

import logging
import time
from datetime import timedelta
from pathlib import Path

import pytest

from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.config import Settings
from bot.reminders.delivery import ReminderRunner
from bot.reminders.status import DeliveryLog
from bot.services import Services
from bot.storage.db import Database
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus, OfferSession
from bot.storage.models.reminders import DeliveryState, ReminderDelivery
from scheduler.app import build_scheduler
from scheduler.work import ReminderWork
from tests.conftest import OFFERS_PATH
from tests.reminders.helpers import Clock, add_member, slack_sender
from tests.slack_harness.fake_slack import FakeSlack


def test_the_tick_lets_an_expired_seat_offer_lapse(tmp_path: Path, fake_slack: FakeSlack) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'bot.sqlite3'}", offers_path=OFFERS_PATH, data_dir=tmp_path)
    services = Services.build(settings)
    member_id = add_member(services.db, "U0ANNA", "Anna", "Aarhus", at=utcnow() - timedelta(days=30))
    with services.db.session() as session:
        offered = OfferSession(offer_id="modeledelse", starts_at=utcnow() + timedelta(days=30), ends_at=utcnow() + timedelta(days=30, hours=3), capacity=1)
        session.add(offered)
        session.flush()
        session.add(Enrolment(session_id=offered.id, member_id=member_id, status=EnrolmentStatus.OFFERED, queue_no=1, offer_expires_at=utcnow() - timedelta(minutes=5)))
    scheduler = build_scheduler(services, slack_sender(fake_slack), tick_seconds=0.2, poll_seconds=0.1)
    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with services.db.session() as session:
                if session.query(Enrolment).one().status is EnrolmentStatus.LAPSED:
                    break
            time.sleep(0.05)
        else:
            pytest.fail("the seat offer did not lapse")
    finally:
        scheduler.stop()
        services.db.dispose()
    fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D0ANNA")


def test_housekeeping_reports_and_prunes_the_log(database: Database, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock(utcnow())
    add_member(database, "U0ANNA", "Anna", "Aarhus", at=clock() - timedelta(days=500))
    with database.session() as session:
        session.add_all([
            ReminderDelivery(reminder_key="welcome", member_id=1, state=DeliveryState.SENT, due_at=clock(), created_at=clock() - timedelta(days=450)),
            ReminderDelivery(reminder_key="hotline:x", member_id=1, state=DeliveryState.SENT, due_at=clock(), created_at=clock() - timedelta(hours=3)),
            ReminderDelivery(reminder_key="meeting:y", member_id=1, state=DeliveryState.FAILED, due_at=clock(), error="account_inactive"),
        ])
    runner = ReminderRunner(database, CatalogueStore(OFFERS_PATH), slack_sender(fake_slack), clock=clock)
    work = ReminderWork(runner, DeliveryLog(database), clock=clock)
    with caplog.at_level(logging.INFO, logger="scheduler.work"):
        work.housekeeping()
    assert "reminders in the last day: failed=1, sent=1; 1 need a look" in caplog.text and "1 old rows pruned" in caplog.text
    with database.session() as session:
        assert sorted(row.reminder_key for row in session.query(ReminderDelivery)) == ["hotline:x", "meeting:y"]
