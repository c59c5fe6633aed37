"""Borgmesterpraktik rounds: mayors opt in; at the start of each period of the staff-set rhythm
(by default every six months) the bot pairs the opted-in mayors fairly (bot.praktik.pairing)
and tells staff; staff look the pairs over, swap mayors between pairs if they want, and send.
Each pair (or trio) is then introduced in a group DM with a suggestion to agree a visit.

An introduction is claimed (``introduced_at``) before it is posted, so sending a round again
never introduces a pair twice; one that failed keeps its error and is tried again on the next send.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bot.clock import local, utcnow
from bot.members.municipalities import region_of
from bot.notify import DeliveryResult, Notice
from bot.praktik.pairing import Mayor, pair_mayors
from bot.reminders.errors import ReminderError
from bot.reminders.people import Person, find_member, person
from bot.reminders.policy import load_policy
from bot.reminders.rhythm import StaffTeller, period_of
from bot.staffdesk.audit import COMMAND_LINE, Action, AuditLog
from bot.storage.db import Database
from bot.storage.models.members import Member, is_mayor
from bot.storage.models.praktik import PraktikOptIn, PraktikPair, PraktikRound, RoundState


class GroupSender(Protocol):
    def send_group(self, user_ids: Sequence[str], notice: Notice) -> DeliveryResult:
        """One message to a group conversation of these people and the bot."""
        ...


@dataclass(frozen=True)
class PairView:
    id: int
    people: tuple[Person, ...]
    introduced: bool
    error: str | None


@dataclass(frozen=True)
class RoundView:
    id: int
    period_name: str
    state: RoundState
    pairs: tuple[PairView, ...]


def introduction(people: Sequence[Person]) -> Notice:
    names = [p.label for p in people]
    together = ", ".join(names[:-1]) + " og " + names[-1]
    return Notice(
        title="Borgmesterpraktik: I er sat sammen",
        text=(
            f"Hej {together}. I er sat sammen i denne runde af borgmesterpraktik: et besøg hos hinanden, hvor I følger "
            "den anden borgmesters hverdag. Aftal et tidspunkt her i tråden, fx et kommunalbestyrelsesmøde, et "
            "borgermøde eller en almindelig arbejdsdag, og fortæl gerne KL bagefter, hvad I fik med hjem."
        ),
    )


class Praktik:
    def __init__(self, db: Database, tell_staff: StaffTeller, clock: Callable[[], datetime] = utcnow) -> None:
        self._db = db
        self._tell_staff = tell_staff
        self._clock = clock

    # -- mayors ------------------------------------------------------------------------------
    def set_opted_in(self, slack_user_id: str, wanted: bool) -> bool:
        """True when done (repeating it is harmless); False for someone not in the directory."""
        try:
            with self._db.session() as session:
                member = session.scalar(select(Member).where(Member.slack_user_id == slack_user_id))
                if member is None:
                    return False
                if session.scalar(select(Member.id).where(Member.id == member.id, is_mayor())) is None:
                    raise ReminderError("Borgmesterpraktik er for borgmestre. Skriv til KL, hvis du vil høre mere.")
                existing = session.get(PraktikOptIn, member.id)
                if wanted and existing is None:
                    session.add(PraktikOptIn(member_id=member.id))
                elif not wanted and existing is not None:
                    session.delete(existing)
                return True
        except IntegrityError:
            return True

    def is_opted_in(self, slack_user_id: str) -> bool:
        with self._db.session() as session:
            found = session.scalar(
                select(PraktikOptIn.member_id).join(Member, Member.id == PraktikOptIn.member_id).where(Member.slack_user_id == slack_user_id)
            )
            return found is not None

    def opted_in_count(self) -> int:
        with self._db.session() as session:
            return len(session.scalars(select(PraktikOptIn.member_id)).all())

    # -- the rounds --------------------------------------------------------------------------
    def plan(self) -> RoundView | None:
        """At the start of a rhythm period without a round: pair now, as a draft for staff.
        Returns the new draft, or None when there was nothing to do."""
        now = self._clock()
        with self._db.session() as session:
            every = load_policy(session).praktik_every_months
            start = period_of(local(now).date(), every).start
            if session.scalar(select(PraktikRound.id).where(PraktikRound.period_start == start)) is not None:
                return None
            draft = self._pair(session, start)
            if draft is None:
                return None
        self._tell_staff(
            "Borgmesterpraktik: en ny runde er klar",
            f"{len(draft.pairs)} par er sat sammen til borgmesterpraktik ({draft.period_name}). Se dem igennem, byt om, hvis I vil, "
            "og send introduktionerne med /praktik.",
        )
        return draft

    def make_round(self, by: str = COMMAND_LINE) -> RoundView:
        """Staff start this period's round now (pairs again if it is still a draft)."""
        now = self._clock()
        with self._db.session() as session:
            every = load_policy(session).praktik_every_months
            start = period_of(local(now).date(), every).start
            existing = session.scalar(select(PraktikRound).where(PraktikRound.period_start == start))
            if existing is not None and existing.state is RoundState.SENT:
                raise ReminderError("Periodens runde er allerede sendt. Den næste laves ved starten af næste periode.")
            if existing is not None:
                session.delete(existing)
                session.flush()
            draft = self._pair(session, start)
            if draft is None:
                raise ReminderError("Der skal være mindst to borgmestre med i borgmesterpraktik, før de kan sættes sammen.")
            AuditLog.add(session, by, Action.PRAKTIK_CHANGED, f"runden for {draft.period_name}", f"{len(draft.pairs)} par sat sammen")
            return draft

    def _pair(self, session: Session, start: object) -> RoundView | None:
        members = list(session.scalars(select(Member).join(PraktikOptIn, PraktikOptIn.member_id == Member.id).order_by(Member.id)))
        if len(members) < 2:
            return None
        past = [pair.member_ids for pair in session.scalars(select(PraktikPair))]
        mayors = [Mayor(m.id, region_of(m.municipality or "")) for m in members]
        count = len(session.scalars(select(PraktikRound.id)).all())
        groups = pair_mayors(mayors, past, seed=count)
        new = PraktikRound(period_start=start, created_at=self._clock())
        new.pairs = [PraktikPair(first_id=g[0], second_id=g[1], third_id=g[2] if len(g) > 2 else None) for g in groups]
        session.add(new)
        session.flush()
        return self._view(session, new)

    def _view(self, session: Session, round_: PraktikRound) -> RoundView:
        every = load_policy(session).praktik_every_months
        people = {m.id: person(m) for m in session.scalars(select(Member).where(Member.id.in_({i for p in round_.pairs for i in p.member_ids})))}
        pairs = tuple(
            PairView(p.id, tuple(people[i] for i in p.member_ids), p.introduced_at is not None and p.error is None, p.error)
            for p in round_.pairs
        )
        return RoundView(round_.id, period_of(round_.period_start, every).name, round_.state, pairs)

    def latest(self) -> RoundView | None:
        with self._db.session() as session:
            found = session.scalar(select(PraktikRound).options(selectinload(PraktikRound.pairs)).order_by(PraktikRound.period_start.desc()).limit(1))
            return self._view(session, found) if found else None

    def swap(self, round_id: int, first: str, second: str, by: str = COMMAND_LINE) -> RoundView:
        """Staff adjust a draft: two mayors change places between their pairs."""
        with self._db.session() as session:
            found = session.get(PraktikRound, round_id, with_for_update=True)
            if found is None or found.state is not RoundState.DRAFT:
                raise ReminderError("Runden er allerede sendt, så parrene kan ikke ændres.")
            a, b = find_member(session, first).id, find_member(session, second).id
            slots = {}
            for pair in found.pairs:
                for column in ("first_id", "second_id", "third_id"):
                    if getattr(pair, column) in (a, b):
                        slots[getattr(pair, column)] = (pair, column)
            if set(slots) != {a, b}:
                raise ReminderError("Begge borgmestre skal være med i runden for at kunne byttes.", "members")
            (pair_a, col_a), (pair_b, col_b) = slots[a], slots[b]
            if pair_a is pair_b:
                raise ReminderError("De to er allerede sat sammen. Vælg to fra forskellige par.", "members")
            setattr(pair_a, col_a, b)
            setattr(pair_b, col_b, a)
            session.flush()
            view = self._view(session, found)
            AuditLog.add(session, by, Action.PRAKTIK_CHANGED, f"runden for {view.period_name}", "to borgmestre byttet")
            return view

    def send(self, round_id: int, by: str, sender: GroupSender) -> RoundView:
        """Introduce every pair not yet introduced; the round is SENT from the first send on."""
        now = self._clock()
        with self._db.session() as session:
            found = session.get(PraktikRound, round_id, with_for_update=True)
            if found is None:
                raise ReminderError("Runden findes ikke længere. Skriv /praktik for at se den nyeste.")
            found.state, found.sent_at, found.sent_by = RoundState.SENT, found.sent_at or now, found.sent_by or by
            due: list[tuple[int, tuple[Person, ...]]] = []
            for pair in found.pairs:
                if pair.introduced_at is None or pair.error is not None:
                    pair.introduced_at, pair.error = now, None
                    members = [session.get_one(Member, i) for i in pair.member_ids]
                    due.append((pair.id, tuple(person(m) for m in members)))
            AuditLog.add(session, by, Action.PRAKTIK_CHANGED, f"runde {round_id}", f"{len(due)} introduktioner sendt")
        for pair_id, people in due:
            result = sender.send_group([p.slack_user_id for p in people], introduction(people))
            with self._db.session() as session:
                pair = session.get_one(PraktikPair, pair_id)
                pair.channel, pair.ts, pair.error = result.channel, result.ts, None if result.ok else (result.error or "ukendt fejl")
        with self._db.session() as session:
            return self._view(session, session.get_one(PraktikRound, round_id))
