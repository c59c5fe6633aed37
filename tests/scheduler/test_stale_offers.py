"""The scheduler's tick reminds staff, through the staff desk, of offers nobody has confirmed for
six months, on a controlled clock: not before, once when they go stale (in the staff channel;
not again at the next tick or after a restart), and not for an offer confirmed meanwhile. With
no staff channel and no staff members the attempt is kept in the database and tried again a day
later, not at every tick; then the staff DMs get it once."""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from slack_sdk import WebClient

from bot.catalogue.stale import StaleReminder
from bot.catalogue.store import Author, CatalogueStore
from bot.clock import utcnow
from bot.config import Settings
from bot.services import Services
from bot.slack.staff_board import attach_staff_board
from bot.storage.db import Database
from scheduler.app import build_scheduler, build_work
from tests.conftest import OFFERS_PATH
from tests.reminders.helpers import Clock, dms_to, slack_sender
from tests.slack_harness.fake_slack import FakeSlack

STAFF = "U0KLSTAFF"
CHANNEL = "C0STAFFDESK"


def services_on(tmp_path: Path, clock: Clock, fake_slack: FakeSlack, *, channel: str | None, staff: frozenset[str]) -> Services:
    """The composition root's services with the catalogue's clock under the test's control and
    the staff desk showing in the fake Slack, as the scheduler process attaches it."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'bot.sqlite3'}", offers_path=OFFERS_PATH, data_dir=tmp_path,
        staff_user_ids=staff, staff_channel_id=channel,
    )
    db = Database(settings.database_url)
    db.migrate()
    services = Services(settings=settings, db=db, catalogue=CatalogueStore(OFFERS_PATH, db, clock=clock))
    attach_staff_board(services, WebClient(token="xoxb-0000-test-borgmesterbot", base_url=fake_slack.url))
    return services


def told_in(fake_slack: FakeSlack, channel: str) -> list[str]:
    """What the desk posted to a channel, or to a staff member's DM (posted to their user id)."""
    return [call.text for call in fake_slack.calls("chat.postMessage") if call.args.get("channel") == channel]


def test_the_tick_tells_the_staff_desk_once_of_offers_not_confirmed_for_six_months(tmp_path: Path, fake_slack: FakeSlack) -> None:
    clock = Clock(utcnow())
    services = services_on(tmp_path, clock, fake_slack, channel=CHANNEL, staff=frozenset({STAFF}))
    clock.advance(days=120)
    services.catalogue.confirm("b98", Author("U0KAREN", "Karen"))
    reminder = StaleReminder(services.db, services.catalogue, services.desk.tell, months=6, clock=clock)
    assert reminder.run() == 0 and told_in(fake_slack, CHANNEL) == [], "four months: nothing is stale"

    clock.advance(days=70)
    scheduler = build_scheduler(services, slack_sender(fake_slack), tick_seconds=0.2, poll_seconds=0.1, clock=clock)
    scheduler.start()
    try:
        fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == CHANNEL)
    finally:
        scheduler.stop()
    assert services.desk.drain()
    [told] = told_in(fake_slack, CHANNEL)
    assert "Tilbud, der skal bekræftes" in told and "25 tilbud er ikke blevet bekræftet i over 6 måneder" in told
    assert "Mentorordning – sidst bekræftet" in told and "af KL" in told
    assert "B98) –" not in told, "confirmed four months later, so not stale yet"
    assert dms_to(fake_slack, STAFF) == [], "the staff channel is the desk; no DMs beside it"

    again = StaleReminder(services.db, services.catalogue, services.desk.tell, months=6, clock=clock)
    assert again.run() == 0 and len(told_in(fake_slack, CHANNEL)) == 1, "a restart tells nobody twice"
    services.close()


def test_with_nobody_to_tell_the_attempt_waits_a_day_not_a_tick(
    tmp_path: Path, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock(utcnow())
    lonely = services_on(tmp_path, clock, fake_slack, channel=None, staff=frozenset())
    clock.advance(days=200)
    work = build_work(lonely, slack_sender(fake_slack), clock=clock)
    with caplog.at_level(logging.WARNING):
        work.tick()
        for _ in range(5):
            clock.advance(minutes=1)
            work.tick()
    assert [r.message for r in caplog.records if "stale offers" in r.message] == [
        "nobody to tell of 26 stale offers; trying again in 24 hours"
    ], "one attempt, one warning, not one per tick"

    clock.advance(hours=23)
    staffed = replace(lonely.settings, staff_user_ids=frozenset({STAFF}))
    desk = Services(settings=staffed, db=lonely.db, catalogue=lonely.catalogue)
    attach_staff_board(desk, WebClient(token="xoxb-0000-test-borgmesterbot", base_url=fake_slack.url))
    reminder = StaleReminder(desk.db, desk.catalogue, desk.desk.tell, months=6, clock=clock)
    assert reminder.run() == 0, "a staff member now, but the last attempt is not a day old yet"
    clock.advance(hours=1)
    assert reminder.run() == 26
    assert desk.desk.drain()
    [told] = told_in(fake_slack, STAFF)
    assert "26 tilbud er ikke blevet bekræftet" in told, "no staff channel: the desk writes to each staff member's DM"
    clock.advance(days=3)
    assert reminder.run() == 0 and len(told_in(fake_slack, STAFF)) == 1, "told once for this stale period"
    lonely.close()
