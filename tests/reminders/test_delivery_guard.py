"""The delivery log's promise: a crash mid-run or two runs at once neither lose a reminder nor
send one twice, as the fake Slack API sees it."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from bot.catalogue.store import CatalogueStore
from bot.clock import utcnow
from bot.notify import DeliveryResult, Notice, NoticeSender
from bot.reminders.delivery import ReminderRunner
from bot.reminders.errors import ReminderError
from bot.reminders.status import DeliveryLog
from bot.storage.db import Database
from bot.storage.models.reminders import DeliveryState, ReminderDelivery
from tests.reminders.delivery_doubles import Crash, CrashingSender
from tests.reminders.helpers import Clock, add_member, dms_to, slack_sender, without_quiet_hours
from tests.slack_harness.fake_slack import FakeSlack

MAYORS = [(f"U0M{i:02d}", f"Borgmester {i}", town) for i, town in enumerate(
    ["Aarhus", "Vejle", "Odense", "Kolding", "Horsens", "Randers", "Silkeborg", "Herning"]
)]


@pytest.fixture
def new_mayors(database: Database, clock: Clock) -> None:
    """Eight mayors added a minute ago, so eight welcome DMs are due. The clock starts at the
    real time here: finding a sent message in Slack compares with the times Slack stamps."""
    clock.set(utcnow().replace(microsecond=0))
    without_quiet_hours(database)
    for user_id, name, town in MAYORS:
        add_member(database, user_id, name, town, at=clock() - timedelta(minutes=1))


def _each_got(fake: FakeSlack) -> list[int]:
    return [len(dms_to(fake, user_id)) for user_id, _, _ in MAYORS]


@pytest.mark.parametrize("after_slack_has_it", [True, False], ids=["after-slack-has-it", "before-slack-has-it"])
def test_crash_mid_run_then_restart_loses_nothing_and_sends_nothing_twice(
    database: Database, db_url: str, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock,
    new_mayors: None, after_slack_has_it: bool,
) -> None:
    crashing = CrashingSender(slack_sender(fake_slack), at_send=3, after_slack_has_it=after_slack_has_it)
    with pytest.raises(Crash):
        ReminderRunner(database, catalogue, crashing, clock=clock).run_due()
    assert sum(_each_got(fake_slack)) == (3 if after_slack_has_it else 2)

    restarted = Database(db_url)  # a new process: its own engine and connections
    try:
        runner = ReminderRunner(restarted, catalogue, slack_sender(fake_slack), clock=clock)
        clock.advance(minutes=5)
        assert runner.run_due()["sent"] == 5, "the rest go out; the interrupted one waits for its claim to expire"
        clock.advance(minutes=6)
        report = runner.run_due()
        assert report["sent"] == (0 if after_slack_has_it else 1), "Slack is asked: found means sent, missing means send"
        assert _each_got(fake_slack) == [1] * len(MAYORS)
        with restarted.session() as session:
            assert {row.state for row in session.query(ReminderDelivery)} == {DeliveryState.SENT}
    finally:
        restarted.dispose()


def test_two_runs_at_once_send_each_reminder_once(
    database: Database, db_url: str, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, new_mayors: None
) -> None:
    """Leadership keeps a second scheduler from running; this is the guard beneath it."""
    second_db = Database(db_url)
    runners = [
        ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock, owner="one"),
        ReminderRunner(second_db, catalogue, slack_sender(fake_slack), clock=clock, owner="two"),
    ]
    start = threading.Barrier(2)
    reports = []

    def run(runner: ReminderRunner) -> None:
        start.wait()
        reports.append(runner.run_due())

    threads = [threading.Thread(target=run, args=(r,)) for r in runners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    second_db.dispose()
    assert sum(r["sent"] for r in reports) == len(MAYORS)
    assert _each_got(fake_slack) == [1] * len(MAYORS)


class SenderWithoutLookup:
    """A sender that cannot find a sent message again (as a console adapter would be)."""

    def __init__(self, real: NoticeSender) -> None:
        self._real = real

    def send(self, user_id: str, notice: Notice) -> DeliveryResult:
        return self._real.send(user_id, notice)

    def update(self, channel: str, ts: str, notice: Notice) -> DeliveryResult:
        return self._real.update(channel, ts, notice)


def test_without_a_lookup_an_interrupted_reminder_is_left_for_staff(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, new_mayors: None
) -> None:
    crashing = SenderWithoutLookup(CrashingSender(slack_sender(fake_slack), at_send=1, after_slack_has_it=True))
    with pytest.raises(Crash):
        ReminderRunner(database, catalogue, crashing, clock=clock).run_due()
    runner = ReminderRunner(database, catalogue, SenderWithoutLookup(slack_sender(fake_slack)), clock=clock)
    clock.advance(minutes=11)
    assert runner.run_due()["sent"] == len(MAYORS) - 1
    assert _each_got(fake_slack) == [1] * len(MAYORS), "never sent twice"
    log = DeliveryLog(database)
    [problem] = log.problems()
    assert problem.state is DeliveryState.UNCERTAIN and problem.slack_user_id == MAYORS[0][0]
    log.resend(problem.id, clock())
    assert runner.run_due()["sent"] == 1, "staff checked and asked for it again"
    assert log.problems() == []
    with pytest.raises(ReminderError, match="kan ikke sendes igen"):
        log.resend(problem.id, clock())


def test_when_slack_cannot_be_asked_the_interrupted_reminder_waits_and_is_never_doubled(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, new_mayors: None
) -> None:
    with pytest.raises(Crash):
        ReminderRunner(database, catalogue, CrashingSender(slack_sender(fake_slack), 1, after_slack_has_it=True), clock=clock).run_due()
    runner = ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock)
    clock.advance(minutes=11)
    fake_slack.fail_next("conversations.history", 1, error="internal_error")
    assert runner.run_due()["sent"] == len(MAYORS) - 1
    with database.session() as session:
        assert [row.state for row in session.query(ReminderDelivery).filter_by(state=DeliveryState.SENDING)] == [DeliveryState.SENDING]
    clock.advance(minutes=1)
    runner.run_due()
    assert _each_got(fake_slack) == [1] * len(MAYORS)
    with database.session() as session:
        assert {row.state for row in session.query(ReminderDelivery)} == {DeliveryState.SENT}
