"""What the enrolment rules return: plain frozen values the Slack adapter, the console and the
CLI render in their own way, so none of them touches the database or an ORM object."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.catalogue.schema import EnrolmentKind, Offer
from bot.clock import moment_text, span_text
from bot.danish import count
from bot.members.directory import MemberInfo
from bot.staffdesk.desk import ItemView
from bot.storage.models.enrolment import (
    Audience,
    EnrolmentStatus,
    OfferRequest,
    RequestKind,
    RequestStatus,
)
from bot.storage.models.staff import ItemKind

AUDIENCE_NAMES = {Audience.ALL: "Alle borgmestre", Audience.FIRST_TERM: "Kun nyvalgte borgmestre"}
STATUS_NAMES = {
    EnrolmentStatus.ENROLLED: "tilmeldt",
    EnrolmentStatus.WAITLISTED: "på venteliste",
    EnrolmentStatus.OFFERED: "tilbudt plads",
    EnrolmentStatus.WITHDRAWN: "afmeldt",
    EnrolmentStatus.CANCELLED: "aflyst",
    EnrolmentStatus.LAPSED: "pladstilbud udløbet",
}
NO_FEE = "Ingen deltagerbetaling"


@dataclass(frozen=True)
class SessionView:
    id: int
    offer_id: str
    offer_title: str
    title: str | None
    starts_at: datetime
    ends_at: datetime
    place: str | None
    online: bool
    capacity: int
    fee: str | None
    deadline: datetime | None
    audience: Audience
    cancelled: bool
    taken: int
    waitlisted: int
    sequence: int = 0

    @property
    def name(self) -> str:
        return self.title or self.offer_title

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def when(self) -> str:
        return span_text(self.starts_at, self.ends_at)

    @property
    def where(self) -> str:
        if self.place and self.online:
            return f"{self.place} eller online"
        return self.place or "Online"

    @property
    def fee_text(self) -> str:
        return self.fee or NO_FEE

    @property
    def deadline_text(self) -> str:
        return moment_text(self.deadline) if self.deadline else "Ingen frist"

    @property
    def seats_text(self) -> str:
        if self.seats_left:
            return f"{self.seats_left} af {self.capacity} ledige"
        return f"Fuldt ({count(self.capacity, 'plads', 'pladser')}), {self.waitlisted} på venteliste"

    def facts(self) -> tuple[tuple[str, str], ...]:
        """The details a mayor needs before saying yes: when, where, price, deadline."""
        return (
            ("Hvornår", self.when),
            ("Hvor", self.where),
            ("Pris", self.fee_text),
            ("Tilmeldingsfrist", self.deadline_text),
            ("Pladser", self.seats_text),
            ("For", AUDIENCE_NAMES[self.audience]),
        )


@dataclass(frozen=True)
class OpenOffer:
    """An offer with dates one can enrol in now: how many, and how many seats are free."""

    offer: Offer
    dates: int
    seats: int

    @property
    def text(self) -> str:
        seats = f"{count(self.seats, 'ledig plads', 'ledige pladser')}" if self.seats else "fuldt, men der er venteliste"
        return f"{count(self.dates, 'dato', 'datoer')}, {seats}"


@dataclass(frozen=True)
class SessionChoice:
    """A session as one person sees it: ``closed`` says why they cannot enrol, if they cannot."""

    session: SessionView
    status: EnrolmentStatus | None = None
    position: int | None = None
    closed: str | None = None


@dataclass(frozen=True)
class RequestView:
    id: int
    offer_id: str
    offer_title: str
    kind: RequestKind
    status: RequestStatus
    created_at: datetime
    note: str | None = None

    @classmethod
    def of(cls, request: OfferRequest, offer_title: str) -> "RequestView":
        return cls(
            id=request.id,
            offer_id=request.offer_id,
            offer_title=offer_title,
            kind=request.kind,
            status=request.status,
            created_at=request.created_at,
            note=request.note,
        )


@dataclass(frozen=True)
class EnrolmentPlan:
    """What /tilmeld or the Tilmeld button shows before anything is stored."""

    offer: Offer
    actor: MemberInfo
    participant: MemberInfo
    sessions: tuple[SessionChoice, ...] = ()
    request: RequestView | None = None

    @property
    def kind(self) -> EnrolmentKind:
        return self.offer.enrolment.kind

    @property
    def on_behalf(self) -> bool:
        return self.actor.id != self.participant.id

    @property
    def open_sessions(self) -> tuple[SessionChoice, ...]:
        return tuple(choice for choice in self.sessions if choice.closed is None and choice.status is None)


@dataclass(frozen=True)
class EnrolmentOutcome:
    session: SessionView
    status: EnrolmentStatus
    participant: MemberInfo
    on_behalf: bool
    position: int | None = None
    offer_expires_at: datetime | None = None

    @property
    def message(self) -> str:
        who = self.participant.name if self.on_behalf else "Du"
        if self.status is EnrolmentStatus.WAITLISTED:
            return (
                f"{self.session.name} {self.session.when} er fuldt. {who} står som nr. {self.position} på ventelisten "
                "og får besked, så snart der bliver en plads."
            )
        return f"{who} er tilmeldt {self.session.name} {self.session.when}. Detaljer og en kalenderfil kommer i en privat besked."


@dataclass(frozen=True)
class RequestOutcome:
    request: RequestView
    participant: MemberInfo
    on_behalf: bool

    @property
    def message(self) -> str:
        whose = f"{self.participant.name}s" if self.on_behalf else "din"
        return f"Tak! KL har fået {whose} anmodning om {self.request.offer_title} og vender tilbage."


@dataclass(frozen=True)
class WithdrawOutcome:
    """Either something was withdrawn, or ``choices`` lists the sessions to pick between, or
    ``to_confirm`` is a paid seat not given up yet: ``fee_terms`` says what it costs first."""

    offer: Offer
    session: SessionView | None = None
    request: RequestView | None = None
    choices: tuple[SessionView, ...] = ()
    to_confirm: SessionView | None = None
    fee_terms: str | None = None

    @property
    def message(self) -> str:
        if self.to_confirm:
            return f"{self.fee_terms} Vil du stadig afmelde {self.to_confirm.name} {self.to_confirm.when}?"
        if self.session:
            return f"Du er afmeldt {self.session.name} {self.session.when}."
        if self.request:
            return f"Din anmodning om {self.offer.title} er trukket tilbage."
        return f"Du er tilmeldt flere datoer for {self.offer.title}. Vælg, hvilken du vil afmelde."


@dataclass(frozen=True)
class MyEnrolment:
    enrolment_id: int
    session: SessionView
    status: EnrolmentStatus
    position: int | None = None
    offer_expires_at: datetime | None = None

    @property
    def state_text(self) -> str:
        if self.status is EnrolmentStatus.WAITLISTED:
            return f"nr. {self.position} på ventelisten"
        if self.status is EnrolmentStatus.OFFERED and self.offer_expires_at:
            return f"tilbudt plads, bekræft senest {moment_text(self.offer_expires_at)}"
        return "tilmeldt"

    @property
    def text(self) -> str:
        return f"{self.session.name}, {self.session.when}, {self.session.where}: {self.state_text}"


@dataclass(frozen=True)
class Overview:
    """/mine: the person's (or their mayor's) upcoming sessions and open requests."""

    participant: MemberInfo | None
    enrolments: tuple[MyEnrolment, ...] = ()
    requests: tuple[RequestView, ...] = ()
    on_behalf: bool = False
    followups: tuple[ItemView, ...] = ()
    """The person's requests and questions on KL's staff desk, open or recently closed."""

    @property
    def empty(self) -> bool:
        return not self.enrolments and not self.requests and not self.followups

    def followup_of(self, request: RequestView) -> ItemView | None:
        return next((f for f in self.followups if f.kind is ItemKind.REQUEST and f.ref_id == request.id), None)

    @property
    def other_followups(self) -> tuple[ItemView, ...]:
        """Those not shown beside an open request: closed requests and questions."""
        open_ids = {r.id for r in self.requests}
        return tuple(f for f in self.followups if not (f.kind is ItemKind.REQUEST and f.ref_id in open_ids))


@dataclass(frozen=True)
class Participant:
    name: str
    slack_user_id: str
    municipality: str | None
    status: EnrolmentStatus
    position: int | None
    since: datetime
    enrolled_by: str | None = None


@dataclass(frozen=True)
class SessionRoster:
    session: SessionView
    participants: tuple[Participant, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RequestEntry:
    request: RequestView
    name: str
    slack_user_id: str
    municipality: str | None


@dataclass(frozen=True)
class OfferRoster:
    """/deltagere: who has a seat, a seat offer or a waitlist place per session, and the open
    requests, for one offer."""

    offer: Offer
    sessions: tuple[SessionRoster, ...] = ()
    requests: tuple[RequestEntry, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.requests and not any(roster.participants for roster in self.sessions)
