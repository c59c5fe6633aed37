"""What a due reminder says to its recipient, read from the database at the moment it is sent
(so a changed place or agenda is what the mayor reads)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.catalogue.store import CatalogueStore
from bot.enrolment.seats import session_view
from bot.notify import Letter, Notice
from bot.reminders.due import DueReminder, ReminderKind
from bot.reminders.host_turn_notices import turn_letter_notice
from bot.reminders.meetings import meeting_info
from bot.reminders.notices import (
    Occasion,
    hotline_reminder,
    invitation_notice,
    occasion_notice,
    session_reminder,
    welcome_notice,
)
from bot.reminders.policy import ReminderPolicy
from bot.storage.models.enrolment import OfferSession
from bot.storage.models.members import Member
from bot.storage.models.reminders import HotlineOptOut, Meeting


def meeting_occasion(session: Session, meeting_id: int, catalogue: CatalogueStore) -> Occasion | None:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        return None
    info = meeting_info(meeting, catalogue)
    return Occasion(
        uid=f"meeting-{info.id}@borgmesterbot", title=info.title, starts_at=info.starts_at, place=info.place,
        agenda=info.agenda, host=info.host.label if info.host else None, network=info.network_name,
        sequence=meeting.sequence, cancelled=meeting.cancelled, organizer=catalogue.current.contact.email,
    )


def letter_for(session: Session, reminder: DueReminder, catalogue: CatalogueStore, policy: ReminderPolicy, now: datetime) -> Letter | None:
    """None when there is nothing to say any more: the meeting was deleted, the session
    cancelled, the mayor opted out of the hotline reminder since it was planned."""
    member = session.scalar(select(Member).where(Member.id == reminder.member_id).options(selectinload(Member.networks)))
    if member is None:
        return None
    notice: Notice | None = None
    if reminder.kind is ReminderKind.MEETING:
        occasion = meeting_occasion(session, reminder.subject_id or 0, catalogue)
        host_id = session.scalar(select(Meeting.host_member_id).where(Meeting.id == reminder.subject_id))
        notice = occasion_notice(occasion, now, is_host=host_id == member.id) if occasion and not occasion.cancelled else None
    elif reminder.kind is ReminderKind.INVITATION:
        occasion = meeting_occasion(session, reminder.subject_id or 0, catalogue)
        current = occasion is not None and reminder.key.endswith(f":{occasion.sequence}")
        host_id = session.scalar(select(Meeting.host_member_id).where(Meeting.id == reminder.subject_id))
        notice = invitation_notice(occasion, now, is_host=host_id == member.id) if occasion and current else None
    elif reminder.kind is ReminderKind.HOST_TURN:
        notice = turn_letter_notice(session, reminder.subject_id or 0, reminder.key)
    elif reminder.kind is ReminderKind.SESSION:
        row = session.get(OfferSession, reminder.subject_id)
        notice = session_reminder(session_view(session, row, catalogue.current), now) if row and not row.cancelled else None
    elif reminder.kind is ReminderKind.HOTLINE:
        opted_out = session.get(HotlineOptOut, member.id) is not None
        notice = None if opted_out else hotline_reminder(catalogue.current, policy.hotline_every_months)
    elif reminder.kind is ReminderKind.WELCOME:
        networks = tuple(sorted(n.name for n in member.networks))
        notice = welcome_notice(member.name, networks, catalogue.current, first_term=member.first_term)
    return Letter(member.slack_user_id, notice) if notice else None
