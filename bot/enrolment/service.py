"""The enrolment rules: plan, enrol, request, withdraw, list mine, confirm an offered seat, and
let unconfirmed seat offers lapse so the next in line is asked.

Every change happens in one transaction that first locks the session row (see seats.py); the
private messages it causes are collected while it runs and sent after it commits.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.catalogue.names import offer_named
from bot.catalogue.schema import EnrolmentKind, Offer
from bot.enrolment import notices
from bot.enrolment.context import EnrolmentContext
from bot.enrolment.errors import (
    AlreadyEnrolled,
    AlreadyRequested,
    AudienceNotAllowed,
    AwaitingApproval,
    DeadlinePassed,
    EnrolmentError,
    NoMayorLinked,
    NoSessions,
    NotApproved,
    NotEnrolled,
    NothingToEnrol,
    NotRegistered,
    SeatOfferGone,
    SessionCancelled,
    SessionStarted,
    UnknownOffer,
    UnknownSession,
)
from bot.enrolment.results import (
    EnrolmentOutcome,
    EnrolmentPlan,
    MyEnrolment,
    OpenOffer,
    Overview,
    RequestOutcome,
    RequestView,
    SessionChoice,
    SessionView,
    WithdrawOutcome,
)
from bot.enrolment.seats import (
    enrolment_of,
    fill_seats,
    lock_session,
    next_queue_no,
    seat_counts,
    session_view,
    session_views,
    view_of,
    waitlist_position,
)
from bot.enrolment.staff_items import paid_seat_given_up, request_item
from bot.members.directory import member_by_slack_id, member_info
from bot.notify import Letter
from bot.storage.models.enrolment import (
    ACTIVE,
    SEAT_HOLDING,
    Audience,
    Enrolment,
    EnrolmentStatus,
    OfferRequest,
    OfferSession,
    RequestKind,
    RequestStatus,
)
from bot.storage.models.members import Approval, Member, Role
from bot.storage.models.staff import ItemKind

MAX_NOTE = 2000
OfferMatcher = Callable[[str], list[Offer]]


OFFER_CHOICES = 25
"""How many offers "which one do you mean?" lists at most: one button each, as many as Slack puts
in one row of buttons, so a whole group that matches ("temasession": nine) is shown, not five."""


class EnrolmentService:
    def __init__(self, context: EnrolmentContext, match_offers: OfferMatcher) -> None:
        self._context = context
        self._db = context.db
        self._postman = context.postman
        self._match = match_offers
        self._clock = context.clock
        self._hold = context.seat_hold

    # -- lookups -----------------------------------------------------------------------------

    def find_offers(self, text: str, command: str = "/tilmeld") -> list[Offer]:
        """The offers a person means by what they typed; several mean "ask which one". A name
        written out (the id, with or without æøå, or the title) is that one offer."""
        named = offer_named(self._context.catalogue, text[:200])
        if named is not None:
            return [named]
        found = self._match(text[:200]) if text.strip() else []
        if not found:
            raise UnknownOffer(text, command)
        return found

    def open_offers(self) -> list[OpenOffer]:
        """The offers one can enrol in now (/tilmeld with no words): those with upcoming dates
        whose deadline has not passed, with how many dates and free seats, soonest first."""
        now = self._clock()
        with self._db.session() as session:
            rows = list(
                session.scalars(
                    select(OfferSession)
                    .where(OfferSession.cancelled_at.is_(None), OfferSession.starts_at > now)
                    .where(OfferSession.deadline.is_(None) | (OfferSession.deadline >= now))
                    .order_by(OfferSession.starts_at)
                )
            )
            views = self._views(session, rows)
        found: dict[str, OpenOffer] = {}
        for view in views:
            offer = self._context.catalogue.get(view.offer_id)
            if offer is None:
                continue
            known = found.get(offer.id)
            found[offer.id] = OpenOffer(offer, (known.dates if known else 0) + 1, (known.seats if known else 0) + view.seats_left)
        return list(found.values())

    def find_offers_to_withdraw(self, actor_id: str, text: str) -> list[Offer]:
        """As find_offers, but when several match, the ones the person is enrolled in or has
        asked for are the ones they mean."""
        found = self.find_offers(text, "/afmeld")
        if len(found) == 1:
            return found
        overview = self.mine(actor_id)
        taken = {e.session.offer_id for e in overview.enrolments} | {r.offer_id for r in overview.requests}
        return [offer for offer in found if offer.id in taken] or found

    def _offer(self, offer_id: str) -> Offer:
        offer = self._context.catalogue.get(offer_id)
        if offer is None:
            raise UnknownOffer(offer_id)
        return offer

    def _people(self, session: Session, actor_id: str) -> tuple[Member, Member]:
        """(who acts, who takes part): a linked secretariat acts for its mayor."""
        actor = session.scalar(select(Member).where(Member.slack_user_id == actor_id))
        if actor is None:
            raise NotRegistered()
        if actor.approval is Approval.PENDING:
            raise AwaitingApproval(actor.municipality)
        if actor.approval is Approval.REJECTED:
            raise NotApproved(self._context.catalogue.contact)
        if actor.role is not Role.SECRETARIAT:
            return actor, actor
        if actor.acts_for is None:
            raise NoMayorLinked(self._context.catalogue.contact)
        return actor, actor.acts_for

    def _title(self, offer_id: str) -> str:
        offer = self._context.catalogue.known(offer_id)
        return offer.title if offer else offer_id

    def _views(self, session: Session, rows: list[OfferSession]) -> list[SessionView]:
        return session_views(session, rows, self._context.catalogue)

    def _closed_reason(self, row: OfferSession, participant: Member, now: datetime) -> str | None:
        if row.deadline is not None and row.deadline < now:
            return "Tilmeldingsfristen er overskredet"
        if row.audience is Audience.FIRST_TERM and not participant.first_term:
            return "Kun for nyvalgte borgmestre"
        return None

    # -- planning ----------------------------------------------------------------------------

    def plan(self, actor_id: str, offer_id: str) -> EnrolmentPlan:
        """What to show before anything is stored. An offer with nothing to enrol in is
        explained (NothingToEnrol) before asking who the person is."""
        offer = self._offer(offer_id)
        if offer.enrolment.kind is EnrolmentKind.NONE:
            raise NothingToEnrol(offer)
        now = self._clock()
        with self._db.session() as session:
            actor, participant = self._people(session, actor_id)
            base: dict[str, Any] = {"offer": offer, "actor": member_info(actor), "participant": member_info(participant)}
            if offer.enrolment.kind is not EnrolmentKind.SESSION:
                request = session.scalar(
                    select(OfferRequest).where(
                        OfferRequest.offer_id == offer.id,
                        OfferRequest.member_id == participant.id,
                        OfferRequest.status == RequestStatus.OPEN,
                    )
                )
                return EnrolmentPlan(**base, request=RequestView.of(request, offer.title) if request else None)
            rows = list(
                session.scalars(
                    select(OfferSession)
                    .where(OfferSession.offer_id == offer.id, OfferSession.cancelled_at.is_(None), OfferSession.starts_at > now)
                    .order_by(OfferSession.starts_at)
                )
            )
            if not rows:
                raise NoSessions(offer, self._context.catalogue.contact)
            mine = {
                e.session_id: e
                for e in session.scalars(
                    select(Enrolment).where(
                        Enrolment.member_id == participant.id,
                        Enrolment.session_id.in_([row.id for row in rows]),
                        Enrolment.status.in_(ACTIVE),
                    )
                )
            }
            choices = []
            for row, view in zip(rows, self._views(session, rows), strict=True):
                own = mine.get(row.id)
                position = waitlist_position(session, own) if own and own.status is EnrolmentStatus.WAITLISTED else None
                choices.append(
                    SessionChoice(
                        session=view,
                        status=own.status if own else None,
                        position=position,
                        closed=self._closed_reason(row, participant, now),
                    )
                )
            return EnrolmentPlan(**base, sessions=tuple(choices))

    # -- sessions ----------------------------------------------------------------------------

    def _refuse_if_not_open(
        self, session: Session, row: OfferSession, participant: Member, existing: Enrolment | None, on_behalf: bool, now: datetime
    ) -> None:
        name = row.title or self._title(row.offer_id)
        contact = self._context.catalogue.contact
        if row.cancelled:
            raise SessionCancelled(name, row.starts_at)
        if row.starts_at <= now:
            raise SessionStarted(name, row.starts_at)
        if existing is not None and existing.status in ACTIVE:
            who = participant.name if on_behalf else "Du"
            verb = "er" if existing.status is EnrolmentStatus.ENROLLED else "står"
            state = {
                EnrolmentStatus.ENROLLED: f"{who} {verb} allerede tilmeldt",
                EnrolmentStatus.WAITLISTED: f"{who} {verb} allerede som nr. {waitlist_position(session, existing)} på ventelisten til",
                EnrolmentStatus.OFFERED: f"{who} har allerede fået tilbudt en plads (bekræft den med knappen i beskeden) på",
            }[existing.status]
            raise AlreadyEnrolled(name, row.starts_at, state)
        if row.deadline is not None and row.deadline < now:
            raise DeadlinePassed(name, row.starts_at, row.deadline, contact)
        if row.audience is Audience.FIRST_TERM and not participant.first_term:
            raise AudienceNotAllowed(name, row.starts_at, contact)

    def enrol(self, actor_id: str, session_id: int) -> EnrolmentOutcome:
        """Take a seat, or a place on the waitlist when the session is full. Checking the seats
        and taking one happen in the same locked transaction, so exactly ``capacity`` seats
        are ever taken, however many people press at once. The transaction does only what
        needs the lock; the messages are written after it."""
        now = self._clock()
        with self._db.session() as session:
            actor, participant = self._people(session, actor_id)
            on_behalf = actor.id != participant.id
            who = member_info(participant)
            row = lock_session(session, session_id)
            if row is None:
                raise UnknownSession()
            enrolment = enrolment_of(session, row.id, participant.id)
            self._refuse_if_not_open(session, row, participant, enrolment, on_behalf, now)
            taken, waiting = seat_counts(session, [row])[row.id]
            free = taken < row.capacity and not waiting
            status = EnrolmentStatus.ENROLLED if free else EnrolmentStatus.WAITLISTED
            if enrolment is None:
                enrolment = Enrolment(session_id=row.id, member_id=participant.id)
                session.add(enrolment)
            elif free:
                row.sequence += 1  # above the cancelling .ics an earlier withdrawal sent
            enrolment.status = status
            enrolment.queue_no = next_queue_no(row)
            enrolment.offer_expires_at = None
            enrolment.enrolled_by_id = actor.id if on_behalf else None
            view = view_of(row, self._context.catalogue, taken + free, waiting + (not free))
            by = actor.name if on_behalf else None
            recipients = [(participant.slack_user_id, None, by)] + ([(actor.slack_user_id, participant.name, None)] if on_behalf else [])
        position = None if free else waiting + 1
        letters = [
            Letter(
                user_id,
                notices.enrolled(view, stamp=now, for_name=for_name, by=by_name)
                if free
                else notices.waitlisted(view, waiting + 1, for_name=for_name, by=by_name),
            )
            for user_id, for_name, by_name in recipients
        ]
        self._postman.deliver(letters)
        return EnrolmentOutcome(session=view, status=status, participant=who, on_behalf=on_behalf, position=position)

    def _seat_letters(self, session: Session, row: OfferSession, moved: list[Enrolment], now: datetime) -> list[Letter]:
        if not moved:
            return []
        return notices.moved_up(session_view(session, row, self._context.catalogue), moved, stamp=now)

    def withdraw(self, actor_id: str, offer_id: str, session_id: int | None = None, *, ask_about_fee: bool = False) -> WithdrawOutcome:
        """Give up a seat, a waitlist place or a request. A freed seat goes to the first on the
        waitlist in the same transaction; a request withdrawn closes its item on the staff desk.
        With ``ask_about_fee`` (a person's first /afmeld) a seat with a fee is not given up yet:
        ``to_confirm`` says what it costs, and the adapter asks again without. Staff are told
        when a paid seat is given up."""
        offer = self._offer(offer_id)
        now = self._clock()
        letters: list[Letter] = []
        with self._db.session() as session:
            actor, participant = self._people(session, actor_id)
            ids = list(
                session.scalars(
                    select(OfferSession.id)
                    .join(Enrolment, Enrolment.session_id == OfferSession.id)
                    .where(
                        Enrolment.member_id == participant.id,
                        Enrolment.status.in_(ACTIVE),
                        OfferSession.offer_id == offer.id,
                        OfferSession.cancelled_at.is_(None),
                        OfferSession.starts_at > now,
                    )
                    .order_by(OfferSession.starts_at)
                )
            )
            if session_id is not None:
                ids = [i for i in ids if i == session_id]
            given_up = None
            if not ids:
                outcome = self._withdraw_request(session, offer, participant)
            elif len(ids) > 1:
                rows = [session.get_one(OfferSession, i) for i in ids]
                return WithdrawOutcome(offer=offer, choices=tuple(self._views(session, rows)))
            else:
                row = lock_session(session, ids[0])
                assert row is not None
                enrolment = enrolment_of(session, row.id, participant.id)
                if enrolment is None or enrolment.status not in ACTIVE:
                    raise NotEnrolled(offer)
                paid = row.fee is not None and enrolment.status in SEAT_HOLDING
                if paid and ask_about_fee:
                    view = session_view(session, row, self._context.catalogue)
                    return WithdrawOutcome(offer=offer, to_confirm=view, fee_terms=notices.fee_terms(view, offer, self._context.catalogue.contact))
                had_calendar_entry = enrolment.status is EnrolmentStatus.ENROLLED
                enrolment.status = EnrolmentStatus.WITHDRAWN
                enrolment.offer_expires_at = None
                if had_calendar_entry:
                    row.sequence += 1
                    view = session_view(session, row, self._context.catalogue)
                    organizer = self._context.catalogue.contact.email
                    letters.append(Letter(participant.slack_user_id, notices.withdrawn(view, stamp=now, organizer=organizer)))
                moved = fill_seats(session, row, now, self._hold)
                letters += self._seat_letters(session, row, moved, now)
                outcome = WithdrawOutcome(offer=offer, session=session_view(session, row, self._context.catalogue))
                given_up = paid_seat_given_up(outcome.session, participant, actor) if paid and outcome.session else None
        if outcome.request is not None:
            self._context.desk.withdrawn(ItemKind.REQUEST, outcome.request.id, actor.name)
        elif outcome.session is not None and given_up:
            self._context.desk.tell(given_up)
        self._postman.deliver(letters)
        return outcome

    @staticmethod
    def _withdraw_request(session: Session, offer: Offer, participant: Member) -> WithdrawOutcome:
        request = session.scalar(
            select(OfferRequest).where(
                OfferRequest.offer_id == offer.id,
                OfferRequest.member_id == participant.id,
                OfferRequest.status == RequestStatus.OPEN,
            )
        )
        if request is None:
            raise NotEnrolled(offer)
        request.status = RequestStatus.WITHDRAWN
        session.flush()
        return WithdrawOutcome(offer=offer, request=RequestView.of(request, offer.title))

    def confirm_seat(self, actor_id: str, enrolment_id: int) -> EnrolmentOutcome:
        """Say yes to an offered seat. Past its expiry the seat is passed on instead, at once,
        and the person is told they pay nothing."""
        now = self._clock()
        letters: list[Letter] = []
        refusal: EnrolmentError | None = None
        with self._db.session() as session:
            actor, participant = self._people(session, actor_id)
            enrolment = session.get(Enrolment, enrolment_id)
            if enrolment is None or enrolment.member_id != participant.id:
                raise UnknownSession()
            row = lock_session(session, enrolment.session_id)
            assert row is not None
            session.refresh(enrolment)
            view = session_view(session, row, self._context.catalogue)
            if enrolment.status is EnrolmentStatus.ENROLLED:
                raise AlreadyEnrolled(view.name, row.starts_at, "Du har allerede bekræftet pladsen og er tilmeldt")
            if enrolment.status is not EnrolmentStatus.OFFERED or enrolment.offer_expires_at is None:
                raise SeatOfferGone(view.name, row.starts_at)
            if enrolment.offer_expires_at <= now:
                enrolment.status = EnrolmentStatus.LAPSED
                enrolment.offer_expires_at = None
                letters = self._seat_letters(session, row, fill_seats(session, row, now, self._hold), now)
                refusal = SeatOfferGone(view.name, row.starts_at)
            else:
                enrolment.status = EnrolmentStatus.ENROLLED
                enrolment.offer_expires_at = None
                session.flush()
                view = session_view(session, row, self._context.catalogue)
                letters.append(Letter(participant.slack_user_id, notices.enrolled(view, stamp=now)))
                outcome = EnrolmentOutcome(
                    session=view,
                    status=EnrolmentStatus.ENROLLED,
                    participant=member_info(participant),
                    on_behalf=actor.id != participant.id,
                )
        self._postman.deliver(letters)
        if refusal is not None:
            raise refusal
        return outcome

    def lapse_expired_offers(self, now: datetime | None = None) -> int:
        """Seat offers not confirmed in time go to the next in line. Called from the scheduler's
        tick and from the CLI; safe to run from several places at once (each session is locked,
        and an offer confirmed meanwhile is left alone). Returns how many lapsed."""
        now = now or self._clock()
        with self._db.session() as session:
            session_ids = list(
                session.scalars(
                    select(Enrolment.session_id)
                    .where(Enrolment.status == EnrolmentStatus.OFFERED, Enrolment.offer_expires_at <= now)
                    .distinct()
                )
            )
        lapsed = 0
        for session_id in session_ids:
            letters: list[Letter] = []
            with self._db.session() as session:
                row = lock_session(session, session_id)
                if row is None:
                    continue
                expired = list(
                    session.scalars(
                        select(Enrolment)
                        .where(
                            Enrolment.session_id == row.id,
                            Enrolment.status == EnrolmentStatus.OFFERED,
                            Enrolment.offer_expires_at <= now,
                        )
                        .execution_options(populate_existing=True)
                    )
                )
                view = session_view(session, row, self._context.catalogue)
                for enrolment in expired:
                    enrolment.status = EnrolmentStatus.LAPSED
                    enrolment.offer_expires_at = None
                    letters.append(Letter(enrolment.member.slack_user_id, notices.seat_lapsed(view)))
                session.flush()
                letters += self._seat_letters(session, row, fill_seats(session, row, now, self._hold), now)
                lapsed += len(expired)
            self._postman.deliver(letters)
        return lapsed

    def refill(self, session_ids: Iterable[int]) -> None:
        """Seats freed outside enrolment (a person forgotten under GDPR) go to the waitlist, the
        normal automatic promotion, and the people moved up are told."""
        now = self._clock()
        for session_id in session_ids:
            with self._db.session() as session:
                row = lock_session(session, session_id)
                letters = [] if row is None else self._seat_letters(session, row, fill_seats(session, row, now, self._hold), now)
            self._postman.deliver(letters)

    # -- requests ----------------------------------------------------------------------------

    def request(self, actor_id: str, offer_id: str, note: str | None = None) -> RequestOutcome:
        """Ask for a mentor, sparring, makkerskab or a network place; staff follow it up."""
        offer = self._offer(offer_id)
        kinds = {EnrolmentKind.REQUEST: RequestKind.REQUEST, EnrolmentKind.MEMBERSHIP: RequestKind.MEMBERSHIP}
        if offer.enrolment.kind is EnrolmentKind.NONE:
            raise NothingToEnrol(offer)
        if offer.enrolment.kind not in kinds:
            raise EnrolmentError(f"{offer.title} har datoer, du kan vælge imellem: skriv /tilmeld {offer.title}.")
        clean_note = " ".join((note or "").split())[:MAX_NOTE] or None
        try:
            with self._db.session() as session:
                actor, participant = self._people(session, actor_id)
                on_behalf = actor.id != participant.id
                request = session.scalar(
                    select(OfferRequest).where(OfferRequest.offer_id == offer.id, OfferRequest.member_id == participant.id)
                )
                if request is not None and request.status is RequestStatus.OPEN:
                    raise AlreadyRequested(offer, request.created_at)
                if request is None:
                    request = OfferRequest(offer_id=offer.id, member_id=participant.id, kind=kinds[offer.enrolment.kind])
                    session.add(request)
                request.status = RequestStatus.OPEN
                request.note = clean_note
                request.requested_by_id = actor.id if on_behalf else None
                request.created_at = self._clock()
                request.handled_at = None
                session.flush()
                view = RequestView.of(request, offer.title)
                letters = [Letter(participant.slack_user_id, notices.request_received(view, by=actor.name if on_behalf else None))]
                if on_behalf:
                    letters.append(Letter(actor.slack_user_id, notices.request_received(view, for_name=participant.name)))
                outcome = RequestOutcome(request=view, participant=member_info(participant), on_behalf=on_behalf)
                draft = request_item(view, participant, actor if on_behalf else None)
        except IntegrityError:
            with self._db.session() as session:
                _actor, participant = self._people(session, actor_id)
                since = session.scalar(
                    select(OfferRequest.created_at).where(OfferRequest.offer_id == offer.id, OfferRequest.member_id == participant.id)
                )
            raise AlreadyRequested(offer, since or self._clock()) from None
        self._postman.deliver(letters)
        self._context.desk.open(draft)
        return outcome

    # -- overview ----------------------------------------------------------------------------

    def mine(self, actor_id: str) -> Overview:
        """Upcoming sessions (seats, waitlist places with position, seat offers) and open
        requests; a secretariat sees its mayor's."""
        now = self._clock()
        with self._db.session() as session:
            actor = member_by_slack_id(session, actor_id)
            if actor is None:
                return Overview(participant=None)
            participant = actor.acts_for if actor.role is Role.SECRETARIAT and actor.acts_for else actor
            pairs = list(
                session.execute(
                    select(Enrolment, OfferSession)
                    .join(OfferSession, Enrolment.session_id == OfferSession.id)
                    .where(
                        Enrolment.member_id == participant.id,
                        Enrolment.status.in_(ACTIVE),
                        OfferSession.cancelled_at.is_(None),
                        OfferSession.ends_at > now,
                    )
                    .order_by(OfferSession.starts_at)
                )
            )
            views = self._views(session, [row for _, row in pairs])
            enrolments = tuple(
                MyEnrolment(
                    enrolment_id=enrolment.id,
                    session=view,
                    status=enrolment.status,
                    position=waitlist_position(session, enrolment) if enrolment.status is EnrolmentStatus.WAITLISTED else None,
                    offer_expires_at=enrolment.offer_expires_at,
                )
                for (enrolment, _), view in zip(pairs, views, strict=True)
            )
            requests = tuple(
                RequestView.of(r, self._title(r.offer_id))
                for r in session.scalars(
                    select(OfferRequest)
                    .where(OfferRequest.member_id == participant.id, OfferRequest.status == RequestStatus.OPEN)
                    .order_by(OfferRequest.created_at)
                )
            )
            overview = Overview(
                participant=member_info(participant),
                enrolments=enrolments,
                requests=requests,
                on_behalf=participant.id != actor.id,
            )
        followups = tuple(self._context.desk.of_asker(overview.participant.slack_user_id)) if overview.participant else ()
        return replace(overview, followups=followups)
