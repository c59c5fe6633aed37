"""Meetings staff set: a network's next meeting (with the proposed host) and the dates of the fora
every mayor belongs to (B98, borgmestersamlinger). A date on a Danish public holiday is flagged
in what comes back, so the adapter can warn staff before anyone is reminded."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql.base import ExecutableOption

from bot.catalogue.store import CatalogueStore
from bot.clock import holiday_name, local, utcnow
from bot.reminders.errors import HolidayNotConfirmed, ReminderError
from bot.reminders.networks import find_network
from bot.reminders.people import Person, find_member, person
from bot.reminders.rotation import Candidate, propose_host
from bot.storage.db import Database
from bot.storage.models.members import Member, Network, NetworkMember, Role
from bot.storage.models.reminders import Meeting, MeetingKind

MAX_PLACE = 300
MAX_AGENDA = 3000


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    kind: MeetingKind
    title: str
    starts_at: datetime
    place: str
    agenda: str
    host: Person | None
    network_id: int | None
    network_name: str | None
    offer_id: str | None

    @property
    def holiday(self) -> str | None:
        return holiday_of(self.starts_at)


def holiday_of(starts_at: datetime) -> str | None:
    """The Danish name of the holiday the meeting's local date falls on, if it does."""
    return holiday_name(local(starts_at).date())


@dataclass(frozen=True)
class MeetingDraft:
    """What the "next meeting" form starts from: the planned meeting if there is one, and whose
    turn it is to host."""

    network_id: int
    network_name: str
    planned: MeetingInfo | None
    proposed_host: Person | None
    members: tuple[Person, ...]


def meeting_title(meeting: Meeting, catalogue: CatalogueStore) -> str:
    if meeting.kind is MeetingKind.NETWORK and meeting.network is not None:
        return f"Netværksmøde i {meeting.network.name}"
    offer = catalogue.current.known(meeting.offer_id or "")
    return offer.title if offer else f"Møde ({meeting.offer_id})"


def meeting_info(meeting: Meeting, catalogue: CatalogueStore) -> MeetingInfo:
    return MeetingInfo(
        id=meeting.id,
        kind=meeting.kind,
        title=meeting_title(meeting, catalogue),
        starts_at=meeting.starts_at,
        place=meeting.place,
        agenda=meeting.agenda,
        host=person(meeting.host) if meeting.host else None,
        network_id=meeting.network_id,
        network_name=meeting.network.name if meeting.network else None,
        offer_id=meeting.offer_id,
    )


def _loaded() -> tuple[ExecutableOption, ...]:
    return (joinedload(Meeting.network), joinedload(Meeting.host))


def _next_planned(session: Session, network_id: int, now: datetime) -> Meeting | None:
    return session.scalar(
        select(Meeting)
        .where(Meeting.network_id == network_id, Meeting.starts_at > now)
        .order_by(Meeting.starts_at)
        .options(*_loaded())
        .limit(1)
    )


def _proposed_host(session: Session, network: Network, leave_out: int | None) -> Member | None:
    links = session.execute(
        select(NetworkMember, Member).join(Member, Member.id == NetworkMember.member_id).where(NetworkMember.network_id == network.id)
    ).all()
    candidates = [Candidate(m.id, link.joined_at, m.name) for link, m in links]
    hosted = session.execute(
        select(Meeting.host_member_id, Meeting.starts_at).where(
            Meeting.network_id == network.id, Meeting.host_member_id.is_not(None), Meeting.id != (leave_out or -1)
        )
    ).all()
    chosen = propose_host(candidates, [(h, s) for h, s in hosted if h is not None])
    return session.get(Member, chosen) if chosen is not None else None


def _checked(starts_at: datetime, place: str, agenda: str, now: datetime) -> tuple[str, str]:
    if starts_at <= now:
        raise ReminderError("Mødet skal ligge ude i fremtiden. Vælg en senere dato.", "starts_at")
    clean_place = " ".join(place.split())
    if not clean_place or len(clean_place) > MAX_PLACE:
        raise ReminderError(f"Skriv hvor mødet holdes (1-{MAX_PLACE} tegn), fx 'Vejle Rådhus'.", "place")
    clean_agenda = agenda.strip()
    if len(clean_agenda) > MAX_AGENDA:
        raise ReminderError(f"Dagsordenen er for lang: højst {MAX_AGENDA} tegn. Læg resten i et dokument og link til det.", "agenda")
    return clean_place, clean_agenda


