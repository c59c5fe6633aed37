"""Meetings that run themselves: each network meets once a period (its cadence, by default a
quarter). At the start of a period without a meeting the bot asks the member whose turn it is
(the fair rotation, bot.reminders.rotation) to host; the host picks the date, or passes the role
on to the next in rotation, or asks KL. A host who has not answered is reminded once after the
policy's ``host_reminder_days``, and staff are told after as many days again.

A host is asked in the first half of a period only (Period.first_half_holds). ``plan`` is run
by the scheduler's tick and only writes rows: the DMs to the host (the ask and
the one reminder) are delivery-log reminders (bot.reminders.due's host-turn candidates), so they
are exactly-once and keep the quiet hours like every other reminder.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from bot.catalogue.store import CatalogueStore
from bot.clock import MONTHS, at_local, local, utcnow
from bot.danish import count
from bot.reminders.errors import ReminderError
from bot.reminders.meetings import MeetingInfo, Meetings, proposed_host
from bot.reminders.networks import find_network
from bot.reminders.people import Person, find_member, person
from bot.reminders.policy import load_policy
from bot.staffdesk.audit import COMMAND_LINE, Action, AuditLog
from bot.storage.db import Database
from bot.storage.models.members import Member, Network
from bot.storage.models.reminders import Meeting
from bot.storage.models.rhythm import HostTurn, TurnState

CADENCES = (1, 2, 3, 4, 6, 12)
StaffTeller = Callable[[str, str], None]
"""(title, text): how the domain tells KL's staff something needs a person (see Services)."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    """The first day after the period."""
    cadence_months: int

    @property
    def name(self) -> str:
        """'2. kvartal 2027', '1. halvår 2027', 'marts 2027', '2027'."""
        index = (self.start.month - 1) // self.cadence_months + 1
        names = {3: f"{index}. kvartal", 6: f"{index}. halvår", 1: MONTHS[self.start.month - 1], 12: ""}
        label = names.get(self.cadence_months, f"{MONTHS[self.start.month - 1]}-{MONTHS[self.end.month - 2 if self.end.month > 1 else 11]}")
        return f"{label} {self.start.year}".strip()

    @property
    def span_text(self) -> str:
        """'1. april–30. juni 2027'"""
        last = date.fromordinal(self.end.toordinal() - 1)
        return f"{self.start.day}. {MONTHS[self.start.month - 1]}–{last.day}. {MONTHS[last.month - 1]} {last.year}"

    def holds(self, moment: datetime) -> bool:
        return self.start <= local(moment).date() < self.end

    def first_half_holds(self, moment: datetime) -> bool:
        """A host is only asked in the first half of a period, so there is time to answer, be
        reminded and still meet (a bot started late in a quarter leaves that quarter to staff)."""
        middle = date.fromordinal((self.start.toordinal() + self.end.toordinal()) // 2)
        return self.start <= local(moment).date() < middle

    @property
    def ends_at(self) -> datetime:
        return at_local(self.end, 0)


def period_of(day: date, cadence_months: int) -> Period:
    """The period of a network's rhythm that ``day`` falls in; periods start in January."""
    first_month = (day.month - 1) // cadence_months * cadence_months + 1
    start = date(day.year, first_month, 1)
    months = first_month - 1 + cadence_months
    end = date(day.year + months // 12, months % 12 + 1, 1)
    return Period(start, end, cadence_months)


@dataclass(frozen=True)
class TurnView:
    id: int
    network_id: int
    network_name: str
    period: Period
    host: Person
    state: TurnState
    asked_at: datetime
    meeting_id: int | None


def turn_view(turn: HostTurn) -> TurnView:
    period = period_of(turn.period_start, turn.network.cadence_months)
    return TurnView(turn.id, turn.network_id, turn.network.name, period, person(turn.member), turn.state, turn.asked_at, turn.meeting_id)


def _loaded_turn(session: Session, turn_id: int) -> HostTurn:
    turn = session.scalar(
        select(HostTurn).where(HostTurn.id == turn_id).options(joinedload(HostTurn.network), joinedload(HostTurn.member)).with_for_update()
    )
    if turn is None:
        raise ReminderError("Den forespørgsel om værtsrollen findes ikke længere.")
    return turn


def _meeting_in(session: Session, network_id: int, period: Period) -> Meeting | None:
    meetings = session.scalars(
        select(Meeting).where(Meeting.network_id == network_id, Meeting.cancelled_at.is_(None), Meeting.starts_at >= at_local(period.start, 0))
    )
    return next((m for m in meetings if period.holds(m.starts_at)), None)


def _turns_in(session: Session, network_id: int, period: Period) -> list[HostTurn]:
    return list(session.scalars(select(HostTurn).where(HostTurn.network_id == network_id, HostTurn.period_start == period.start)))


class HostTurns:
    def __init__(
        self, db: Database, catalogue: CatalogueStore, meetings: Meetings, tell_staff: StaffTeller, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._db = db
        self._catalogue = catalogue
        self._meetings = meetings
        self._tell_staff = tell_staff
        self._clock = clock

    # -- the scheduler's part --------------------------------------------------------------
    def plan(self) -> int:
        """Open a host turn for every network without a meeting or a turn in the current period,
        close turns a meeting has made moot, and tell staff about a host who has not answered.
        Returns how many turns were opened. Running it twice changes nothing."""
        now = self._clock()
        opened = 0
        told: list[tuple[str, str]] = []
        with self._db.session() as session:
            policy = load_policy(session)
            networks = session.scalars(select(Network).options(selectinload(Network.members)).order_by(Network.id))
            for network in networks:
                if not network.members:
                    continue
                period = period_of(local(now).date(), network.cadence_months)
                turns = _turns_in(session, network.id, period)
                waiting = [t for t in turns if t.state is TurnState.ASKED]
                if _meeting_in(session, network.id, period) is not None:
                    for turn in waiting:
                        turn.state, turn.closed_at = TurnState.REPLACED, now
                    continue
                if period.first_half_holds(now) and not any(t.state in (TurnState.ASKED, TurnState.KL) for t in turns):
                    # Nobody is asked twice in a period (a cancelled meeting asks the next in line).
                    host = proposed_host(session, network, None, leave_out_members={t.member_id for t in turns})
                    if host is not None:
                        session.add(HostTurn(network_id=network.id, period_start=period.start, member_id=host.id, asked_at=now))
                        opened += 1
                    continue
                for turn in waiting:
                    if turn.staff_told_at is None and now >= turn.asked_at + 2 * policy.host_reminder_after:
                        turn.staff_told_at = now
                        told.append((
                            f"{network.name} har intet møde i {period.name}",
                            f"{person(turn.member).label} blev spurgt om at være vært {count(policy.host_reminder_days * 2, 'dag', 'dage')} siden, "
                            "er mindet om det og har ikke valgt en dato. Tag kontakt, eller sæt mødet med /netvaerk.",
                        ))
            session.flush()
        for title, text in told:
            self._tell_staff(title, text)
        return opened

    # -- the host's part ---------------------------------------------------------------------
    def get(self, turn_id: int) -> TurnView:
        with self._db.session() as session:
            return turn_view(_loaded_turn(session, turn_id))

    def open_for(self, turn_id: int, slack_user_id: str) -> TurnView:
        """The turn as its host may still answer it; refused (Danish) for anyone else or once answered."""
        with self._db.session() as session:
            return turn_view(self._open_turn_for(session, turn_id, slack_user_id))

    def _open_turn_for(self, session: Session, turn_id: int, slack_user_id: str) -> HostTurn:
        turn = _loaded_turn(session, turn_id)
        if turn.member.slack_user_id != slack_user_id:
            raise ReminderError("Det er ikke dig, der er spurgt om at være vært denne gang.")
        if turn.state is not TurnState.ASKED:
            period = period_of(turn.period_start, turn.network.cadence_months)
            raise ReminderError(f"Værtsrollen for {turn.network.name} i {period.name} er allerede afklaret. Skriv /netvaerk for at se mødet.")
        return turn

    def choose(
        self, turn_id: int, slack_user_id: str, starts_at: datetime, place: str, agenda: str = "", *, holiday_confirmed: bool = False
    ) -> MeetingInfo:
        """The host sets the meeting: inside the period, checked like staff's (a weekend or a
        public holiday must be confirmed). Everyone in the network is then invited."""
        with self._db.session() as session:
            turn = self._open_turn_for(session, turn_id, slack_user_id)
            period = period_of(turn.period_start, turn.network.cadence_months)
            if not period.holds(starts_at):
                raise ReminderError(f"Vælg en dato i {period.name} ({period.span_text}).", "starts_at")
            if _meeting_in(session, turn.network_id, period) is not None:
                raise ReminderError(f"Mødet i {period.name} er allerede sat. Skriv /netvaerk for at se det.", "starts_at")
            meeting = self._meetings.save_network_meeting(
                session, turn.network, starts_at, place, agenda, turn.member, by=slack_user_id, holiday_confirmed=holiday_confirmed
            )
            turn.state, turn.meeting_id, turn.closed_at = TurnState.CHOSEN, meeting.id, self._clock()
            return meeting

    def pass_on(self, turn_id: int, slack_user_id: str) -> TurnView | None:
        """Hand the role to the next in rotation (nobody asked this period twice); None when
        everyone has passed, and then staff are told."""
        now = self._clock()
        with self._db.session() as session:
            turn = self._open_turn_for(session, turn_id, slack_user_id)
            turn.state, turn.closed_at = TurnState.PASSED, now
            period = period_of(turn.period_start, turn.network.cadence_months)
            asked = {t.member_id for t in _turns_in(session, turn.network_id, period)}
            host = proposed_host(session, turn.network, None, leave_out_members=asked)
            if host is not None:
                new = HostTurn(network_id=turn.network_id, period_start=turn.period_start, member_id=host.id, asked_at=now)
                session.add(new)
                session.flush()
                return turn_view(new)
            title, text = f"Ingen vært for {turn.network.name} i {period.name}", (
                f"Alle i {turn.network.name} har givet værtsrollen videre for {period.name}. Sæt mødet med /netvaerk."
            )
        self._tell_staff(title, text)
        return None

    def ask_kl(self, turn_id: int, slack_user_id: str) -> TurnView:
        with self._db.session() as session:
            turn = self._open_turn_for(session, turn_id, slack_user_id)
            turn.state, turn.closed_at = TurnState.KL, self._clock()
            view = turn_view(turn)
        self._tell_staff(
            f"{view.host.label} beder KL om hjælp til netværksmødet",
            f"{view.host.label} er vært for {view.network_name} i {view.period.name} og vil gerne have KL's hjælp til at "
            "finde dato og sted. Sæt mødet med /netvaerk, når det er aftalt.",
        )
        return view

    # -- staff's part ------------------------------------------------------------------------
    def current(self, network: str | int) -> TurnView | None:
        """The turn waiting for an answer in the network's current period, if any."""
        with self._db.session() as session:
            found = find_network(session, network)
            period = period_of(local(self._clock()).date(), found.cadence_months)
            waiting = [t for t in _turns_in(session, found.id, period) if t.state is TurnState.ASKED]
            return turn_view(waiting[0]) if waiting else None

    def reassign(self, network: str | int, who: str, by: str = COMMAND_LINE) -> TurnView:
        """Staff give this period's host role to someone else; they are asked at once."""
        now = self._clock()
        with self._db.session() as session:
            found = find_network(session, network)
            member: Member = find_member(session, who)
            if member not in found.members:
                raise ReminderError(f"{person(member).label} er ikke med i {found.name}. Vælg en vært blandt netværkets medlemmer.", "host")
            period = period_of(local(now).date(), found.cadence_months)
            if _meeting_in(session, found.id, period) is not None:
                raise ReminderError(f"Mødet i {period.name} er allerede sat; ret værten på mødet i stedet.", "host")
            chosen: HostTurn | None = None
            for turn in _turns_in(session, found.id, period):
                if turn.member_id == member.id:
                    chosen = turn
                elif turn.state is TurnState.ASKED:
                    turn.state, turn.closed_at = TurnState.REPLACED, now
            if chosen is None:
                chosen = HostTurn(network_id=found.id, period_start=period.start, member_id=member.id)
                session.add(chosen)
            chosen.state, chosen.asked_at, chosen.staff_told_at, chosen.closed_at = TurnState.ASKED, now, None, None
            AuditLog.add(session, by, Action.NETWORK_CHANGED, f"{found.name} {period.name}", f"vært sat: {person(member).label}")
            session.flush()
            session.refresh(chosen)
            return turn_view(chosen)

    def set_cadence(self, network: str | int, months: int) -> None:
        if months not in CADENCES:
            raise ReminderError("Et netværk kan mødes hver 1., 2., 3., 4., 6. eller 12. måned (3 = hvert kvartal).", "cadence")
        with self._db.session() as session:
            find_network(session, network).cadence_months = months
