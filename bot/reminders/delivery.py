"""Sends what is due, one recipient at a time, with the delivery log as the guard.

The order of one delivery (claim, send, record) and what a crash at each point means is set
out in bot/storage/models/reminders.py. Here: the claim and the letter are made in one
transaction, Slack is called with no transaction open, and the outcome is recorded in another.
The Slack client must not retry by itself (bot.slack.app.build_client(retries=False)): after a
5xx or a dropped connection the row is retried here, and the DM is looked up before it is sent
again, because Slack may have posted it before the error.
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

from bot import metrics
from bot.catalogue.store import CatalogueStore
from bot.clock import Clock, utcnow
from bot.notify import DeliveryResult, DeliveryStatus, Notice, NoticeSender
from bot.reminders.content import letter_for
from bot.reminders.due import DueReminder, find_due, reminder_of
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
        Slack is asked whether the DM arrived (it carries the row's key): found means SENT (and
        its calendar file, which never went, is sent now), not found means it goes out again, no
        answer means ask again next run, and a person Slack will not let us reach means FAILED.
        A sender that cannot look (the console) leaves the row UNCERTAIN for staff."""
        with self._db.session() as session:
            stale = session.execute(
                select(ReminderDelivery.id, ReminderDelivery.claimed_at, Member.slack_user_id)
                .join(Member, Member.id == ReminderDelivery.member_id)
                .where(ReminderDelivery.state == DeliveryState.SENDING, ReminderDelivery.claimed_at < now - self._claim_timeout)
            ).all()
        for row_id, claimed_at, slack_user_id in stale:
            found = self._look_up(slack_user_id, row_id, claimed_at)
            if found is not None and found.status is DeliveryStatus.RETRY:
                log.warning("could not ask Slack about reminder %s to %s (%s); asking again next run", row_id, slack_user_id, found.error)
                continue
            with self._db.session() as session:
                row = session.get(ReminderDelivery, row_id, with_for_update=True)
                if row is None or row.state is not DeliveryState.SENDING or row.claimed_at != claimed_at:
                    continue
                if not self._can_look:
                    row.state, row.error = DeliveryState.UNCERTAIN, "afbrudt under afsendelse"
                    log.warning("reminder %s to %s was interrupted mid-send and may or may not have arrived: marked uncertain", row.reminder_key, slack_user_id)
                elif found is None:
                    row.state, row.next_attempt_at, row.error = DeliveryState.PENDING, now, "afbrudt før Slack fik den"
                    log.info("reminder %s to %s never reached Slack before its run stopped: sending it again", row.reminder_key, slack_user_id)
                elif found.status is DeliveryStatus.FAILED:
                    row.state, row.error = DeliveryState.FAILED, found.error
                    log.warning("reminder %s to %s cannot be checked or delivered: %s", row.reminder_key, slack_user_id, found.error)
                else:
                    log.info("reminder %s to %s had reached Slack before its run stopped: recorded as sent", row.reminder_key, slack_user_id)
            if found is not None and found.ok:
                self._record(row_id, self._complete(row_id, found))

    @property
    def _can_look(self) -> bool:
        return getattr(self._sender, "find_sent", None) is not None

    def _look_up(self, slack_user_id: str, row_id: int, since: datetime | None) -> DeliveryResult | None:
        """Whether the DM with this row's key is in Slack (see KeyedNoticeSender.find_sent)."""
        if not self._can_look:
            return None
        started = since or self._clock()
        return self._sender.find_sent(slack_user_id, notice_key(row_id), started - LOOKUP_MARGIN)  # type: ignore[attr-defined]

    def _complete(self, row_id: int, found: DeliveryResult) -> DeliveryResult:
        """A DM found in Slack after an interrupted send: its .ics is uploaded now, because the
        send that was interrupted never got that far."""
        with self._db.session() as session:
            row = session.get(ReminderDelivery, row_id)
            if row is None:
                return found
            reminder = reminder_of(row.reminder_key, row.member_id, row.due_at)
            letter = letter_for(session, reminder, self._catalogue, load_policy(session), self._clock())
        attach = getattr(self._sender, "attach", None)
        if letter is None or letter.notice.file is None or attach is None:
            return found
        return attach(found, letter.notice.file)

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
                claim = self._claim(session, reminder, now)
                if claim is None:
                    return "taken"
        except IntegrityError:
            return "taken"
        row_id, check_since = claim
        if check_since is not None:
            found = self._look_up(letter.user_id, row_id, check_since)
            if found is not None:
                return self._record(row_id, self._complete(row_id, found) if found.ok else found)
        result = self._send(letter.user_id, replace(letter.notice, key=notice_key(row_id)))
        return self._record(row_id, result) if result is not None else "sending"

    def _claim(self, session: Session, reminder: DueReminder, now: datetime) -> tuple[int, datetime | None] | None:
        """The row's id, and when the last attempt began if that attempt's outcome is unknown
        (then Slack is asked before anything is sent again)."""
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
        check_since = row.claimed_at if row.needs_check else None
        row.state, row.claimed_by, row.claimed_at, row.attempts = DeliveryState.SENDING, self._owner, now, row.attempts + 1
        session.flush()
        return row.id, check_since

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
                row.error, row.needs_check = result.extra.get("file_error"), False
                metrics.delivery("reminder", sent=True)
            elif result.status is DeliveryStatus.RETRY:
                wait = max(timedelta(seconds=result.retry_after or 0), RETRY_DELAY)
                row.state, row.next_attempt_at, row.error = DeliveryState.PENDING, now + wait, result.error
                # Only a 429 (it has a Retry-After) proves Slack did not post the message.
                row.needs_check = result.retry_after is None
            else:
                row.state, row.error = DeliveryState.FAILED, result.error
                metrics.delivery("reminder", sent=False)
                log.warning("reminder %s could not be delivered to member %s: %s", row.reminder_key, row.member_id, result.error)
            return row.state.value
