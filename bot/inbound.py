"""Slack deliveries handled once: a retried event, or one message arriving both as an
app_mention and as a message event, is answered the first time only.

The keys are claimed in one transaction; the table's primary key is the guard, so two workers
racing on the same delivery cannot both win, on SQLite or PostgreSQL.
"""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from bot.storage.db import Database
from bot.storage.models.inbound import HandledEvent

KEY_LENGTH = 200


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
