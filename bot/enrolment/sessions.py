"""Staff add, change and cancel an offer's dated sessions (from the Slack modal or the CLI).

A change that moves the time or place tells everyone with a seat or a waitlist place, with a new
calendar file; more capacity moves the waitlist up at once; a cancellation tells them all.
"""
from __future__ import annotations

import builtins
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.catalogue.names import offer_named
from bot.catalogue.schema import EnrolmentKind
from bot.clock import moment_text
from bot.danish import count
from bot.enrolment import notices
from bot.enrolment.context import EnrolmentContext
from bot.enrolment.errors import (
    KIND_NAMES,
    InvalidSession,
    SessionCancelled,
    UnknownSession,
)
from bot.enrolment.results import SessionView
from bot.enrolment.seats import (
    fill_seats,
    lock_session,
    seats_taken,
    session_view,
    session_views,
)
from bot.inbound import claim_once
from bot.notify import Letter, Notice
from bot.staffdesk.audit import COMMAND_LINE, Action, AuditLog
from bot.storage.models.enrolment import (
    ACTIVE,
    Audience,
    Enrolment,
    EnrolmentStatus,
    OfferSession,
)

MAX_CAPACITY = 10_000
_LIMITS = {"title": 200, "place": 300, "fee": 200}
_FIELD_NAMES = {"title": "Titlen", "place": "Stedet", "fee": "Prisen"}


@dataclass(frozen=True)
class SessionDraft:
    """A session as staff describe it; ``fee`` is free text ("1.500 kr. ekskl. moms") and, when
    set, makes a freed seat an offer to confirm rather than an automatic place."""

    offer_id: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    place: str | None = None
    online: bool = False
    fee: str | None = None
    deadline: datetime | None = None
    audience: Audience = Audience.ALL
    title: str | None = None

    @classmethod
    def of(cls, view: SessionView) -> "SessionDraft":
        return cls(
            offer_id=view.offer_id,
            starts_at=view.starts_at,
            ends_at=view.ends_at,
            capacity=view.capacity,
            place=view.place,
            online=view.online,
            fee=view.fee,
            deadline=view.deadline,
            audience=view.audience,
            title=view.title,
        )

    def cleaned(self) -> "SessionDraft":
        def text(value: str | None) -> str | None:
            return " ".join(value.split()) or None if value else None

        return replace(self, place=text(self.place), fee=text(self.fee), title=text(self.title))


@dataclass(frozen=True)
class SessionUpdate:
    session: SessionView
    notified: int = 0
    moved_up: int = 0


