"""Shared by the enrolment tests (domain, CLI, Slack): a clock the test moves, a NoticeSender
that keeps what it was given (the port's contract, as the Slack and console adapters implement
it), and quick ways to add sessions and members."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from bot.enrolment.results import SessionView
from bot.enrolment.service import EnrolmentService
from bot.enrolment.sessions import SessionAdmin, SessionDraft
from bot.notify import DeliveryResult, DeliveryStatus, Notice
from bot.storage.db import Database
from bot.storage.models.members import Member, Role

START = datetime(2027, 1, 14, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Inbox:
    """A NoticeSender that delivers into a list."""

    sent: list[tuple[str, Notice]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, user_id: str, notice: Notice) -> DeliveryResult:
        with self._lock:
            self.sent.append((user_id, notice))
        return DeliveryResult(DeliveryStatus.DELIVERED, channel=f"D{user_id}", ts=str(len(self.sent)))

    def update(self, channel: str, ts: str, notice: Notice) -> DeliveryResult:
        return DeliveryResult(DeliveryStatus.DELIVERED, channel=channel, ts=ts)

    def to(self, user_id: str) -> list[Notice]:
        return [notice for user, notice in self.sent if user == user_id]


def draft(offer_id: str = "modeledelse", capacity: int = 2, **changes: object) -> SessionDraft:
    values: dict[str, object] = {
        "offer_id": offer_id,
        "starts_at": START,
        "ends_at": START + timedelta(hours=3),
        "capacity": capacity,
        "place": "KL-huset, Weidekampsgade 10",
        "deadline": START - timedelta(days=7),
    }
    values.update(changes)
    return SessionDraft(**values)  # type: ignore[arg-type]


def add_session(admin: SessionAdmin, offer_id: str = "modeledelse", capacity: int = 2, **changes: object) -> SessionView:
    return admin.add(draft(offer_id, capacity, **changes))


def add_members(db: Database, count: int, *, first_term: bool = False, prefix: str = "U0M") -> list[str]:
    ids = [f"{prefix}{i:03d}" for i in range(count)]
    with db.session() as session:
        for user_id in ids:
            session.add(Member(slack_user_id=user_id, name=f"Borgmester {user_id}", municipality="Vejle", role=Role.MAYOR, first_term=first_term))
    return ids


def seat_offered_to_second(db: Database, enrolment: EnrolmentService, admin: SessionAdmin, inbox: Inbox, *, fee: str = "800 kr.") -> tuple[list[str], SessionView, int]:
    """Three mayors queue for one paid seat; the first withdraws, so the second is offered the
    seat. Returns the mayors, the session and the id in the second's "Bekræft plads" button."""
    mayors = add_members(db, 3)
    session = add_session(admin, capacity=1, fee=fee)
    for mayor in mayors:
        enrolment.enrol(mayor, session.id)
    enrolment.withdraw(mayors[0], session.offer_id)
    return mayors, session, int(inbox.to(mayors[1])[-1].buttons[0].value)
