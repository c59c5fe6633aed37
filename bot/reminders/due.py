"""What is due at a given moment: a pure function of the database and the clock passed in.

Every reminder has a fire time and a window: it may go out from its fire time until the grace
period has run out (or the event has begun, whichever is first). Inside the window it is due;
after it, a reminder that was never sent is missed, recorded as skipped and logged once. A
reminder whose window had closed before it could apply (a meeting set at short notice, a
member who joined later) is neither: it simply never existed for that person.

Reminder keys carry the event's start time, so moving a meeting starts its reminders afresh.
A fire time that falls in the quiet hours (bot.reminders.quiet) is moved to the next allowed
moment before the event; the key stays the same.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import days_before
from bot.reminders.host_turn_notices import open_turns, turn_stages
from bot.reminders.hotline import latest_hotline_round
from bot.reminders.policy import ReminderPolicy
from bot.reminders.quiet import QuietHours
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus, OfferSession
from bot.storage.models.members import Member, NetworkMember, is_mayor
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
    INVITATION = "invitation"
    HOST_TURN = "host_turn"


SUBJECT_KINDS = frozenset({ReminderKind.MEETING, ReminderKind.SESSION, ReminderKind.INVITATION, ReminderKind.HOST_TURN})
"""Kinds whose key's second part is the id of what they are about."""


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


def reminder_of(key: str, member_id: int, due_at: datetime) -> DueReminder:
    """The reminder a delivery-log row is for, read back from its key ('<kind>:<subject id>:...'),
    so a delivery found again after a crash can be completed (its calendar file sent)."""
    kind = ReminderKind(key.split(":", 1)[0])
    parts = key.split(":")
    subject = int(parts[1]) if kind in SUBJECT_KINDS and len(parts) > 1 and parts[1].isdigit() else None
    return DueReminder(key, kind, member_id, due_at, subject)


def _stamp(moment: datetime) -> str:
    return f"{moment:%Y%m%dT%H%M}"


class Recipients:
    """Who a meeting is for: a network's members, or every mayor for a forum (read once)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._mayors: list[tuple[int, datetime]] | None = None

    def of(self, meeting: Meeting) -> list[tuple[int, datetime]]:
        """(member id, since when they belong) for each recipient."""
        if meeting.kind is MeetingKind.NETWORK:
            rows = self._session.execute(
                select(NetworkMember.member_id, NetworkMember.joined_at).where(NetworkMember.network_id == meeting.network_id)
            ).all()
            return [(member_id, joined_at) for member_id, joined_at in rows]
        if self._mayors is None:
            rows = self._session.execute(select(Member.id, Member.created_at).where(is_mayor())).all()
            self._mayors = [(member_id, created_at) for member_id, created_at in rows]
        return self._mayors


def _meeting_candidates(session: Session, now: datetime, policy: ReminderPolicy) -> Iterator[_Candidate]:
    horizon = now + timedelta(days=max(policy.meeting_offsets_days) + 1)
    meetings = session.scalars(
        select(Meeting).where(Meeting.starts_at > now - LOOKBACK, Meeting.starts_at <= horizon, Meeting.cancelled_at.is_(None))
    )
    recipients = Recipients(session)
    for meeting in meetings:
        for days in policy.meeting_offsets_days:
            fires_at = policy.quiet.place(days_before(meeting.starts_at, days, policy.send_hour), meeting.starts_at)
            key = f"meeting:{meeting.id}:{_stamp(meeting.starts_at)}:{days}"
            closes_at = min(fires_at + policy.grace, meeting.starts_at)
            for member_id, joined_at in recipients.of(meeting):
                reminder = DueReminder(key, ReminderKind.MEETING, member_id, fires_at, meeting.id)
                yield _Candidate(reminder, max(meeting.date_set_at, joined_at), closes_at)


def _invitation_candidates(session: Session, now: datetime, quiet: QuietHours) -> Iterator[_Candidate]:
    """A meeting set, changed or cancelled sends everyone it is for the new .ics at once: the key
    carries the meeting's SEQUENCE, so each change is one DM per person, and a change made
    before the previous one went out replaces it. It may go until the meeting begins."""
    meetings = session.scalars(select(Meeting).where(Meeting.starts_at > now, Meeting.changed_at > now - LOOKBACK))
    recipients = Recipients(session)
    for meeting in meetings:
        key = f"{ReminderKind.INVITATION.value}:{meeting.id}:{meeting.sequence}"
        due_at = quiet.place(meeting.changed_at, meeting.starts_at)
        for member_id, _joined_at in recipients.of(meeting):
            reminder = DueReminder(key, ReminderKind.INVITATION, member_id, due_at, meeting.id)
            yield _Candidate(reminder, meeting.changed_at - timedelta(seconds=1), meeting.starts_at)


def _host_turn_candidates(session: Session, now: datetime, policy: ReminderPolicy) -> Iterator[_Candidate]:
    """The host's ask and its one reminder, while the turn waits for an answer."""
    for turn in open_turns(session, now):
        for key, due_at, closes_at in turn_stages(turn, policy):
            reminder = DueReminder(key, ReminderKind.HOST_TURN, turn.member_id, due_at, turn.id)
            yield _Candidate(reminder, turn.asked_at - timedelta(seconds=1), closes_at)


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
            fires_at = policy.quiet.place(days_before(offer_session.starts_at, days, policy.send_hour), offer_session.starts_at)
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
            is_mayor(), Member.created_at <= current.fires_at, Member.id.not_in(opted_out)
        )
    ).all()
    fires_at = policy.quiet.place(current.fires_at)
    for member_id, created_at in mayors:
        reminder = DueReminder(current.key, ReminderKind.HOTLINE, member_id, fires_at)
        yield _Candidate(reminder, created_at, fires_at + policy.grace)


def _welcome_candidates(session: Session, now: datetime, policy: ReminderPolicy) -> Iterator[_Candidate]:
    mayors = session.execute(select(Member.id, Member.created_at).where(is_mayor(), Member.created_at > now - LOOKBACK)).all()
    for member_id, created_at in mayors:
        due_at = policy.quiet.place(created_at)
        yield _Candidate(DueReminder("welcome", ReminderKind.WELCOME, member_id, due_at), created_at, due_at + policy.grace)


def find_due(session: Session, now: datetime, policy: ReminderPolicy) -> DuePlan:
    candidates = [
        *_welcome_candidates(session, now, policy),
        *_hotline_candidates(session, now, policy),
        *_meeting_candidates(session, now, policy),
        *_invitation_candidates(session, now, policy.quiet),
        *_host_turn_candidates(session, now, policy),
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
