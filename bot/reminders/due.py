"""What is due at a given moment: a pure function of the database and the clock passed in.

Every reminder has a fire time and a window: it may go out from its fire time until the grace
period has run out (or the event has begun, whichever is first). Inside the window it is due;
after it, a reminder that was never sent is missed, recorded as skipped and logged once. A
reminder whose window had closed before it could apply (a meeting set at short notice, a
member who joined later) is neither: it simply never existed for that person.

Reminder keys carry the event's start time, so moving a meeting starts its reminders afresh.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import days_before
from bot.reminders.hotline import latest_hotline_round
from bot.reminders.policy import ReminderPolicy
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus, OfferSession
from bot.storage.models.members import Member, NetworkMember, Role
from bot.storage.models.reminders import (
    DeliveryState,
    HotlineOptOut,
    Meeting,
    MeetingKind,
    ReminderDelivery,
)

LOOKBACK = timedelta(days=7)


class ReminderKind(StrEnum):
    MEETING = "meeting"
    SESSION = "session"
    HOTLINE = "hotline"
    WELCOME = "welcome"


@dataclass(frozen=True)
class DueReminder:
    key: str
    kind: ReminderKind
    member_id: int
    due_at: datetime
    subject_id: int | None = None


@dataclass(frozen=True)
class DuePlan:
    send: tuple[DueReminder, ...]
    missed: tuple[DueReminder, ...]


@dataclass(frozen=True)
class _Candidate:
    reminder: DueReminder
    since: datetime
    closes_at: datetime


def _stamp(moment: datetime) -> str:
    return f"{moment:%Y%m%dT%H%M}"


def _meeting_candidates(session: Session, now: datetime, policy: ReminderPolicy) -> Iterator[_Candidate]:
    horizon = now + timedelta(days=max(policy.meeting_offsets_days) + 1)
    meetings = session.scalars(select(Meeting).where(Meeting.starts_at > now - LOOKBACK, Meeting.starts_at <= horizon))
    mayors: list[tuple[int, datetime]] | None = None
    for meeting in meetings:
        recipients: Sequence[tuple[int, datetime]]
        if meeting.kind is MeetingKind.NETWORK:
            recipients = session.execute(
                select(NetworkMember.member_id, NetworkMember.joined_at).where(NetworkMember.network_id == meeting.network_id)
            ).all()
        else:
            if mayors is None:
                mayors = [(row[0], row[1]) for row in session.execute(select(Member.id, Member.created_at).where(Member.role == Role.MAYOR))]
            recipients = mayors
        for days in policy.meeting_offsets_days:
            fires_at = days_before(meeting.starts_at, days, policy.send_hour)
            key = f"meeting:{meeting.id}:{_stamp(meeting.starts_at)}:{days}"
            closes_at = min(fires_at + policy.grace, meeting.starts_at)
            for member_id, joined_at in recipients:
                reminder = DueReminder(key, ReminderKind.MEETING, member_id, fires_at, meeting.id)
                yield _Candidate(reminder, max(meeting.date_set_at, joined_at), closes_at)


def _session_candidates(session: Session, now: datetime, policy: ReminderPolicy) -> Iterator[_Candidate]:
    horizon = now + timedelta(days=max(policy.meeting_offsets_days) + 1)
    rows = session.execute(
        select(OfferSession, Enrolment.member_id, Enrolment.updated_at)
        .join(Enrolment, Enrolment.session_id == OfferSession.id)
        .where(
            OfferSession.starts_at > now - LOOKBACK,
            OfferSession.starts_at <= horizon,
            OfferSession.cancelled_at.is_(None),
            Enrolment.status == EnrolmentStatus.ENROLLED,
        )
    ).all()
    for offer_session, member_id, enrolled_at in rows:
        for days in policy.meeting_offsets_days:
            fires_at = days_before(offer_session.starts_at, days, policy.send_hour)
            key = f"session:{offer_session.id}:{_stamp(offer_session.starts_at)}:{days}"
            reminder = DueReminder(key, ReminderKind.SESSION, member_id, fires_at, offer_session.id)
            yield _Candidate(reminder, enrolled_at, min(fires_at + policy.grace, offer_session.starts_at))


def _hotline_candidates(session: Session, now: datetime, policy: ReminderPolicy) -> Iterator[_Candidate]:
    """Mayors who were in the directory when the round fired; newer ones got the details in
    their welcome DM."""
    current = latest_hotline_round(now, policy)
    opted_out = select(HotlineOptOut.member_id)
    mayors = session.execute(
        select(Member.id, Member.created_at).where(
            Member.role == Role.MAYOR, Member.created_at <= current.fires_at, Member.id.not_in(opted_out)
        )
    ).all()
    for member_id, created_at in mayors:
        reminder = DueReminder(current.key, ReminderKind.HOTLINE, member_id, current.fires_at)
        yield _Candidate(reminder, created_at, current.fires_at + policy.grace)


def _welcome_candidates(session: Session, now: datetime, policy: ReminderPolicy) -> Iterator[_Candidate]:
    mayors = session.execute(select(Member.id, Member.created_at).where(Member.role == Role.MAYOR, Member.created_at > now - LOOKBACK)).all()
    for member_id, created_at in mayors:
        yield _Candidate(DueReminder("welcome", ReminderKind.WELCOME, member_id, created_at), created_at, created_at + policy.grace)


def find_due(session: Session, now: datetime, policy: ReminderPolicy) -> DuePlan:
    candidates = [
        *_welcome_candidates(session, now, policy),
        *_hotline_candidates(session, now, policy),
        *_meeting_candidates(session, now, policy),
        *_session_candidates(session, now, policy),
    ]
    open_candidates = [c for c in candidates if c.since < c.closes_at and c.reminder.due_at <= now]
    logged = _logged(session, {c.reminder.key for c in open_candidates})
    send: list[DueReminder] = []
    missed: list[DueReminder] = []
    for candidate in open_candidates:
        reminder = candidate.reminder
        row = logged.get((reminder.key, reminder.member_id))
        if row is not None and not (row.state is DeliveryState.PENDING and (row.next_attempt_at is None or row.next_attempt_at <= now)):
            continue
        (send if now < candidate.closes_at else missed).append(reminder)
    return DuePlan(tuple(send), tuple(missed))


def _logged(session: Session, keys: set[str]) -> dict[tuple[str, int], ReminderDelivery]:
    rows: Iterable[ReminderDelivery] = session.scalars(select(ReminderDelivery).where(ReminderDelivery.reminder_key.in_(keys))) if keys else []
    return {(row.reminder_key, row.member_id): row for row in rows}
