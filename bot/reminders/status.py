"""The delivery log as staff see it: what went out, what needs a look, a manual resend, and
clearing out rows too old to matter."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from bot.reminders.errors import ReminderError
from bot.storage.db import Database, rowcount
from bot.storage.models.members import Member
from bot.storage.models.reminders import DeliveryState, ReminderDelivery

NEEDS_A_LOOK = (DeliveryState.UNCERTAIN, DeliveryState.FAILED)
KEEP = timedelta(days=400)


@dataclass(frozen=True)
class DeliveryProblem:
    id: int
    reminder_key: str
    member: str
    slack_user_id: str
    state: DeliveryState
    error: str | None
    due_at: datetime


class DeliveryLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    def counts(self, since: datetime) -> dict[DeliveryState, int]:
        with self._db.session() as session:
            rows = session.execute(
                select(ReminderDelivery.state, func.count()).where(ReminderDelivery.created_at >= since).group_by(ReminderDelivery.state)
            ).all()
            return {state: count for state, count in rows}

    def problems(self, limit: int = 50) -> list[DeliveryProblem]:
        with self._db.session() as session:
            rows = session.execute(
                select(ReminderDelivery, Member)
                .join(Member, Member.id == ReminderDelivery.member_id)
                .where(ReminderDelivery.state.in_(NEEDS_A_LOOK))
                .order_by(ReminderDelivery.due_at.desc())
                .limit(limit)
            ).all()
            return [
                DeliveryProblem(row.id, row.reminder_key, member.name, member.slack_user_id, row.state, row.error, row.due_at)
                for row, member in rows
            ]

    def resend(self, delivery_id: int, now: datetime) -> None:
        """Staff have checked that an uncertain or failed reminder did not arrive: send it at the
        next tick, if its window is still open (otherwise it is recorded as skipped)."""
        with self._db.session() as session:
            row = session.get(ReminderDelivery, delivery_id)
            if row is None or row.state not in NEEDS_A_LOOK:
                raise ReminderError(f"Påmindelse nr. {delivery_id} er ikke usikker eller fejlet, så den kan ikke sendes igen.")
            row.state, row.next_attempt_at = DeliveryState.PENDING, now

    def prune(self, now: datetime) -> int:
        """Rows whose reminder can never be due again may go: KEEP is longer than the planner's
        look-back and than a year's hotline round. The rest stays for questions about what was sent."""
        with self._db.session() as session:
            result = session.execute(delete(ReminderDelivery).where(ReminderDelivery.created_at < now - KEEP))
            return rowcount(result) or 0
