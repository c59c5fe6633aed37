"""Under load, on SQLite and PostgreSQL, with real threads: exactly ``capacity`` seats are ever
taken, the waitlist keeps arrival order, and a double click or a retry never enrols twice."""
from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from sqlalchemy import func, select

from bot.enrolment.errors import AlreadyEnrolled, AlreadyRequested
from bot.enrolment.results import EnrolmentOutcome, RequestOutcome
from bot.enrolment.service import EnrolmentService
from bot.enrolment.sessions import SessionAdmin
from bot.storage.db import Database
from bot.storage.models.enrolment import Enrolment, EnrolmentStatus, OfferRequest
from tests.enrolment.support import Clock, Inbox, add_members, add_session, seat_offered_to_second

T = TypeVar("T")


def _all_at_once(count: int, work: Callable[[int], T]) -> list[T | Exception]:
    """Run ``work(i)`` in ``count`` threads released together by a barrier."""
    barrier = threading.Barrier(count)

    def run(i: int) -> T | Exception:
        barrier.wait()
        try:
            return work(i)
        except Exception as exc:  # collected, so the test sees every outcome
            return exc

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


@dataclass(frozen=True)
class Row:
    user_id: str
    queue_no: int
    status: EnrolmentStatus


def _rows(db: Database, session_id: int) -> list[Row]:
    with db.session() as session:
        query = select(Enrolment).where(Enrolment.session_id == session_id).order_by(Enrolment.queue_no)
        return [Row(e.member.slack_user_id, e.queue_no, e.status) for e in session.scalars(query)]


def test_fifty_at_once_for_ten_seats(database: Database, enrolment: EnrolmentService, admin: SessionAdmin) -> None:
    mayors = add_members(database, 50)
    session = add_session(admin, capacity=10)
    results = _all_at_once(50, lambda i: enrolment.enrol(mayors[i], session.id))

    assert not [r for r in results if isinstance(r, Exception)]
    outcomes = [r for r in results if isinstance(r, EnrolmentOutcome)]
    assert sum(o.status is EnrolmentStatus.ENROLLED for o in outcomes) == 10
    assert sorted(o.position for o in outcomes if o.status is EnrolmentStatus.WAITLISTED) == list(range(1, 41))

    rows = _rows(database, session.id)
    assert [row.queue_no for row in rows] == list(range(1, 51)), "every arrival numbered once, in order"
    assert [row.status for row in rows] == [EnrolmentStatus.ENROLLED] * 10 + [EnrolmentStatus.WAITLISTED] * 40
    told = {o.participant.slack_user_id: o.position for o in outcomes}
    assert [told[row.user_id] for row in rows[10:]] == list(range(1, 41)), "the position each was told is their place in the queue"
    assert admin.get(session.id).taken == 10


def test_double_click_enrols_once(database: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox) -> None:
    [mayor] = add_members(database, 1)
    session = add_session(admin, capacity=5)
    results = _all_at_once(8, lambda _: enrolment.enrol(mayor, session.id))
    assert sum(isinstance(r, EnrolmentOutcome) for r in results) == 1
    assert sum(isinstance(r, AlreadyEnrolled) for r in results) == 7
    [row] = _rows(database, session.id)
    assert row.status is EnrolmentStatus.ENROLLED
    assert len(inbox.to(mayor)) == 1, "one confirmation, not one per click"


def test_parallel_lapse_ticks_pass_each_seat_on_once(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, clock: Clock, inbox: Inbox
) -> None:
    mayors = add_members(database, 12)
    session = add_session(admin, capacity=4, fee="500 kr.")
    for mayor in mayors:
        enrolment.enrol(mayor, session.id)
    for mayor in mayors[:4]:
        enrolment.withdraw(mayor, "modeledelse")
    clock.advance(hours=49)
    lapsed = _all_at_once(4, lambda _: enrolment.lapse_expired_offers(clock.now))
    assert sum(n for n in lapsed if isinstance(n, int)) == 4
    statuses = [row.status for row in _rows(database, session.id)]
    assert statuses == [EnrolmentStatus.WITHDRAWN] * 4 + [EnrolmentStatus.LAPSED] * 4 + [EnrolmentStatus.OFFERED] * 4
    assert all(len([n for n in inbox.to(m) if n.title == "Pladstilbuddet er udløbet"]) == 1 for m in mayors[4:8])


def test_confirm_racing_the_lapse_tick_is_one_or_the_other(
    database: Database, enrolment: EnrolmentService, admin: SessionAdmin, clock: Clock, inbox: Inbox
) -> None:
    (_, b, c), session, offer_id = seat_offered_to_second(database, enrolment, admin, inbox)
    clock.advance(hours=48, seconds=-1)
    tick_at = clock.now + timedelta(seconds=2)
    results = _all_at_once(2, lambda i: enrolment.confirm_seat(b, offer_id) if i == 0 else enrolment.lapse_expired_offers(tick_at))
    rows = {row.user_id: row.status for row in _rows(database, session.id)}
    if isinstance(results[0], EnrolmentOutcome):
        assert results[1] == 0 and rows[b] is EnrolmentStatus.ENROLLED and rows[c] is EnrolmentStatus.WAITLISTED
    else:
        assert results[1] == 1 and rows[b] is EnrolmentStatus.LAPSED and rows[c] is EnrolmentStatus.OFFERED


def test_a_request_clicked_many_times_is_one_request(database: Database, enrolment: EnrolmentService, inbox: Inbox) -> None:
    [mayor] = add_members(database, 1)
    results = _all_at_once(6, lambda _: enrolment.request(mayor, "mentorordning"))
    assert sum(isinstance(r, RequestOutcome) for r in results) == 1
    assert all(isinstance(r, (RequestOutcome, AlreadyRequested)) for r in results), results
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(OfferRequest)) == 1
    assert len(inbox.to(mayor)) == 1
