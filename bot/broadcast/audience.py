"""The segments a broadcast can go to, resolved to the exact Slack users who will receive it.

Resolution happens once, when the staff member asks for a preview: the users found then are
written to the outbox, so the number the staff member confirms is the number that is sent to,
even if the directory changes before a scheduled broadcast starts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import CompoundSelect, Select, select
from sqlalchemy.orm import Session

from bot.broadcast.errors import InvalidBroadcast
from bot.catalogue.model import Catalogue
from bot.clock import moment_text
from bot.members.municipalities import find_municipality
from bot.storage.models.broadcast import AudienceKind
from bot.storage.models.enrolment import (
    ACTIVE,
    Enrolment,
    OfferRequest,
    OfferSession,
    RequestStatus,
)
from bot.storage.models.members import Member, Network, NetworkMember, is_mayor

AUDIENCE_NAMES = {
    AudienceKind.ALL_MAYORS: "Alle borgmestre",
    AudienceKind.NEW_MAYORS: "Nye borgmestre (første valgperiode)",
    AudienceKind.NETWORK: "Medlemmer af et netværk",
    AudienceKind.ENROLLED: "Tilmeldte eller på venteliste til et tilbud eller en dato",
    AudienceKind.MUNICIPALITIES: "Borgmestre i udvalgte kommuner",
}
_SEPARATORS = re.compile(r"[,;\n]+")


@dataclass(frozen=True)
class Audience:
    """Who a broadcast is for. Only the fields its kind needs are set."""

    kind: AudienceKind
    network_id: int | None = None
    offer_id: str | None = None
    session_id: int | None = None
    municipalities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recipients:
    label: str
    user_ids: tuple[str, ...]


@dataclass(frozen=True)
class AudienceChoices:
    """What a staff member can pick from: networks, and sessions not yet held (id, label)."""

    networks: tuple[tuple[int, str], ...]
    sessions: tuple[tuple[int, str], ...]


def audience_choices(session: Session, catalogue: Catalogue, now: datetime) -> AudienceChoices:
    networks = session.execute(select(Network.id, Network.name).order_by(Network.name)).all()
    upcoming = session.scalars(
        select(OfferSession)
        .where(OfferSession.cancelled_at.is_(None), OfferSession.starts_at > now)
        .order_by(OfferSession.starts_at)
    ).all()
    return AudienceChoices(
        networks=tuple((row.id, row.name) for row in networks),
        sessions=tuple((row.id, f"{_offer_title(catalogue, row.offer_id)}, {moment_text(row.starts_at)}") for row in upcoming),
    )


def _offer_title(catalogue: Catalogue, offer_id: str) -> str:
    offer = catalogue.known(offer_id)
    return offer.title if offer else offer_id


def parse_municipalities(text: str) -> tuple[str, ...]:
    """The official names of the municipalities typed (comma, semicolon or line separated);
    every name that is not one of the 98 is reported at once, so one correction suffices."""
    typed = [part.strip() for part in _SEPARATORS.split(text or "") if part.strip()]
    if not typed:
        raise InvalidBroadcast({"municipalities": "Skriv mindst én kommune, fx 'Aarhus, Odense'."})
    found = {name: find_municipality(name) for name in typed}
    unknown = [name for name, official in found.items() if official is None]
    if unknown:
        listed = ", ".join(f"'{name}'" for name in unknown)
        raise InvalidBroadcast({
            "municipalities": f"Kender ikke {listed} som kommune. Skriv kommunernes navne adskilt af komma, fx 'Aarhus, Odense'."
        })
    return tuple(dict.fromkeys(official for official in found.values() if official))


Query = Select[str] | CompoundSelect[str]
"""The recipients' Slack user ids, one column."""


def resolve(session: Session, audience: Audience, catalogue: Catalogue) -> Recipients:
    """The label staff see and the recipients' Slack user ids, sorted and without duplicates."""
    label, query = _segment(session, audience, catalogue)
    user_ids = tuple(sorted(set(session.scalars(query))))
    return Recipients(label, user_ids)


def _segment(session: Session, audience: Audience, catalogue: Catalogue) -> tuple[str, Query]:
    mayors = select(Member.slack_user_id).where(is_mayor())
    match audience.kind:
        case AudienceKind.ALL_MAYORS:
            return AUDIENCE_NAMES[audience.kind], mayors
        case AudienceKind.NEW_MAYORS:
            return AUDIENCE_NAMES[audience.kind], mayors.where(Member.first_term.is_(True))
        case AudienceKind.MUNICIPALITIES:
            names = audience.municipalities
            if not names:
                raise InvalidBroadcast({"municipalities": "Skriv mindst én kommune, fx 'Aarhus, Odense'."})
            return f"Borgmestre i {', '.join(names)}", mayors.where(Member.municipality.in_(names))
        case AudienceKind.NETWORK:
            return _network(session, audience.network_id)
        case AudienceKind.ENROLLED:
            return _enrolled(session, audience, catalogue)
    raise InvalidBroadcast({"audience": "Vælg en målgruppe."})


def _network(session: Session, network_id: int | None) -> tuple[str, Query]:
    network = session.get(Network, network_id) if network_id is not None else None
    if network is None:
        raise InvalidBroadcast({"network": "Vælg det netværk, beskeden skal til."})
    query = select(Member.slack_user_id).join(NetworkMember, NetworkMember.member_id == Member.id).where(
        NetworkMember.network_id == network.id
    )
    return f"Medlemmer af netværket {network.name}", query


def _enrolled(session: Session, audience: Audience, catalogue: Catalogue) -> tuple[str, Query]:
    """A session's enrolled and waitlisted members; for a whole offer also those with an open or
    handled request (mentor, sparring, network place), since those offers have no sessions."""
    enrolled = select(Member.slack_user_id).join(Enrolment, Enrolment.member_id == Member.id).where(Enrolment.status.in_(ACTIVE))
    if audience.session_id is not None:
        offer_session = session.get(OfferSession, audience.session_id)
        if offer_session is None:
            raise InvalidBroadcast({"offer": "Den valgte dato findes ikke længere. Vælg en anden."})
        title = _offer_title(catalogue, offer_session.offer_id)
        label = f"Tilmeldte og venteliste: {title}, {moment_text(offer_session.starts_at)}"
        return label, enrolled.where(Enrolment.session_id == offer_session.id)
    offer = catalogue.get(audience.offer_id or "")
    if offer is None:
        raise InvalidBroadcast({"offer": "Vælg det tilbud eller den dato, hvis deltagere skal have beskeden."})
    in_sessions = enrolled.join(OfferSession, OfferSession.id == Enrolment.session_id).where(
        OfferSession.offer_id == offer.id, OfferSession.cancelled_at.is_(None)
    )
    requested = select(Member.slack_user_id).join(OfferRequest, OfferRequest.member_id == Member.id).where(
        OfferRequest.offer_id == offer.id, OfferRequest.status != RequestStatus.WITHDRAWN
    )
    return f"Tilmeldte og venteliste: {offer.title}", in_sessions.union(requested)
