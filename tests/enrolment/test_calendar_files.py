"""A session's .ics files keep one UID from the confirmation to the cancellation: a change raises
the SEQUENCE, a cancellation or a withdrawal is METHOD:CANCEL with STATUS:CANCELLED."""
from __future__ import annotations

from datetime import timedelta

from bot.enrolment.service import EnrolmentService
from bot.enrolment.sessions import SessionAdmin
from bot.storage.db import Database
from tests.calendar.parsing import entry
from tests.enrolment.support import START, Inbox, add_members, add_session, draft


def _files(inbox: Inbox, user_id: str) -> list[bytes]:
    return [notice.file.content for notice in inbox.to(user_id) if notice.file is not None]


def test_enrol_change_cancel_is_one_uid_with_rising_sequence(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox
) -> None:
    [mayor] = add_members(database, 1)
    session = add_session(admin)
    enrolment.enrol(mayor, session.id)
    admin.change(session.id, draft(starts_at=START + timedelta(hours=1), ends_at=START + timedelta(hours=4)))
    admin.cancel(session.id)

    created, changed, cancelled = (entry(f) for f in _files(inbox, mayor))
    assert created.uid == changed.uid == cancelled.uid == f"session-{session.id}@borgmesterbot"
    assert (created.method, created.status, created.sequence) == ("PUBLISH", "CONFIRMED", 0)
    assert (changed.method, changed.sequence) == ("PUBLISH", 1) and changed.start == START + timedelta(hours=1)
    assert (cancelled.method, cancelled.status, cancelled.sequence) == ("CANCEL", "CANCELLED", 2)
    assert cancelled.organizer and cancelled.organizer.startswith("mailto:"), "RFC 5546 wants an organizer on a cancellation"


def test_a_withdrawal_removes_the_entry_and_enrolling_again_puts_it_back(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox
) -> None:
    [mayor] = add_members(database, 1)
    session = add_session(admin)
    enrolment.enrol(mayor, session.id)
    enrolment.withdraw(mayor, session.offer_id)
    enrolment.enrol(mayor, session.id)

    enrolled, withdrawn, again = (entry(f) for f in _files(inbox, mayor))
    assert enrolled.uid == withdrawn.uid == again.uid
    assert (withdrawn.method, withdrawn.status) == ("CANCEL", "CANCELLED")
    assert enrolled.sequence < withdrawn.sequence < again.sequence, "each file supersedes the one before"
    assert again.method == "PUBLISH"
    assert "Du er afmeldt" in inbox.to(mayor)[1].text


def test_a_waitlisted_mayor_who_withdraws_gets_no_calendar_file(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox
) -> None:
    first, second = add_members(database, 2)
    session = add_session(admin, capacity=1)
    enrolment.enrol(first, session.id)
    enrolment.enrol(second, session.id)
    enrolment.withdraw(second, session.offer_id)
    assert _files(inbox, second) == [], "a waitlist place never put anything in the calendar"
