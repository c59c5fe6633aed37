"""Conversation memory in the database: shared by every replica (two Database objects on one
database stand for two processes), replaced by a new topic, and forgotten after its time."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.answers.conversation import Topic
from bot.answers.intent import Intent
from bot.conversations import ConversationMemory
from bot.storage.db import Database


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2027, 1, 10, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def test_a_topic_written_by_one_replica_is_read_by_another(database: Database) -> None:
    clock = Clock()
    other = Database(str(database.engine.url))
    try:
        ConversationMemory(database, now=clock).remember("D1", Topic(("mentorordning",), Intent.PRICE, "en", ("b98",)))
        assert ConversationMemory(other, now=clock).recall("D1") == Topic(("mentorordning",), Intent.PRICE, "en", ("b98",))
        assert ConversationMemory(other, now=clock).recall("D2") is None
    finally:
        other.dispose()


def test_the_offers_shown_side_by_side_are_remembered_with_the_topic(database: Database) -> None:
    clock = Clock()
    topic = Topic(("makkerskab",), Intent.PROVIDER, "da", ("dialogvaerktoj",), ("dialogvaerktoj", "makkerskab"))
    ConversationMemory(database, now=clock).remember("D1", topic)
    assert ConversationMemory(database, now=clock).recall("D1") == topic


def test_a_new_topic_replaces_the_old_and_renews_the_expiry(database: Database) -> None:
    clock = Clock()
    memory = ConversationMemory(database, ttl=timedelta(minutes=30), now=clock)
    memory.remember("C1:1.0", Topic(("mentorordning",)))
    clock.now += timedelta(minutes=20)
    memory.remember("C1:1.0", Topic(("sociale-medier",)))
    clock.now += timedelta(minutes=20)
    assert memory.recall("C1:1.0") == Topic(("sociale-medier",))


def test_a_topic_is_forgotten_after_its_time_and_old_rows_are_cleared(database: Database) -> None:
    clock = Clock()
    memory = ConversationMemory(database, ttl=timedelta(minutes=30), now=clock)
    memory.remember("D1", Topic(("b98",)))
    clock.now += timedelta(minutes=31)
    assert memory.recall("D1") is None
    memory.remember("D2", Topic(("b98",)))
    with database.session() as session:
        from bot.storage.models.conversations import ConversationTopic

        assert [row.key for row in session.query(ConversationTopic)] == ["D2"]


def test_a_declined_last_message_is_remembered_with_the_topic(database: Database) -> None:
    clock = Clock()
    topic = Topic(("b98",), Intent.WHEN, "da", declined=True)
    ConversationMemory(database, now=clock).remember("D1", topic)
    assert ConversationMemory(database, now=clock).recall("D1") == topic
