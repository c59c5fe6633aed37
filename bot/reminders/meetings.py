"""Meetings staff (or a network's host) set: a network's next meeting (with the proposed host) and
the dates of the fora every mayor belongs to (B98, borgmestersamlinger). A date on a weekend or a
Danish public holiday is refused until it is confirmed (HolidayNotConfirmed), here in the domain,
so the Slack modals and the CLI both ask."""
from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql.base import ExecutableOption

from bot.catalogue.store import CatalogueStore
from bot.clock import day_text, holiday_name, local, utcnow
from bot.reminders.errors import HolidayNotConfirmed, ReminderError
from bot.reminders.networks import find_network
from bot.reminders.people import Person, find_member, person
from bot.reminders.rotation import Candidate, propose_host
from bot.staffdesk.audit import COMMAND_LINE, Action, AuditLog
from bot.storage.db import Database
from bot.storage.models.members import Member, Network, NetworkMember, Role
from bot.storage.models.reminders import Meeting, MeetingKind

MAX_PLACE = 300
MAX_AGENDA = 3000
FORA = ("b98", "borgmestersamlinger")
"""The catalogue's meetings for every mayor, whose dates staff set (the CLI and a Slack modal)."""


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
    """What makes the meeting's local date a day off, if it is one: the holiday's Danish name,
    or 'en lørdag' / 'en søndag'."""
    day = local(starts_at).date()
    return holiday_name(day) or ({5: "en lørdag", 6: "en søndag"}.get(day.weekday()))


def check_day_off(starts_at: datetime, confirmed: bool) -> None:
    """A weekend or a public holiday must be confirmed, whoever sets the meeting and from where."""
    day_off = holiday_of(starts_at)
    if day_off and not confirmed:
        raise HolidayNotConfirmed(day_off)


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
        .where(Meeting.network_id == network_id, Meeting.starts_at > now, Meeting.cancelled_at.is_(None))
        .order_by(Meeting.starts_at)
        .options(*_loaded())
        .limit(1)
    )


def proposed_host(session: Session, network: Network, leave_out: int | None, *, leave_out_members: Collection[int] = ()) -> Member | None:
    """Whose turn it is, not counting meeting ``leave_out`` (the one being re-planned) and
    leaving out ``leave_out_members`` (who have passed the role on this period)."""
    links = session.execute(
        select(NetworkMember, Member).join(Member, Member.id == NetworkMember.member_id).where(NetworkMember.network_id == network.id)
    ).all()
    candidates = [Candidate(m.id, link.joined_at, m.name) for link, m in links if m.id not in leave_out_members]
    hosted = session.execute(
        select(Meeting.host_member_id, Meeting.starts_at).where(
            Meeting.network_id == network.id, Meeting.host_member_id.is_not(None), Meeting.id != (leave_out or -1),
            Meeting.cancelled_at.is_(None),
        )
    ).all()
    chosen = propose_host(candidates, [(h, s) for h, s in hosted if h is not None])
    return session.get(Member, chosen) if chosen is not None else None


