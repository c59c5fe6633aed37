"""The audit log: one row for every action a KL staff member takes, kept in the database and
read with `borgmesterbot audit`. ``record`` writes in the caller's transaction when given one, so
the row exists exactly when the action it describes was committed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.db import Database
from bot.storage.models.members import Member
from bot.storage.models.staff import AuditEntry

_SUBJECT_LENGTH = 500
_ACTOR_LENGTH = 32
"""The actor id column: a Slack id fits; a longer one (a catalogue change made on the command
line as 'cli:<name>') is cut."""
_NAME_LENGTH = 200
COMMAND_LINE = "kommandolinjen"
"""The actor of a staff action taken with the `borgmesterbot` command (whoever runs it is staff)."""


class Action(StrEnum):
    """What staff did; the value is stored, the label is what `borgmesterbot audit` prints."""

    SESSION_CREATED = "session_created"
    SESSION_CHANGED = "session_changed"
    SESSION_CANCELLED = "session_cancelled"
    ROSTER_EXPORTED = "roster_exported"
    PERSON_APPROVED = "person_approved"
    PERSON_REJECTED = "person_rejected"
    BROADCAST_SENT = "broadcast_sent"
    BROADCAST_SCHEDULED = "broadcast_scheduled"
    BROADCAST_APPROVED = "broadcast_approved"
    BROADCAST_CANCELLED = "broadcast_cancelled"
    NETWORK_CHANGED = "network_changed"
    MEETING_CHANGED = "meeting_changed"
    ITEM_TAKEN = "item_taken"
    ANSWER_SENT = "answer_sent"
    ITEM_CLOSED = "item_closed"
    CATALOGUE_IMPORTED = "catalogue_imported"
    OFFER_EDITED = "offer_edited"
    OFFER_ADDED = "offer_added"
    OFFER_RETIRED = "offer_retired"
    CATALOGUE_ROLLED_BACK = "catalogue_rolled_back"
    OFFER_CONFIRMED = "offer_confirmed"
    PERSON_FORGOTTEN = "person_forgotten"
    PRAKTIK_CHANGED = "praktik_changed"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Action.SESSION_CREATED: "oprettede en dato",
    Action.SESSION_CHANGED: "rettede en dato",
    Action.SESSION_CANCELLED: "aflyste en dato",
    Action.ROSTER_EXPORTED: "hentede en deltagerliste",
    Action.PERSON_APPROVED: "godkendte en person",
    Action.PERSON_REJECTED: "afviste en person",
    Action.BROADCAST_SENT: "sendte en udsendelse",
    Action.BROADCAST_SCHEDULED: "planlagde en udsendelse",
    Action.BROADCAST_APPROVED: "godkendte en udsendelse",
    Action.BROADCAST_CANCELLED: "annullerede en udsendelse",
    Action.NETWORK_CHANGED: "ændrede et netværk",
    Action.MEETING_CHANGED: "ændrede et møde",
    Action.ITEM_TAKEN: "tog en sag",
    Action.PERSON_FORGOTTEN: "slettede en persons oplysninger (GDPR)",
    Action.PRAKTIK_CHANGED: "ændrede borgmesterpraktik",
    Action.ANSWER_SENT: "sendte et svar",
    Action.ITEM_CLOSED: "afsluttede en sag",
    Action.CATALOGUE_IMPORTED: "indlæste kataloget",
    Action.OFFER_EDITED: "rettede et tilbud",
    Action.OFFER_ADDED: "oprettede et tilbud",
    Action.OFFER_RETIRED: "tog et tilbud ud af kataloget",
    Action.CATALOGUE_ROLLED_BACK: "satte kataloget tilbage",
    Action.OFFER_CONFIRMED: "bekræftede et tilbud uændret",
}


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor_id: str
    actor_name: str | None
    action: Action
    subject: str
    detail: str | None

    @property
    def actor(self) -> str:
        return self.actor_name or self.actor_id


class AuditLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self,
        actor_id: str,
        action: Action,
        subject: str,
        detail: str | None = None,
        *,
        actor_name: str | None = None,
        session: Session | None = None,
    ) -> None:
        """Keep one staff action. ``subject`` says what it was done to in a few words
        ("Mødeledelse 5.3.2099", "anmodning om mentor fra Mette Mayor"); ``detail`` the rest."""
        if session is not None:
            self.add(session, actor_id, action, subject, detail, actor_name=actor_name)
            return
        with self._db.session() as own:
            self.add(own, actor_id, action, subject, detail, actor_name=actor_name)

    @staticmethod
    def add(session: Session, actor_id: str, action: Action, subject: str, detail: str | None = None, *, actor_name: str | None = None) -> None:
        """``record`` inside a transaction the caller already has, for a domain service that
        holds no AuditLog of its own. Without a name, the directory's name is kept, if any."""
        if actor_name is None:
            actor_name = session.scalar(select(Member.name).where(Member.slack_user_id == actor_id))
        session.add(
            AuditEntry(
                actor_id=actor_id[:_ACTOR_LENGTH], actor_name=actor_name[:_NAME_LENGTH] if actor_name else None, action=action.value,
                subject=subject[:_SUBJECT_LENGTH], detail=detail or None,
            )
        )

    def entries(self, since: datetime | None = None) -> list[AuditRow]:
        """Oldest first, so the log reads as it happened."""
        query = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
        if since is not None:
            query = query.where(AuditEntry.at >= since)
        with self._db.session() as session:
            return [
                AuditRow(e.at, e.actor_id, e.actor_name, Action(e.action), e.subject, e.detail)
                for e in session.scalars(query)
            ]
