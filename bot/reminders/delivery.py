"""Sends what is due, one recipient at a time, with the delivery log as the guard.

The order of one delivery (claim, send, record) and what a crash at each point means is set
out in bot/storage/models/reminders.py. Here: the claim and the letter are made in one
transaction, Slack is called with no transaction open, and the outcome is recorded in another.
"""
from __future__ import annotations

import logging
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.catalogue.store import CatalogueStore
from bot.clock import Clock, utcnow
from bot.notify import DeliveryResult, DeliveryStatus, Notice, NoticeSender
from bot.reminders.content import letter_for
from bot.reminders.due import DueReminder, find_due
from bot.reminders.policy import ReminderPolicy, load_policy
from bot.storage.claims import claimant_name
from bot.storage.db import Database
from bot.storage.models.members import Member
from bot.storage.models.reminders import DeliveryState, ReminderDelivery

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=10)
RETRY_DELAY = timedelta(minutes=1)
LOOKUP_MARGIN = timedelta(minutes=1)


def notice_key(delivery_id: int) -> str:
    """What the DM carries so it can be recognised in Slack after a crash."""
    return f"reminder-delivery:{delivery_id}"


@dataclass
class RunReport:
    """What one run did, by outcome: sent, pending (to retry), failed, skipped, sending (the
    sender raised), taken (another run claimed it first), gone (its meeting or session no longer
    exists)."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: str, count: int = 1) -> None:
        if count:
            self.counts[outcome] += count

    def __getitem__(self, outcome: str) -> int:
        return self.counts[outcome]

    def __str__(self) -> str:
        return ", ".join(f"{name}={count}" for name, count in sorted(self.counts.items())) or "nothing due"



class ReminderRunner:
    def __init__(
        self,
        db: Database,
        catalogue: CatalogueStore,
        sender: NoticeSender,
        *,
        clock: Clock = utcnow,
        owner: str | None = None,
        claim_timeout: timedelta = CLAIM_TIMEOUT,
    ) -> None:
        self._db = db
        self._catalogue = catalogue
        self._sender = sender
        self._clock = clock
        self._owner = owner or claimant_name()
        self._claim_timeout = claim_timeout
        self._stop = threading.Event()

    def stop(self) -> None:
        """Finish the DM in flight and start no other (a clean shutdown leaves nothing SENDING)."""
        self._stop.set()

    def run_due(self) -> RunReport:
        report = RunReport()
        now = self._clock()
        self._resolve_stale_claims(now)
        with self._db.session() as session:
            policy = load_policy(session)
            plan = find_due(session, now, policy)
        report.add("skipped", self._record_missed(plan.missed, policy))
        for reminder in plan.send:
            if self._stop.is_set():
                break
            report.add(self._deliver(reminder, policy))
        if report.counts:
            log.info("reminders run at %s: %s", now.isoformat(timespec="seconds"), report)
        return report

    def _resolve_stale_claims(self, now: datetime) -> None:
        """A SENDING row older than the claim timeout belongs to a run that stopped mid-send.
        Slack is asked whether the DM arrived (it carries the row's key): found means SENT, not
        found means it goes out again, no answer means ask again next run, and a person Slack
        will not let us reach means FAILED. A sender that cannot look (the console) leaves the
        row UNCERTAIN for staff."""
        with self._db.session() as session:
            stale = session.execute(
                select(ReminderDelivery.id, ReminderDelivery.reminder_key, ReminderDelivery.claimed_at, Member.slack_user_id)
                .join(Member, Member.id == ReminderDelivery.member_id)
                .where(ReminderDelivery.state == DeliveryState.SENDING, ReminderDelivery.claimed_at < now - self._claim_timeout)
            ).all()
        find_sent = getattr(self._sender, "find_sent", None)
        for row_id, reminder_key, claimed_at, slack_user_id in stale:
            found = find_sent(slack_user_id, notice_key(row_id), claimed_at - LOOKUP_MARGIN) if find_sent and claimed_at else None
            if find_sent and found is not None and found.status is DeliveryStatus.RETRY:
                log.warning("could not ask Slack about reminder %s to %s (%s); asking again next run", reminder_key, slack_user_id, found.error)
                continue
            with self._db.session() as session:
                row = session.get(ReminderDelivery, row_id, with_for_update=True)
                if row is None or row.state is not DeliveryState.SENDING or row.claimed_at != claimed_at:
                    continue
                if find_sent is None:
                    row.state, row.error = DeliveryState.UNCERTAIN, "afbrudt under afsendelse"
                    log.warning("reminder %s to %s was interrupted mid-send and may or may not have arrived: marked uncertain", reminder_key, slack_user_id)
                elif found is not None and found.status is DeliveryStatus.FAILED:
                    row.state, row.error = DeliveryState.FAILED, found.error
                    log.warning("reminder %s to %s cannot be checked or delivered: %s", reminder_key, slack_user_id, found.error)
                elif found is None:
                    row.state, row.next_attempt_at, row.error = DeliveryState.PENDING, now, "afbrudt før Slack fik den"
                    log.info("reminder %s to %s never reached Slack before its run stopped: sending it again", reminder_key, slack_user_id)
                else:
                    row.state, row.sent_at, row.channel, row.ts = DeliveryState.SENT, now, found.channel, found.ts
                    log.info("reminder %s to %s had reached Slack before its run stopped: recorded as sent", reminder_key, slack_user_id)

    def _record_missed(self, missed: tuple[DueReminder, ...], policy: ReminderPolicy) -> int:
        """Log each missed reminder once: a SKIPPED row ends its story."""
        by_key: dict[str, list[DueReminder]] = {}
        for reminder in missed:
            by_key.setdefault(reminder.key, []).append(reminder)
        recorded = 0
        for key, reminders in by_key.items():
            try:
                with self._db.session() as session:
                    existing = {
                        row.member_id: row
                        for row in session.scalars(
                            select(ReminderDelivery).where(
                                ReminderDelivery.reminder_key == key,
                                ReminderDelivery.member_id.in_([r.member_id for r in reminders]),
                            )
                        )
                    }
                    for reminder in reminders:
                        row = existing.get(reminder.member_id)
                        if row is None:
                            session.add(ReminderDelivery(reminder_key=key, member_id=reminder.member_id, state=DeliveryState.SKIPPED, due_at=reminder.due_at, error="uden for henstandsperioden"))
                        elif row.state is DeliveryState.PENDING:
                            row.state, row.error = DeliveryState.SKIPPED, f"uden for henstandsperioden (sidst: {row.error})"
            except IntegrityError:
                continue
            recorded += len(reminders)
            log.warning(
                "reminder %s (due %s) missed its window of %s hours: skipped for %d recipient(s)",
                key, reminders[0].due_at.isoformat(timespec="minutes"), policy.grace_hours, len(reminders),
            )
        return recorded

    def _deliver(self, reminder: DueReminder, policy: ReminderPolicy) -> str:
        now = self._clock()
        try:
            with self._db.session() as session:
                letter = letter_for(session, reminder, self._catalogue, policy, now)
                if letter is None:
                    return "gone"
                row_id = self._claim(session, reminder, now)
                if row_id is None:
                    return "taken"
        except IntegrityError:
            return "taken"
        result = self._send(letter.user_id, replace(letter.notice, key=notice_key(row_id)))
        return self._record(row_id, result) if result is not None else "sending"

    def _claim(self, session: Session, reminder: DueReminder, now: datetime) -> int | None:
        row = session.scalar(
            select(ReminderDelivery)
            .where(ReminderDelivery.reminder_key == reminder.key, ReminderDelivery.member_id == reminder.member_id)
            .with_for_update()
        )
        if row is None:
            row = ReminderDelivery(reminder_key=reminder.key, member_id=reminder.member_id, due_at=reminder.due_at, attempts=0)
            session.add(row)
        elif not (row.state is DeliveryState.PENDING and (row.next_attempt_at is None or row.next_attempt_at <= now)):
            return None
        row.state, row.claimed_by, row.claimed_at, row.attempts = DeliveryState.SENDING, self._owner, now, row.attempts + 1
        session.flush()
        return row.id

    def _send(self, user_id: str, notice: Notice) -> DeliveryResult | None:
        """None when the sender broke its promise not to raise: the row then stays SENDING and
        is resolved like a crash, by asking Slack after the claim timeout."""
        try:
            return self._sender.send(user_id, notice)
        except Exception:
            log.exception("the notice sender raised while sending a reminder to %s", user_id)
            return None

    def _record(self, row_id: int, result: DeliveryResult) -> str:
        now = self._clock()
        with self._db.session() as session:
            row = session.get(ReminderDelivery, row_id)
            if row is None:
                return "member removed"
            if result.status is DeliveryStatus.DELIVERED:
                row.state, row.sent_at, row.channel, row.ts = DeliveryState.SENT, now, result.channel, result.ts
                row.error = result.extra.get("file_error")
            elif result.status is DeliveryStatus.RETRY:
                wait = max(timedelta(seconds=result.retry_after or 0), RETRY_DELAY)
                row.state, row.next_attempt_at, row.error = DeliveryState.PENDING, now + wait, result.error
            else:
                row.state, row.error = DeliveryState.FAILED, result.error
                log.warning("reminder %s could not be delivered to member %s: %s", row.reminder_key, row.member_id, result.error)
            return row.state.value
