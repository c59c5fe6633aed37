"""Staff add, change and cancel sessions: bad input is refused in Danish, changes reach the
people they concern, and more seats move the waitlist up at once."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.enrolment.errors import InvalidSession, SessionCancelled, UnknownSession
from bot.enrolment.service import EnrolmentService
from bot.enrolment.sessions import SessionAdmin, SessionDraft
from bot.storage.db import Database
from tests.enrolment.support import Clock, Inbox, add_members, add_session, draft


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"offer_id": "karaoke"}, "Tilbuddet 'karaoke' findes ikke"),
        ({"offer_id": "mentorordning"}, "Mentorordning har ingen datoer"),
        ({"capacity": 0}, "Antal pladser skal være mellem 1 og"),
        ({"place": None}, "Angiv et sted, eller markér at sessionen er online"),
        ({"place": "x" * 301}, "Stedet må højst være 300 tegn"),
        ({"ends_at": draft().starts_at}, "Sluttidspunktet skal ligge efter starttidspunktet"),
        ({"deadline": draft().starts_at + timedelta(hours=1)}, "Tilmeldingsfristen skal ligge før starten"),
    ],
)
def test_bad_sessions_are_refused(admin: SessionAdmin, changes: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidSession, match=message):
        admin.add(replace(draft(), **changes))  # type: ignore[arg-type]
    assert admin.list() == []


def test_a_session_in_the_past_is_refused(admin: SessionAdmin, clock: Clock) -> None:
    with pytest.raises(InvalidSession, match="fortiden"):
        admin.add(draft(starts_at=clock.now - timedelta(hours=1), ends_at=clock.now + timedelta(hours=1), deadline=None))


def test_add_list_and_get(admin: SessionAdmin) -> None:
    online = admin.add(replace(draft(title="  Mødeledelse   for øvede "), place=None, online=True))
    assert (online.name, online.where, online.fee_text) == ("Mødeledelse for øvede", "Online", "Ingen deltagerbetaling")
    hybrid = add_session(admin, offer_id="staerk-taler", online=True)
    assert hybrid.where == "KL-huset, Weidekampsgade 10 eller online"
    assert [s.id for s in admin.list()] == [online.id, hybrid.id]
    assert [s.id for s in admin.list("staerk-taler")] == [hybrid.id]
    assert admin.get(hybrid.id) == hybrid
    with pytest.raises(UnknownSession):
        admin.get(12345)


def test_more_capacity_moves_the_waitlist_up(
    database: Database, admin: SessionAdmin, enrolment: EnrolmentService, inbox: Inbox
) -> None:
    mayors = add_members(database, 4)
    session = add_session(admin, capacity=1)
    for mayor in mayors:
        enrolment.enrol(mayor, session.id)
    update = admin.change(session.id, replace(SessionDraft.of(session), capacity=3))
    assert (update.moved_up, update.session.taken, update.session.waitlisted) == (2, 3, 1)
    assert [inbox.to(m)[-1].title for m in mayors[1:3]] == ["Du har fået en plads"] * 2
    assert enrolment.mine(mayors[3]).enrolments[0].position == 1


def test_capacity_below_the_seats_taken_is_refused(
    database: Database, admin: SessionAdmin, enrolment: EnrolmentService
) -> None:
    mayors = add_members(database, 3)
    session = add_session(admin, capacity=3)
    for mayor in mayors:
        enrolment.enrol(mayor, session.id)
    with pytest.raises(InvalidSession, match="3 har allerede en plads, så der skal være mindst 3 pladser"):
        admin.change(session.id, replace(SessionDraft.of(session), capacity=2))
    assert admin.get(session.id).capacity == 3


def test_a_new_time_tells_everyone_with_a_new_calendar_file(
    database: Database, admin: SessionAdmin, enrolment: EnrolmentService, inbox: Inbox
) -> None:
    a, b, c = add_members(database, 3)
    session = add_session(admin, capacity=2)
    for mayor in (a, b, c):
        enrolment.enrol(mayor, session.id)
    enrolment.withdraw(a, "modeledelse")
    moved = replace(SessionDraft.of(session), starts_at=session.starts_at + timedelta(hours=1), ends_at=session.ends_at + timedelta(hours=1))
    update = admin.change(session.id, moved)
    assert update.notified == 2
    for mayor in (b, c):
        notice = inbox.to(mayor)[-1]
        assert notice.title == "Ændret tidspunkt eller sted"
        assert "kl. 11.00–14.00" in dict(notice.facts)["Hvornår"] and notice.file is not None
    assert inbox.to(a)[-1].title != "Ændret tidspunkt eller sted"
    fee_only = admin.change(session.id, replace(moved, fee="200 kr."))
    assert fee_only.notified == 0


def test_cancel_tells_everyone_once_and_frees_nobody_into_it(
    database: Database, admin: SessionAdmin, enrolment: EnrolmentService, inbox: Inbox
) -> None:
    mayors = add_members(database, 3)
    session = add_session(admin, capacity=2)
    for mayor in mayors:
        enrolment.enrol(mayor, session.id)
    update = admin.cancel(session.id)
    assert update.notified == 3 and update.session.cancelled
    assert all(inbox.to(m)[-1].title == "Aflyst" for m in mayors)
    assert admin.cancel(session.id).notified == 0
    assert sum(n.title == "Aflyst" for _, n in inbox.sent) == 3
    assert all(enrolment.mine(m).empty for m in mayors)
    with pytest.raises(SessionCancelled):
        admin.change(session.id, SessionDraft.of(session))
    assert admin.get(session.id).taken == 0
    for mayor in mayors:
        with pytest.raises(SessionCancelled):
            enrolment.enrol(mayor, session.id)
    assert [s.cancelled for s in admin.list()] == [True]
