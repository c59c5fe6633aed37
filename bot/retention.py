"""Retention: what the bot keeps only for a while, pruned by the scheduler's daily housekeeping.

- Handled-event keys (the guard against answering a Slack retry twice) are needed for minutes;
  they go after RETENTION_HANDLED_EVENTS_DAYS.
- Logged questions (what the bot could not answer) go after RETENTION_QUESTIONS_DAYS.
- Delivery details (who got a finished broadcast, in which DM, the error text; the DM of a
  reminder) go after RETENTION_DELIVERY_DETAILS_DAYS. The rows stay with their states, so a
  broadcast's counts ("sendt til 97, fejlet 1") and the reminders' exactly-once guard stay true.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update

from bot.config import Settings
from bot.privacy import ANONYMOUS, pseudonym
from bot.storage.base import Base
from bot.storage.db import Database, rowcount
from bot.storage.models.broadcast import Broadcast, BroadcastStatus, OutboxMessage, OutboxState
from bot.storage.models.feedback import QuestionLog
from bot.storage.models.inbound import HandledEvent
from bot.storage.models.reminders import DeliveryState, ReminderDelivery

OUTBOX = Base.metadata.tables[OutboxMessage.__tablename__]


@dataclass(frozen=True)
class RetentionPolicy:
    handled_events: timedelta = timedelta(days=7)
    questions: timedelta = timedelta(days=365)
    delivery_details: timedelta = timedelta(days=180)

    @classmethod
    def from_settings(cls, settings: Settings) -> "RetentionPolicy":
        return cls(
            handled_events=timedelta(days=settings.retention_handled_events_days),
            questions=timedelta(days=settings.retention_questions_days),
            delivery_details=timedelta(days=settings.retention_delivery_details_days),
        )


class Retention:
    def __init__(self, db: Database, policy: RetentionPolicy) -> None:
        self._db = db
        self.policy = policy

    def prune(self, now: datetime) -> dict[str, int]:
        """Rows pruned or stripped, by what they were; one transaction."""
        details_before = now - self.policy.delivery_details
        finished = select(Broadcast.id).where(
            Broadcast.status.in_((BroadcastStatus.DONE, BroadcastStatus.CANCELLED)),
            or_(Broadcast.finished_at < details_before, Broadcast.finished_at.is_(None) & (Broadcast.created_at < details_before)),
        )
        with self._db.session() as session:
            events = rowcount(session.execute(delete(HandledEvent).where(HandledEvent.handled_at < now - self.policy.handled_events)))
            questions = rowcount(session.execute(delete(QuestionLog).where(QuestionLog.asked_at < now - self.policy.questions)))
            outbox = rowcount(session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.broadcast_id.in_(finished), ~OutboxMessage.recipient_id.startswith(f"{ANONYMOUS}:"),
                       OutboxMessage.state.in_((OutboxState.DELIVERED, OutboxState.FAILED)))
                .values(recipient_id=pseudonym(OUTBOX), channel=None, ts=None, last_error=None)
                .execution_options(synchronize_session=False)
            ))
            reminders = rowcount(session.execute(
                update(ReminderDelivery)
                .where(ReminderDelivery.due_at < details_before, ReminderDelivery.channel.is_not(None) | ReminderDelivery.error.is_not(None),
                       ReminderDelivery.state.in_((DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.SKIPPED)))
                .values(channel=None, ts=None, error=None)
            ))
        return {"handled_events": events, "question_log": questions, "broadcast_outbox": outbox, "reminder_deliveries": reminders}