class Meetings:
    def __init__(self, db: Database, catalogue: CatalogueStore, clock: Callable[[], datetime] = utcnow) -> None:
        self._db = db
        self._catalogue = catalogue
        self._clock = clock

    def draft(self, network: str | int) -> MeetingDraft:
        with self._db.session() as session:
            found = find_network(session, network)
            planned = _next_planned(session, found.id, self._clock())
            host = _proposed_host(session, found, planned.id if planned else None)
            members = tuple(sorted((person(m) for m in found.members), key=lambda p: p.label))
            return MeetingDraft(
                found.id,
                found.name,
                meeting_info(planned, self._catalogue) if planned else None,
                person(host) if host else None,
                members,
            )

    def set_network_meeting(
        self,
        network: str | int,
        starts_at: datetime,
        place: str,
        agenda: str = "",
        host: str | None = None,
        by: str | None = None,
        *,
        holiday_confirmed: bool = False,
    ) -> MeetingInfo:
        """Plan the network's next meeting, or change it if one is planned. Without a host the
        rotation's proposal is used; a new date starts the reminders afresh. A date on a public
        holiday or customary day off is refused until the staff member confirms it, whichever
        adapter they use."""
        holiday = holiday_of(starts_at)
        if holiday and not holiday_confirmed:
            raise HolidayNotConfirmed(holiday)
        now = self._clock()
        clean_place, clean_agenda = _checked(starts_at, place, agenda, now)
        with self._db.session() as session:
            found = find_network(session, network)
            meeting = _next_planned(session, found.id, now)
            chosen: Member | None
            if host:
                chosen = find_member(session, host)
                if chosen not in found.members:
                    raise ReminderError(
                        f"{person(chosen).label} er ikke med i {found.name}. Vælg en vært blandt netværkets medlemmer.", "host"
                    )
            else:
                chosen = _proposed_host(session, found, meeting.id if meeting else None)
            if meeting is None:
                meeting = Meeting(kind=MeetingKind.NETWORK, network=found, starts_at=starts_at, date_set_at=now)
                session.add(meeting)
            elif meeting.starts_at != starts_at:
                meeting.starts_at, meeting.date_set_at = starts_at, now
            meeting.place, meeting.agenda, meeting.host, meeting.created_by = clean_place, clean_agenda, chosen, by
            session.flush()
            return meeting_info(meeting, self._catalogue)

    def set_forum_meeting(self, offer_id: str, starts_at: datetime, place: str, agenda: str = "", by: str | None = None) -> MeetingInfo:
        """A date for a forum every mayor belongs to; each date is its own meeting."""
        now = self._clock()
        if self._catalogue.current.get(offer_id) is None:
            raise ReminderError(f"Tilbuddet '{offer_id[:40]}' findes ikke i kataloget. Brug fx b98 eller borgmestersamlinger.")
        clean_place, clean_agenda = _checked(starts_at, place, agenda, now)
        with self._db.session() as session:
            meeting = Meeting(
                kind=MeetingKind.FORUM, offer_id=offer_id, starts_at=starts_at, date_set_at=now,
                place=clean_place, agenda=clean_agenda, created_by=by,
            )
            session.add(meeting)
            session.flush()
            return meeting_info(meeting, self._catalogue)

    def cancel(self, meeting_id: int) -> MeetingInfo:
        """Delete a planned meeting; its reminders stop because nothing is due for it any more."""
        with self._db.session() as session:
            meeting = session.scalar(select(Meeting).where(Meeting.id == meeting_id).options(*_loaded()))
            if meeting is None:
                raise ReminderError(f"Mødet med nummer {meeting_id} findes ikke.")
            info = meeting_info(meeting, self._catalogue)
            session.delete(meeting)
            return info

    def upcoming(self, network: str | int | None = None, limit: int = 20) -> list[MeetingInfo]:
        with self._db.session() as session:
            query = select(Meeting).where(Meeting.starts_at > self._clock()).order_by(Meeting.starts_at).options(*_loaded())
            if network is not None:
                query = query.where(Meeting.network_id == find_network(session, network).id)
            return [meeting_info(m, self._catalogue) for m in session.scalars(query.limit(limit))]

    def history(self, network: str | int) -> list[MeetingInfo]:
        """The network's meetings, newest first: the host rotation as it happened."""
        with self._db.session() as session:
            found = find_network(session, network)
            query = select(Meeting).where(Meeting.network_id == found.id).order_by(Meeting.starts_at.desc()).options(*_loaded())
            return [meeting_info(m, self._catalogue) for m in session.scalars(query)]

    def upcoming_for(self, slack_user_id: str, limit: int = 5) -> list[MeetingInfo]:
        """The member's next meetings: their networks' and, for a mayor, the fora's."""
        with self._db.session() as session:
            member = session.scalar(select(Member).where(Member.slack_user_id == slack_user_id))
            if member is None:
                return []
            mine: ColumnElement[bool] = Meeting.network_id.in_(select(NetworkMember.network_id).where(NetworkMember.member_id == member.id))
            if member.role is Role.MAYOR:
                mine = or_(mine, Meeting.kind == MeetingKind.FORUM)
            query = select(Meeting).where(Meeting.starts_at > self._clock(), mine).order_by(Meeting.starts_at).options(*_loaded())
            return [meeting_info(m, self._catalogue) for m in session.scalars(query.limit(limit))]
