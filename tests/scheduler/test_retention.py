"""Retention in the daily housekeeping: handled-event keys, logged questions and delivery details
older than their configured ages go, newer ones stay, and a broadcast's counts stay true."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.broadcast.report import figures
from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.reminders.delivery import ReminderRunner
from bot.reminders.status import DeliveryLog
from bot.retention import Retention, RetentionPolicy
from bot.storage.db import Database
from bot.storage.models.broadcast import AudienceKind, Broadcast, BroadcastStatus, OutboxMessage, OutboxState
from bot.storage.models.feedback import QuestionLog
from bot.storage.models.inbound import HandledEvent
from bot.storage.models.reminders import DeliveryState, ReminderDelivery
from scheduler.work import ReminderWork
from tests.conftest import OFFERS_PATH
from tests.reminders.helpers import Clock, add_member, slack_sender
from tests.slack_harness.fake_slack import FakeSlack

POLICY = RetentionPolicy(handled_events=timedelta(days=7), questions=timedelta(days=365), delivery_details=timedelta(days=180))


def _broadcast(session: Session, finished_days_ago: int, now: datetime) -> Broadcast:
    """A finished broadcast with one delivered and one failed recipient."""
    broadcast = Broadcast(author_id="U0STAFF", audience_kind=AudienceKind.ALL_MAYORS, audience_label="Alle", text="Hej",
                          status=BroadcastStatus.DONE, finished_at=now - timedelta(days=finished_days_ago))
    session.add(broadcast)
    session.flush()
    session.add_all([
        OutboxMessage(broadcast_id=broadcast.id, recipient_id="U0ANNA", state=OutboxState.DELIVERED, channel="D0ANNA", ts="1.1"),
        OutboxMessage(broadcast_id=broadcast.id, recipient_id="U0BO", state=OutboxState.FAILED, last_error="account_inactive"),
    ])
    return broadcast


def test_housekeeping_prunes_by_age(database: Database, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock(utcnow())
    now = clock()
    anna = add_member(database, "U0ANNA", "Anna", "Aarhus", at=now - timedelta(days=400))
    with database.session() as session:
        session.add_all([
            HandledEvent(key="event:Ev0OLD", handled_at=now - timedelta(days=8)),
            HandledEvent(key="event:Ev0NEW", handled_at=now - timedelta(days=6)),
            QuestionLog(question="gammelt spørgsmål", normalised="gammel spørgsmål", reason="abstained", asked_at=now - timedelta(days=366)),
            QuestionLog(question="nyt spørgsmål", normalised="ny spørgsmål", reason="abstained", asked_at=now - timedelta(days=10)),
            ReminderDelivery(reminder_key="hotline:old", member_id=anna, state=DeliveryState.SENT, due_at=now - timedelta(days=200),
                             channel="D0ANNA", ts="1.2"),
            ReminderDelivery(reminder_key="hotline:new", member_id=anna, state=DeliveryState.SENT, due_at=now - timedelta(days=20),
                             channel="D0ANNA", ts="1.3"),
        ])
        old, new = _broadcast(session, 181, now), _broadcast(session, 30, now)
        old_id, new_id = old.id, new.id
    with database.session() as session:
        counts_before = {b: (f.delivered, f.failed) for b in (old_id, new_id) for f in [figures(session, session.get(Broadcast, b))]}

    runner = ReminderRunner(database, CatalogueStore(OFFERS_PATH), slack_sender(fake_slack), clock=clock)
    work = ReminderWork(runner, DeliveryLog(database), retention=Retention(database, POLICY), clock=clock)
    with caplog.at_level(logging.INFO, logger="scheduler.work"):
        work.housekeeping()
    assert "retention: handled_events=1, question_log=1, broadcast_outbox=2, reminder_deliveries=1" in caplog.text

    with database.session() as session:
        assert list(session.scalars(select(HandledEvent.key))) == ["event:Ev0NEW"]
        assert list(session.scalars(select(QuestionLog.question))) == ["nyt spørgsmål"]
        details = {row.reminder_key: (row.state, row.channel, row.ts) for row in session.scalars(select(ReminderDelivery))}
        assert details == {"hotline:old": (DeliveryState.SENT, None, None), "hotline:new": (DeliveryState.SENT, "D0ANNA", "1.3")}
        old_rows = session.execute(select(OutboxMessage.recipient_id, OutboxMessage.channel, OutboxMessage.last_error)
                                   .where(OutboxMessage.broadcast_id == old_id)).all()
        assert all(r.startswith("slettet:") and c is None and e is None for r, c, e in old_rows)
        new_rows = set(session.scalars(select(OutboxMessage.recipient_id).where(OutboxMessage.broadcast_id == new_id)))
        assert new_rows == {"U0ANNA", "U0BO"}
        counts_after = {b: (f.delivered, f.failed) for b in (old_id, new_id) for f in [figures(session, session.get(Broadcast, b))]}
    assert counts_after == counts_before == {old_id: (1, 1), new_id: (1, 1)}

    assert Retention(database, POLICY).prune(now) == {"handled_events": 0, "question_log": 0, "broadcast_outbox": 0, "reminder_deliveries": 0}
