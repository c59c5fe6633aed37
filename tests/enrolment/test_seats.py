"""Seats, the waitlist and seat offers: who gets a place, in which order, and who is told."""
from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.clock import COPENHAGEN
from bot.enrolment.errors import AlreadyEnrolled, SeatOfferGone, UnknownSession
from bot.enrolment.notices import CONFIRM_SEAT_ACTION
from bot.enrolment.service import EnrolmentService
from bot.enrolment.sessions import SessionAdmin
from bot.storage.db import Database
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus
from tests.enrolment.support import (
    Clock,
    Inbox,
    add_members,
    add_session,
    seat_offered_to_second,
)


def _statuses(db: Database, session_id: int) -> dict[str, EnrolmentStatus]:
    with db.session() as session:
        rows = session.scalars(select(Enrolment).where(Enrolment.session_id == session_id))
        return {row.member.slack_user_id: row.status for row in rows}


def test_full_session_waitlists_and_a_freed_seat_goes_to_the_first(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox
) -> None:
    a, b, c, d = add_members(database, 4)
    session = add_session(admin, capacity=2)
    assert enrolment.enrol(a, session.id).status is EnrolmentStatus.ENROLLED
    assert enrolment.enrol(b, session.id).status is EnrolmentStatus.ENROLLED
    third = enrolment.enrol(c, session.id)
    fourth = enrolment.enrol(d, session.id)
    assert (third.status, third.position, fourth.position) == (EnrolmentStatus.WAITLISTED, 1, 2)
    assert "nr. 1 på ventelisten" in third.message
    [waiting] = inbox.to(c)
    assert "nr. 1 på ventelisten" in waiting.text and waiting.file is None

    withdrawn = enrolment.withdraw(a, "modeledelse")
    assert withdrawn.session is not None and "afmeldt" in withdrawn.message
    assert _statuses(database, session.id) == {
        a: EnrolmentStatus.WITHDRAWN,
        b: EnrolmentStatus.ENROLLED,
        c: EnrolmentStatus.ENROLLED,
        d: EnrolmentStatus.WAITLISTED,
    }
    promoted = inbox.to(c)[-1]
    assert promoted.title == "Du har fået en plads" and promoted.file is not None
    [mine] = enrolment.mine(d).enrolments
    assert (mine.status, mine.position) == (EnrolmentStatus.WAITLISTED, 1)


def test_enrolled_gets_a_dm_with_an_ics_in_copenhagen_time(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox
) -> None:
    [mayor] = add_members(database, 1)
    session = add_session(admin)
    enrolment.enrol(mayor, session.id)
    [notice] = inbox.to(mayor)
    assert dict(notice.facts)["Hvornår"] == "torsdag d. 14. januar 2027 kl. 10.00–13.00"
    assert dict(notice.facts)["Hvor"] == "KL-huset, Weidekampsgade 10"
    assert notice.file is not None and notice.file.filename.endswith(".ics")
    event = next(iter(Calendar.from_ical(notice.file.content).walk("VEVENT")))
    start = event.decoded("dtstart")
    assert start == session.starts_at and start.tzinfo is not None
    assert start.astimezone(COPENHAGEN).hour == 10
    assert str(event["summary"]) == "Mødeledelse"
    assert str(event["uid"]) == f"session-{session.id}@borgmesterbot"


def test_enrolling_twice_is_refused_and_stores_nothing_new(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox
) -> None:
    a, b, c = add_members(database, 3)
    session = add_session(admin, capacity=1)
    enrolment.enrol(a, session.id)
    enrolment.enrol(b, session.id)
    with pytest.raises(AlreadyEnrolled, match="Du er allerede tilmeldt Mødeledelse"):
        enrolment.enrol(a, session.id)
    with pytest.raises(AlreadyEnrolled, match="Du står allerede som nr. 1 på ventelisten"):
        enrolment.enrol(b, session.id)
    assert enrolment.enrol(c, session.id).position == 2
    assert len(inbox.to(a)) == 1


