"""Slack deliveries handled once: a retried event, or one message arriving both as an
app_mention and as a message event, is answered the first time only.

The keys are claimed in one transaction; the table's primary key is the guard, so two workers
racing on the same delivery cannot both win, on SQLite or PostgreSQL.
"""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.errors import UserError
from bot.storage.db import Database
from bot.storage.models.inbound import HandledEvent

KEY_LENGTH = 200


class AlreadySubmitted(UserError):
    """The same submission (a form posted again unchanged: a replay) was handled before."""

    def __init__(self) -> None:
        super().__init__("Formularen er allerede sendt, så jeg har ikke gemt den igen.")


def claim_once(session: Session, key: str | None) -> None:
    """Claim ``key`` in the caller's transaction, so what the caller writes and the claim commit
    together: a refused form (errors, nothing written) claims nothing, and of two identical
    submissions at once exactly one gets past here. None claims nothing (no identity given)."""
    if key is None:
        return
    session.add(HandledEvent(key=key[:KEY_LENGTH]))
    try:
        session.flush()
    except IntegrityError:
        raise AlreadySubmitted() from None


class HandledEvents:
    def __init__(self, db: Database) -> None:
        self._db = db

    def first_time(self, *keys: str) -> bool:
        """Claim every key; True when none was claimed before (so go on and answer)."""
        unique = list(dict.fromkeys(k[:KEY_LENGTH] for k in keys if k))
        if not unique:
            return True
        try:
            with self._db.session() as session:
                session.add_all(HandledEvent(key=key) for key in unique)
        except IntegrityError:
            return False
        return True
