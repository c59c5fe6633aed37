"""The scheduler's tick reminds staff of offers nobody has confirmed for six months, on a
controlled clock: not before, once when they go stale (not again at the next tick or after a
restart), and not for an offer confirmed meanwhile."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.catalogue.stale import StaleReminder
from bot.catalogue.store import Author, CatalogueStore
from bot.clock import utcnow
from bot.config import Settings
from bot.services import Services
from bot.storage.db import Database
from scheduler.app import build_scheduler, staff_teller
from tests.conftest import OFFERS_PATH
from tests.reminders.helpers import Clock, dms_to, slack_sender
from tests.slack_harness.fake_slack import FakeSlack

STAFF = "U0KLSTAFF"


def services_on(tmp_path: Path, clock: Clock) -> Services:
    """The composition root's services, with the catalogue's clock under the test's control."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'bot.sqlite3'}", offers_path=OFFERS_PATH, data_dir=tmp_path,
        staff_user_ids=frozenset({STAFF}),
    )
    db = Database(settings.database_url)
    db.migrate()
    return Services(settings=settings, db=db, catalogue=CatalogueStore(OFFERS_PATH, db, clock=clock))


def test_the_tick_tells_staff_once_of_offers_not_confirmed_for_six_months(tmp_path: Path, fake_slack: FakeSlack) -> None:
    clock = Clock(utcnow())
    services = services_on(tmp_path, clock)
    clock.advance(days=120)
    services.catalogue.confirm("b98", Author("U0KAREN", "Karen"))
    sender = slack_sender(fake_slack)
    reminder = StaleReminder(services.db, services.catalogue, staff_teller(services, sender), months=6, clock=clock)
    assert reminder.run() == 0 and dms_to(fake_slack, STAFF) == [], "four months: nothing is stale"

    clock.advance(days=70)
    scheduler = build_scheduler(services, sender, tick_seconds=0.2, poll_seconds=0.1, clock=clock)
    scheduler.start()
    try:
        fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "D" + STAFF[1:])
    finally:
        scheduler.stop()
    [told] = dms_to(fake_slack, STAFF)
    assert "25 tilbud er ikke blevet bekræftet i over 6 måneder" in told
    assert "Mentorordning – sidst bekræftet" in told and "af KL" in told
    assert "B98 –" not in told, "confirmed four months later, so not stale yet"

    again = StaleReminder(services.db, services.catalogue, staff_teller(services, sender), months=6, clock=clock)
    assert again.run() == 0 and len(dms_to(fake_slack, STAFF)) == 1, "a restart tells nobody twice"
    services.close()


def test_a_notice_that_could_not_be_sent_is_tried_again(tmp_path: Path, fake_slack: FakeSlack) -> None:
    clock = Clock(utcnow())
    services = services_on(tmp_path, clock)
    clock.advance(days=200)
    nobody = replace(services.settings, staff_user_ids=frozenset())
    lonely = Services(settings=nobody, db=services.db, catalogue=services.catalogue)
    sender = slack_sender(fake_slack)
    assert StaleReminder(services.db, services.catalogue, staff_teller(lonely, sender), months=6, clock=clock).run() == 0
    assert StaleReminder(services.db, services.catalogue, staff_teller(services, sender), months=6, clock=clock).run() == 26
    services.close()