def test_withdraw_and_enrol_again_goes_to_the_back_of_the_queue(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin
) -> None:
    a, b, c = add_members(database, 3)
    session = add_session(admin, capacity=1)
    enrolment.enrol(a, session.id)
    enrolment.enrol(b, session.id)
    enrolment.enrol(c, session.id)
    enrolment.withdraw(b, "modeledelse")
    again = enrolment.enrol(b, session.id)
    assert (again.status, again.position) == (EnrolmentStatus.WAITLISTED, 2)
    with database.session() as s:
        assert len(list(s.scalars(select(Enrolment).where(Enrolment.session_id == session.id)))) == 3


def test_a_seat_with_a_fee_is_offered_and_confirmed(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox, clock: Clock
) -> None:
    a, b = add_members(database, 2)
    session = add_session(admin, capacity=1, fee="1.500 kr. ekskl. moms")
    enrolment.enrol(a, session.id)
    enrolment.enrol(b, session.id)
    enrolment.withdraw(a, "modeledelse")
    offer = inbox.to(b)[-1]
    [button] = offer.buttons
    assert (button.label, button.action_id) == ("Bekræft plads", CONFIRM_SEAT_ACTION)
    assert "1.500 kr. ekskl. moms" in offer.text and "betaler ingenting" in offer.text
    [mine] = enrolment.mine(b).enrolments
    assert mine.status is EnrolmentStatus.OFFERED
    assert mine.offer_expires_at == clock.now + timedelta(hours=48)

    clock.advance(hours=47)
    confirmed = enrolment.confirm_seat(b, int(button.value))
    assert confirmed.status is EnrolmentStatus.ENROLLED
    assert inbox.to(b)[-1].file is not None
    with pytest.raises(AlreadyEnrolled, match="allerede bekræftet"):
        enrolment.confirm_seat(b, int(button.value))


def test_an_unconfirmed_seat_lapses_and_the_next_is_asked(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox, clock: Clock
) -> None:
    (a, b, c), session, offer_to_b = seat_offered_to_second(database, enrolment, admin, inbox)
    clock.advance(hours=47)
    assert enrolment.lapse_expired_offers() == 0
    clock.advance(hours=1)
    assert enrolment.lapse_expired_offers() == 1
    assert enrolment.lapse_expired_offers() == 0, "a second tick finds nothing more to do"
    assert inbox.to(b)[-1].title == "Pladstilbuddet er udløbet"
    assert inbox.to(c)[-1].buttons[0].label == "Bekræft plads"
    assert _statuses(database, session.id) == {
        a: EnrolmentStatus.WITHDRAWN,
        b: EnrolmentStatus.LAPSED,
        c: EnrolmentStatus.OFFERED,
    }
    with pytest.raises(SeatOfferGone, match="Du betaler ikke noget"):
        enrolment.confirm_seat(b, offer_to_b)


def test_confirming_after_expiry_before_the_tick_passes_the_seat_on(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox, clock: Clock
) -> None:
    (a, b, c), session, offer_to_b = seat_offered_to_second(database, enrolment, admin, inbox)
    clock.advance(hours=49)
    with pytest.raises(SeatOfferGone):
        enrolment.confirm_seat(b, offer_to_b)
    assert _statuses(database, session.id)[b] is EnrolmentStatus.LAPSED
    assert _statuses(database, session.id)[c] is EnrolmentStatus.OFFERED


def test_someone_else_cannot_confirm_my_seat(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox
) -> None:
    (_, b, c), session, offer_to_b = seat_offered_to_second(database, enrolment, admin, inbox)
    with pytest.raises(UnknownSession):
        enrolment.confirm_seat(c, offer_to_b)
    assert _statuses(database, session.id)[b] is EnrolmentStatus.OFFERED


def test_seat_offers_never_outlast_the_session(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, clock: Clock
) -> None:
    a, b = add_members(database, 2)
    session = add_session(admin, capacity=1, fee="800 kr.", deadline=None, starts_at=clock.now + timedelta(hours=5), ends_at=clock.now + timedelta(hours=7))
    enrolment.enrol(a, session.id)
    enrolment.enrol(b, session.id)
    enrolment.withdraw(a, "modeledelse")
    [mine] = enrolment.mine(b).enrolments
    assert mine.offer_expires_at == session.starts_at
