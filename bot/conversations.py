"""Conversation memory: the topic each conversation was last about, kept in the database so every
replica answers a follow-up alike, and forgotten after a while.

A conversation is named by its adapter (bot/slack: the DM channel, or the channel and thread;
the console: its session). Writing is an upsert that survives a race: two replicas answering in
one thread at once both succeed, and the later answer's topic stays, as it would in one process.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from bot.answers.conversation import Topic
from bot.answers.intent import Intent
from bot.clock import utcnow
from bot.storage.db import Database
from bot.storage.models.conversations import ConversationTopic

# Long enough for a conversation with pauses, short enough that tomorrow's question starts afresh.
REMEMBERED_FOR = timedelta(minutes=30)
KEY_LENGTH = 200


class ConversationMemory:
    def __init__(self, db: Database, ttl: timedelta = REMEMBERED_FOR, now: Callable[[], datetime] = utcnow) -> None:
        self._db = db
        self._ttl = ttl
        self._now = now

    def recall(self, key: str) -> Topic | None:
        """The conversation's topic, unless it has expired (or there is none)."""
        with self._db.session() as session:
            row = session.get(ConversationTopic, key[:KEY_LENGTH])
            if row is None or row.expires_at <= self._now():
                return None
            return Topic(
                tuple(row.offer_ids), Intent(row.intent), row.language, tuple(row.earlier), tuple(row.listed or ()),
                row.declined,
            )

    def remember(self, key: str, topic: Topic) -> None:
        """Replace the conversation's topic and renew its expiry; expired rows go at the same time."""
        key = key[:KEY_LENGTH]
        now = self._now()
        values = {
            "offer_ids": list(topic.offer_ids), "earlier": list(topic.earlier), "listed": list(topic.listed),
            "intent": str(topic.intent), "declined": topic.declined,
            "language": topic.language, "expires_at": now + self._ttl,
        }
        for _ in range(2):
            try:
                with self._db.session() as session:
                    session.execute(delete(ConversationTopic).where(ConversationTopic.expires_at <= now))
                    row = session.scalars(select(ConversationTopic).where(ConversationTopic.key == key)).first()
                    if row is None:
                        session.add(ConversationTopic(key=key, **values))
                    else:
                        for name, value in values.items():
                            setattr(row, name, value)
                return
            except IntegrityError:
                continue  # another replica inserted the row first: update it on the second try
