"""Seat accounting inside one transaction: lock a session, count what is taken, number the
queue and move the waitlist up. Every function takes the caller's ORM session, so the
read-check-write of a seat always happens in the transaction that holds the lock.

The lock is the session row: SELECT ... FOR UPDATE on PostgreSQL; on SQLite that clause is
dropped, and the BEGIN IMMEDIATE every transaction starts with (bot/storage/db.py) holds the
database's write lock from the first read instead.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.catalogue.model import Catalogue
from bot.enrolment.results import SessionView
from bot.storage.models.enrolment import SEAT_HOLDING, Enrolment, EnrolmentStatus, OfferSession

SEAT_HOLD = timedelta(hours=48)


def lock_session(session: Session, session_id: int) -> OfferSession | None:
    query = select(OfferSession).where(OfferSession.id == session_id).with_for_update()
    return session.scalar(query.execution_options(populate_existing=True))


def enrolment_of(session: Session, session_id: int, member_id: int) -> Enrolment | None:
    """Read after the lock, so a status changed by a transaction that held it first is seen."""
    query = select(Enrolment).where(Enrolment.session_id == session_id, Enrolment.member_id == member_id)
    return session.scalar(query.execution_options(populate_existing=True))


def _counts(session: Session, session_ids: list[int]) -> dict[tuple[int, EnrolmentStatus], int]:
    if not session_ids:
        return {}
    rows = session.execute(
        select(Enrolment.session_id, Enrolment.status, func.count())
        .where(Enrolment.session_id.in_(session_ids))
        .group_by(Enrolment.session_id, Enrolment.status)
    )
    return {(session_id, status): count for session_id, status, count in rows}


def view_of(row: OfferSession, catalogue: Catalogue, taken: int, waitlisted: int) -> SessionView:
    offer = catalogue.known(row.offer_id)
    return SessionView(
        id=row.id,
        offer_id=row.offer_id,
        offer_title=offer.title if offer else row.offer_id,
        title=row.title,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        place=row.place,
        online=row.online,
        capacity=row.capacity,
        fee=row.fee,
        deadline=row.deadline,
        audience=row.audience,
        cancelled=row.cancelled,
        taken=taken,
        waitlisted=waitlisted,
        sequence=row.sequence,
    )


def seat_counts(session: Session, rows: list[OfferSession]) -> dict[int, tuple[int, int]]:
    """(seats taken, waitlisted) per session, in one query."""
    counts = _counts(session, [row.id for row in rows])
    return {
        row.id: (
            sum(counts.get((row.id, status), 0) for status in SEAT_HOLDING),
            counts.get((row.id, EnrolmentStatus.WAITLISTED), 0),
        )
        for row in rows
    }


def session_views(session: Session, rows: Iterable[OfferSession], catalogue: Catalogue) -> list[SessionView]:
    rows = list(rows)
    counts = seat_counts(session, rows)
    return [view_of(row, catalogue, *counts[row.id]) for row in rows]


def session_view(session: Session, row: OfferSession, catalogue: Catalogue) -> SessionView:
    return session_views(session, [row], catalogue)[0]


def seats_taken(session: Session, row: OfferSession) -> int:
    return session.scalar(
        select(func.count()).where(Enrolment.session_id == row.id, Enrolment.status.in_(SEAT_HOLDING))
    ) or 0


def waitlist(session: Session, row: OfferSession) -> list[Enrolment]:
    query = (
        select(Enrolment)
        .where(Enrolment.session_id == row.id, Enrolment.status == EnrolmentStatus.WAITLISTED)
        .order_by(Enrolment.queue_no)
    )
    return list(session.scalars(query.execution_options(populate_existing=True)))


def waitlist_position(session: Session, enrolment: Enrolment) -> int:
    ahead = session.scalar(
        select(func.count()).where(
            Enrolment.session_id == enrolment.session_id,
            Enrolment.status == EnrolmentStatus.WAITLISTED,
            Enrolment.queue_no < enrolment.queue_no,
        )
    )
    return (ahead or 0) + 1


def next_queue_no(row: OfferSession) -> int:
    """Numbered under the session's lock, so the order of the queue is the order of arrival."""
    row.queue_counter += 1
    return row.queue_counter


def fill_seats(session: Session, row: OfferSession, now: datetime, hold: timedelta) -> list[Enrolment]:
    """Give free seats to the waitlist in queue order: enrolled at once when the session is free
    of charge; offered for ``hold`` when it has a fee, because nobody pays for a seat they did
    not say yes to. A cancelled or started session hands out nothing."""
    if row.cancelled or row.starts_at <= now:
        return []
    free = row.capacity - seats_taken(session, row)
    if free <= 0:
        return []
    moved = waitlist(session, row)[:free]
    for enrolment in moved:
        if row.fee:
            enrolment.status = EnrolmentStatus.OFFERED
            enrolment.offer_expires_at = min(now + hold, row.starts_at)
        else:
            enrolment.status = EnrolmentStatus.ENROLLED
    session.flush()
    return moved
