"""The scheduler end to end: APScheduler on its SQLAlchemy job store, only the leader ticking,
a takeover when the leader stops, and a restart that sends nothing twice."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.reminders.delivery import ReminderRunner
from bot.reminders.status import DeliveryLog
from bot.storage.db import Database
from bot.storage.models.reminders import ReminderDelivery
from scheduler import jobs
from scheduler.leadership import leadership_for
from scheduler.service import HOUSEKEEPING_ID, JOBS_TABLE, TICK_ID, ReminderScheduler
from scheduler.work import ReminderWork
from tests.conftest import OFFERS_PATH
from tests.reminders.helpers import Clock, add_member, dms_to, slack_sender, without_quiet_hours
from tests.slack_harness.fake_slack import FakeSlack


class CountedWork:
    """The replica's work, counting the ticks that ran, so a test waits for ticks that happened
    (and sees that a standby ran none) instead of sleeping a guessed while."""

    def __init__(self, work: ReminderWork) -> None:
        self._work = work
        self.ticks = 0
        self._ticked = threading.Condition()

    def tick(self) -> None:
        self._work.tick()
        with self._ticked:
            self.ticks += 1
            self._ticked.notify_all()

    def housekeeping(self) -> None:
        self._work.housekeeping()

    def stop(self) -> None:
        self._work.stop()

    def wait_ticks(self, more: int, timeout: float = 10.0) -> None:
        """Until ``more`` ticks have finished after this call."""
        with self._ticked:
            target = self.ticks + more
            assert self._ticked.wait_for(lambda: self.ticks >= target, timeout), f"{more} more ticks did not run within {timeout} s"


@dataclass
class Replica:
    """One app replica: its own engine, runner and scheduler, as a separate process would have."""

    name: str
    db: Database
    scheduler: ReminderScheduler
    work: CountedWork


@pytest.fixture
def clock() -> Clock:
    return Clock(utcnow().replace(microsecond=0))


@pytest.fixture
def replicas(db_url: str, database: Database, fake_slack: FakeSlack, clock: Clock) -> Iterator[Callable[[str], Replica]]:
    catalogue = CatalogueStore(OFFERS_PATH)
    without_quiet_hours(database)
    started: list[Replica] = []

    def start(name: str) -> Replica:
        db = Database(db_url)
        runner = ReminderRunner(db, catalogue, slack_sender(fake_slack), clock=clock, owner=name)
        work = CountedWork(ReminderWork(runner, DeliveryLog(db), clock=clock))
        replica = Replica(name, db, ReminderScheduler(work, db_url, leadership_for(db.engine), tick_seconds=0.2, poll_seconds=0.1), work)
        replica.scheduler.start()
        started.append(replica)
        return replica

    yield start
    for replica in started:
        replica.scheduler.stop()
        replica.db.dispose()


def _add_mayors(database: Database, clock: Clock, *ids: str) -> None:
    for user_id in ids:
        add_member(database, user_id, f"Borgmester {user_id}", None, at=clock() - timedelta(minutes=1))


def _senders(database: Database) -> dict[str, str]:
    with database.session() as session:
        return {row.reminder_key + row.member.slack_user_id: row.claimed_by for row in session.scalars(select(ReminderDelivery))}


def _wait_for_leader(*replicas: Replica, timeout: float = 10.0) -> Replica:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        leaders = [r for r in replicas if r.scheduler.is_leader]
        if leaders:
            return leaders[0]
        time.sleep(0.05)
    raise AssertionError("no scheduler became leader")


def test_two_replicas_one_leader_then_a_takeover(replicas: Callable[[str], Replica], database: Database, fake_slack: FakeSlack, clock: Clock) -> None:
    first_batch = [f"U0A{i}" for i in range(5)]
    _add_mayors(database, clock, *first_batch)
    one, two = replicas("one"), replicas("two")
    leader = _wait_for_leader(one, two)
    standby = two if leader is one else one
    fake_slack.wait_for("chat.postMessage", count=5)
    leader.work.wait_ticks(2)  # ticks after the sends, finding nothing more to send
    assert len(fake_slack.calls("chat.postMessage")) == 5
    assert not standby.scheduler.is_leader and standby.work.ticks == 0
    assert set(_senders(database).values()) == {leader.name}, "only the leader sent"

    leader.scheduler.stop()
    assert _wait_for_leader(standby) is standby
    _add_mayors(database, clock, "U0B1", "U0B2")
    fake_slack.wait_for("chat.postMessage", count=7)
    standby.work.wait_ticks(2)
    assert [len(dms_to(fake_slack, u)) for u in [*first_batch, "U0B1", "U0B2"]] == [1] * 7
    senders = _senders(database)
    assert {senders["welcomeU0B1"], senders["welcomeU0B2"]} == {standby.name}


def test_restart_keeps_the_job_store_and_sends_nothing_twice(replicas: Callable[[str], Replica], database: Database, fake_slack: FakeSlack, clock: Clock) -> None:
    _add_mayors(database, clock, "U0A1", "U0A2")
    first = replicas("first")
    fake_slack.wait_for("chat.postMessage", count=2)
    first.scheduler.stop()
    with database.engine.connect() as connection:
        stored = set(connection.execute(text(f"SELECT id FROM {JOBS_TABLE}")).scalars())
    assert stored == {TICK_ID, HOUSEKEEPING_ID}, "the jobs live in the bot's own database"

    _add_mayors(database, clock, "U0A3")
    clock.advance(minutes=30)
    restarted = replicas("restarted")
    _wait_for_leader(restarted)
    fake_slack.wait_for("chat.postMessage", count=3)
    restarted.work.wait_ticks(2)
    assert [len(dms_to(fake_slack, u)) for u in ("U0A1", "U0A2", "U0A3")] == [1, 1, 1]


def test_a_job_left_by_a_stopped_scheduler_does_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="scheduler.jobs"):
        jobs.tick("gone")
        jobs.housekeeping("gone")
    assert caplog.text.count("no running scheduler gone in this process") == 2