class SessionAdmin:
    def __init__(self, context: EnrolmentContext) -> None:
        self._context = context
        self._db = context.db
        self._postman = context.postman
        self._clock = context.clock
        self._hold = context.seat_hold

    def _check(self, draft: SessionDraft, *, new: bool) -> SessionDraft:
        draft = draft.cleaned()
        offer = offer_named(self._context.catalogue, draft.offer_id)
        if offer is None:
            raise InvalidSession(f"Tilbuddet '{draft.offer_id}' findes ikke i kataloget. Skriv tilbuddets navn, fx 'mødeledelse'.", "offer_id")
        draft = replace(draft, offer_id=offer.id)
        if offer.enrolment.kind is not EnrolmentKind.SESSION:
            raise InvalidSession(
                f"{offer.title} har ingen datoer (her sker tilmelding som {KIND_NAMES[offer.enrolment.kind]}). Vælg et tilbud med datoer.",
                "offer_id",
            )
        for name, limit in _LIMITS.items():
            value = getattr(draft, name)
            if value and len(value) > limit:
                raise InvalidSession(f"{_FIELD_NAMES[name]} må højst være {limit} tegn.", name)
        if not 1 <= draft.capacity <= MAX_CAPACITY:
            raise InvalidSession(f"Antal pladser skal være mellem 1 og {MAX_CAPACITY}, ikke {draft.capacity}.", "capacity")
        if draft.ends_at <= draft.starts_at:
            raise InvalidSession("Sluttidspunktet skal ligge efter starttidspunktet.", "ends_at")
        if draft.deadline is not None and draft.deadline > draft.starts_at:
            raise InvalidSession(f"Tilmeldingsfristen skal ligge før starten ({moment_text(draft.starts_at)}).", "deadline")
        if not draft.place and not draft.online:
            raise InvalidSession("Angiv et sted, eller markér at sessionen er online.", "place")
        if new and draft.starts_at <= self._clock():
            raise InvalidSession("Starttidspunktet ligger i fortiden. Angiv en kommende dato.", "starts_at")
        return draft

    def get(self, session_id: int) -> SessionView:
        with self._db.session() as session:
            row = session.get(OfferSession, session_id)
            if row is None:
                raise UnknownSession()
            return session_view(session, row, self._context.catalogue)

    def list(self, offer_id: str | None = None, *, include_past: bool = False) -> list[SessionView]:
        """``offer_id`` as people write it (see bot.catalogue.names)."""
        query = select(OfferSession).order_by(OfferSession.starts_at, OfferSession.id)
        if offer_id:
            named = offer_named(self._context.catalogue, offer_id)
            query = query.where(OfferSession.offer_id == (named.id if named else offer_id))
        if not include_past:
            query = query.where(OfferSession.ends_at > self._clock())
        with self._db.session() as session:
            return session_views(session, session.scalars(query), self._context.catalogue)

    def add(self, draft: SessionDraft, *, once: str | None = None, by: str = COMMAND_LINE) -> SessionView:
        """``once`` is the submission's identity: the same form posted again adds nothing. ``by``
        is the staff member (Slack id) or the command line, for the audit log."""
        draft = self._check(draft, new=True)
        with self._db.session() as session:
            claim_once(session, once)
            row = OfferSession(**vars(draft))
            session.add(row)
            session.flush()
            view = session_view(session, row, self._context.catalogue)
            AuditLog.add(session, by, Action.SESSION_CREATED, f"{view.name} {view.when}", f"{view.where}, {view.seats_text}")
            return view

    @staticmethod
    def _active(session: Session, row: OfferSession) -> builtins.list[Enrolment]:
        query = select(Enrolment).where(Enrolment.session_id == row.id, Enrolment.status.in_(ACTIVE))
        return list(session.scalars(query.order_by(Enrolment.queue_no)))

    def change(self, session_id: int, draft: SessionDraft, *, by: str = COMMAND_LINE) -> SessionUpdate:
        draft = self._check(draft, new=False)
        now = self._clock()
        with self._db.session() as session:
            row = lock_session(session, session_id)
            if row is None:
                raise UnknownSession()
            if row.cancelled:
                raise SessionCancelled(session_view(session, row, self._context.catalogue).name, row.starts_at)
            if draft.offer_id != row.offer_id:
                raise InvalidSession("En dato kan ikke flyttes til et andet tilbud. Aflys den, og opret en ny.", "offer_id")
            taken = seats_taken(session, row)
            if draft.capacity < taken:
                raise InvalidSession(
                    f"{taken} har allerede en plads, så der skal være mindst {count(taken, 'plads', 'pladser')}. Afmeld deltagere først, hvis der skal være færre.",
                    "capacity",
                )
            moved_in_time_or_place = (draft.starts_at, draft.ends_at, draft.place, draft.online) != (
                row.starts_at,
                row.ends_at,
                row.place,
                row.online,
            )
            for name, value in vars(draft).items():
                setattr(row, name, value)
            if moved_in_time_or_place:
                row.sequence += 1
            session.flush()
            letters: list[Letter] = []
            if moved_in_time_or_place:
                view = session_view(session, row, self._context.catalogue)
                letters = self._letters(self._active(session, row), notices.changed(view, stamp=now))
            moved = fill_seats(session, row, now, self._hold)
            view = session_view(session, row, self._context.catalogue)
            letters += notices.moved_up(view, moved, stamp=now)
            update = SessionUpdate(session=view, notified=len(letters), moved_up=len(moved))
            AuditLog.add(session, by, Action.SESSION_CHANGED, f"{view.name} {view.when}", f"{view.where}, {view.seats_text}")
        self._postman.deliver(letters)
        return update

    @staticmethod
    def _letters(enrolments: builtins.list[Enrolment], notice: Notice) -> builtins.list[Letter]:
        return [Letter(e.member.slack_user_id, notice) for e in enrolments]

    def cancel(self, session_id: int, *, by: str = COMMAND_LINE) -> SessionUpdate:
        """Cancel and tell everyone who had a seat, a seat offer or a waitlist place. Cancelling
        twice tells nobody twice."""
        now = self._clock()
        with self._db.session() as session:
            row = lock_session(session, session_id)
            if row is None:
                raise UnknownSession()
            if row.cancelled:
                return SessionUpdate(session=session_view(session, row, self._context.catalogue))
            row.cancelled_at = now
            row.sequence += 1
            affected = self._active(session, row)
            view = session_view(session, row, self._context.catalogue)
            organizer = self._context.catalogue.contact.email
            letters = self._letters(affected, notices.cancelled(view, stamp=now, organizer=organizer))
            for enrolment in affected:
                enrolment.status = EnrolmentStatus.CANCELLED
                enrolment.offer_expires_at = None
            session.flush()
            update = SessionUpdate(session=session_view(session, row, self._context.catalogue), notified=len(letters))
            AuditLog.add(session, by, Action.SESSION_CANCELLED, f"{view.name} {view.when}", f"{len(letters)} fik besked")
        self._postman.deliver(letters)
        return update