def mark_changed(meeting: Meeting, now: datetime) -> None:
    """What a calendar shows has changed: the next .ics carries a higher SEQUENCE, and everyone
    invited is sent it (bot.reminders.invitations)."""
    meeting.sequence += 1
    meeting.changed_at = now


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
            host = proposed_host(session, found, planned.id if planned else None)
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
        check_day_off(starts_at, holiday_confirmed)
        now = self._clock()
        _checked(starts_at, place, agenda, now)
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
                chosen = proposed_host(session, found, meeting.id if meeting else None)
            return self.save_network_meeting(
                session, found, starts_at, place, agenda, chosen, by=by, holiday_confirmed=holiday_confirmed, meeting=meeting
            )

    def save_network_meeting(
        self, session: Session, network: Network, starts_at: datetime, place: str, agenda: str, host: Member | None, *,
        by: str | None, holiday_confirmed: bool, meeting: Meeting | None = None,
    ) -> MeetingInfo:
        """Create the meeting (or change ``meeting``) in the caller's transaction; a date on a
        weekend or a public holiday must be confirmed, whoever sets it."""
        now = self._clock()
        clean_place, clean_agenda = _checked(starts_at, place, agenda, now)
        check_day_off(starts_at, holiday_confirmed)
        if meeting is None:
            meeting = Meeting(kind=MeetingKind.NETWORK, network=network, starts_at=starts_at, date_set_at=now, changed_at=now)
            session.add(meeting)
        elif (meeting.starts_at, meeting.place, meeting.agenda, meeting.host) != (starts_at, clean_place, clean_agenda, host):
            mark_changed(meeting, now)
        if meeting.starts_at != starts_at:
            meeting.starts_at, meeting.date_set_at = starts_at, now
        meeting.place, meeting.agenda, meeting.host, meeting.created_by = clean_place, clean_agenda, host, by
        session.flush()
        info = meeting_info(meeting, self._catalogue)
        host_text = f"vært: {person(host).label}" if host else "ingen vært"
        AuditLog.add(session, by or COMMAND_LINE, Action.MEETING_CHANGED, f"{network.name} {day_text(starts_at)}", f"dato sat, {host_text}")
        return info

    def set_forum_meeting(
        self, offer_id: str, starts_at: datetime, place: str, agenda: str = "", by: str | None = None, *, holiday_confirmed: bool = False
    ) -> MeetingInfo:
        """A date for a forum every mayor belongs to; each date is its own meeting."""
        now = self._clock()
        if offer_id not in FORA or self._catalogue.current.get(offer_id) is None:
            raise ReminderError(f"'{offer_id[:40]}' er ikke et af møderne for alle borgmestre. Brug {' eller '.join(FORA)}.", "offer_id")
        clean_place, clean_agenda = _checked(starts_at, place, agenda, now)
        check_day_off(starts_at, holiday_confirmed)
        with self._db.session() as session:
            meeting = Meeting(
                kind=MeetingKind.FORUM, offer_id=offer_id, starts_at=starts_at, date_set_at=now, changed_at=now,
                place=clean_place, agenda=clean_agenda, created_by=by,
            )
            session.add(meeting)
            session.flush()
            AuditLog.add(session, by or COMMAND_LINE, Action.MEETING_CHANGED, f"{offer_id} {day_text(starts_at)}", "dato sat")
            return meeting_info(meeting, self._catalogue)

    def fora(self) -> list[tuple[str, str]]:
        """(offer id, title) of the meetings for every mayor that are in the catalogue."""
        catalogue = self._catalogue.current
        return [(offer_id, offer.title) for offer_id in FORA if (offer := catalogue.get(offer_id)) is not None]

    def cancel(self, meeting_id: int, by: str = COMMAND_LINE) -> MeetingInfo:
        """Cancel a planned meeting: its reminders stop, and everyone invited gets the
        cancellation with a cancelling .ics (the row stays, so the file keeps the meeting's UID)."""
        with self._db.session() as session:
            meeting = session.scalar(select(Meeting).where(Meeting.id == meeting_id).options(*_loaded()))
            if meeting is None or meeting.cancelled:
                raise ReminderError(f"Der er intet planlagt møde med nummer {meeting_id}.")
            meeting.cancelled_at = self._clock()
            mark_changed(meeting, meeting.cancelled_at)
            session.flush()
            info = meeting_info(meeting, self._catalogue)
            AuditLog.add(session, by, Action.MEETING_CHANGED, f"{info.title} {day_text(meeting.starts_at)}", "aflyst")
            return info

    def upcoming(self, network: str | int | None = None, limit: int = 20) -> list[MeetingInfo]:
        with self._db.session() as session:
            query = select(Meeting).where(Meeting.starts_at > self._clock(), Meeting.cancelled_at.is_(None))
            query = query.order_by(Meeting.starts_at).options(*_loaded())
            if network is not None:
                query = query.where(Meeting.network_id == find_network(session, network).id)
            return [meeting_info(m, self._catalogue) for m in session.scalars(query.limit(limit))]

    def history(self, network: str | int) -> list[MeetingInfo]:
        """The network's meetings, newest first: the host rotation as it happened."""
        with self._db.session() as session:
            found = find_network(session, network)
            query = select(Meeting).where(Meeting.network_id == found.id, Meeting.cancelled_at.is_(None))
            query = query.order_by(Meeting.starts_at.desc()).options(*_loaded())
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
            query = select(Meeting).where(Meeting.starts_at > self._clock(), Meeting.cancelled_at.is_(None), mine)
            query = query.order_by(Meeting.starts_at).options(*_loaded())
            return [meeting_info(m, self._catalogue) for m in session.scalars(query.limit(limit))]
