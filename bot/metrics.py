"""Prometheus metrics (prometheus_client, in the text format at /metrics): what this process has
done since it started (questions answered or abstained on, deliveries sent or failed), and the
queue lengths, read from the database at each scrape so every replica reports the same truth."""
from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from bot.storage.db import Database
from bot.storage.models.broadcast import OutboxMessage, OutboxState
from bot.storage.models.reminders import DeliveryState, ReminderDelivery

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

REGISTRY = CollectorRegistry()
QUESTIONS = Counter(
    "borgmesterbot_questions", "Questions answered in Slack, by outcome (answered or abstained).", ["outcome"], registry=REGISTRY
)
DELIVERIES = Counter(
    "borgmesterbot_deliveries", "Private messages delivered by this process, by kind (broadcast, reminder) and outcome (sent, failed).",
    ["kind", "outcome"], registry=REGISTRY,
)


def question_answered(abstained: bool) -> None:
    QUESTIONS.labels(outcome="abstained" if abstained else "answered").inc()


def delivery(kind: str, sent: bool) -> None:
    DELIVERIES.labels(kind=kind, outcome="sent" if sent else "failed").inc()


class QueueCollector(Collector):
    """The outbox and the reminder log by state, counted when Prometheus scrapes."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with self._db.session() as session:
            outbox = dict(session.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)).all())
            reminders = dict(session.execute(select(ReminderDelivery.state, func.count()).group_by(ReminderDelivery.state)).all())
        broadcast = GaugeMetricFamily("borgmesterbot_broadcast_queue", "Broadcast outbox rows waiting or in progress.", labels=["state"])
        for waiting in (OutboxState.PENDING, OutboxState.CLAIMED):
            broadcast.add_metric([waiting.value], outbox.get(waiting, 0))
        yield broadcast
        reminder = GaugeMetricFamily("borgmesterbot_reminder_queue", "Reminder deliveries waiting, in progress or to be checked.", labels=["state"])
        for open_state in (DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.UNCERTAIN):
            reminder.add_metric([open_state.value], reminders.get(open_state, 0))
        yield reminder


def exposition(db: Database) -> bytes:
    """This process's counters and the database's queues, in Prometheus's text format."""
    registry = CollectorRegistry()
    registry.register(QueueCollector(db))
    return generate_latest(REGISTRY) + generate_latest(registry)
