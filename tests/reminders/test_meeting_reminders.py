"""Meeting reminders travel through the real Slack sender to the fake Slack Web API, at the
right local time, once, with the host's version for the host and an .ics attached."""
from __future__ import annotations

import logging

import pytest
from icalendar import Calendar

from bot.catalogue.store import CatalogueStore
from bot.clock import local
from bot.reminders.delivery import ReminderRunner
from bot.reminders.meetings import Meetings
from bot.reminders.networks import Networks
from bot.reminders.status import DeliveryLog
from bot.storage.db import Database
from bot.storage.models.reminders import DeliveryState, ReminderDelivery
from tests.reminders.helpers import Clock, add_member, cph, dms_to, slack_sender, without_quiet_hours
from tests.slack_harness.fake_slack import FakeSlack


@pytest.fixture
def midt(database: Database, catalogue: CatalogueStore, clock: Clock, fake_slack: FakeSlack) -> Meetings:
    """Netværk Midt (Anna, Bo) with a meeting on Wednesday 24 February 2027 at 10:00, Anna hosting.
    The invitations went out when it was set; the tests here are about the reminders after."""
    joined = cph(2027, 1, 10)
    add_member(database, "U0ANNA", "Anna Andersen", "Aarhus", at=joined)
    add_member(database, "U0BO", "Bo Berg", "Vejle", at=joined)
    networks = Networks(database)
    networks.create("Netværk Midt")
    networks.add_member("Netværk Midt", "Aarhus")
    networks.add_member("Netværk Midt", "Vejle")
    clock.set(cph(2027, 2, 1, 8))
    meetings = Meetings(database, catalogue, clock)
    meetings.set_network_meeting("Netværk Midt", cph(2027, 2, 24, 10), "Aarhus Rådhus", "1. Budget 2028\n2. Eventuelt")
    _send_invitations(database, catalogue, fake_slack, clock)
    return meetings


def _send_invitations(database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock) -> None:
    """What a tick right after a meeting is set or moved sends: the (updated) invitations."""
    report = _runner(database, catalogue, fake_slack, clock).run_due()
    assert report["sent"] == 2, report
    fake_slack.reset()


def _runner(database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock) -> ReminderRunner:
    return ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock)


def test_reminders_14_days_and_1_day_before_once_each(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, midt: Meetings
) -> None:
    runner = _runner(database, catalogue, fake_slack, clock)
    clock.set(cph(2027, 2, 10, 9, 59))
    assert runner.run_due()["sent"] == 0
    clock.set(cph(2027, 2, 10, 10))
    assert runner.run_due()["sent"] == 2
    assert runner.run_due()["sent"] == 0, "a second run finds everything logged"

    [anna] = dms_to(fake_slack, "U0ANNA")
    [bo] = dms_to(fake_slack, "U0BO")
    assert "Du er vært: Netværksmøde i Netværk Midt om 14 dage" in anna
    assert "Påmindelse: Netværksmøde i Netværk Midt om 14 dage" in bo
    for text in (anna, bo):
        assert "onsdag d. 24. februar 2027 kl. 10.00" in text and "Aarhus Rådhus" in text and "Budget 2028" in text
    assert "Værten er Anna Andersen (Aarhus)" in bo

    assert len(fake_slack.uploads) == 2
    event = next(iter(Calendar.from_ical(fake_slack.uploads[0].content).walk("VEVENT")))
    assert local(event.decoded("dtstart")).hour == 10 and str(event["location"]) == "Aarhus Rådhus"

    clock.set(cph(2027, 2, 23, 10))
    assert runner.run_due()["sent"] == 2
    assert "i morgen" in dms_to(fake_slack, "U0BO")[-1]
    clock.advance(days=3)
    assert runner.run_due()["sent"] == 0
    assert len(dms_to(fake_slack, "U0ANNA")) == len(dms_to(fake_slack, "U0BO")) == 2


def test_spring_and_autumn_reminders_land_at_ten_local(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, midt: Meetings
) -> None:
    without_quiet_hours(database)  # the changeover is on a Sunday; the weekend quiet is tested elsewhere
    runner = _runner(database, catalogue, fake_slack, clock)
    clock.set(cph(2027, 3, 1, 8))
    # The Monday after spring-forward, which is Easter Monday in 2027, so the date is confirmed.
    midt.set_network_meeting("Netværk Midt", cph(2027, 3, 29, 10), "Vejle Rådhus", holiday_confirmed=True)
    # 14 days before is 15 March, still winter time: 10:00 CET is 09:00 UTC (not 08:00, which
    # subtracting 14 x 24 hours from the meeting's 08:00 UTC would give).
    clock.set(cph(2027, 3, 15, 9, 30))
    assert runner.run_due()["sent"] == 0
    clock.set(cph(2027, 3, 15, 10))
    assert clock().hour == 9 and runner.run_due()["sent"] == 2
    # 1 day before is Sunday 28 March, the changeover day: 10:00 CEST is 08:00 UTC.
    clock.set(cph(2027, 3, 28, 9, 59))
    assert runner.run_due()["sent"] == 0
    clock.set(cph(2027, 3, 28, 10))
    assert clock().hour == 8 and runner.run_due()["sent"] == 2


def test_autumn_changeover_reminder_is_sent_once(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, midt: Meetings
) -> None:
    without_quiet_hours(database)  # the changeover is on a Sunday; the weekend quiet is tested elsewhere
    runner = _runner(database, catalogue, fake_slack, clock)
    clock.set(cph(2027, 10, 1, 8))
    midt.set_network_meeting("Netværk Midt", cph(2027, 11, 1, 10), "Vejle Rådhus")
    # 1 day before is Sunday 31 October 2027, when the clocks go back: the night's repeated hour
    # (02:00-03:00 twice) sends nothing, and 10:00 CET is 09:00 UTC.
    for moment in (cph(2027, 10, 31, 2, 30, fold=0), cph(2027, 10, 31, 2, 30, fold=1), cph(2027, 10, 31, 9, 59)):
        clock.set(moment)
        assert runner.run_due()["sent"] == 0
    clock.set(cph(2027, 10, 31, 10))
    assert clock().hour == 9 and runner.run_due()["sent"] == 2
    clock.advance(hours=1)
    assert runner.run_due()["sent"] == 0


def test_missed_window_sends_late_within_grace_then_skips_with_a_log_line(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, midt: Meetings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    runner = _runner(database, catalogue, fake_slack, clock)
    clock.set(cph(2027, 2, 10, 21, 59))  # the bot was down from before 10:00; 11 h 59 min late
    assert runner.run_due()["sent"] == 2
    clock.set(cph(2027, 2, 23, 22, 1))  # the 1-day reminder: 12 h 1 min late, past the grace period
    with caplog.at_level(logging.WARNING, logger="bot.reminders.delivery"):
        report = runner.run_due()
    assert report["sent"] == 0 and report["skipped"] == 2
    assert "missed its window of 12 hours: skipped for 2 recipient(s)" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="bot.reminders.delivery"):
        assert runner.run_due()["skipped"] == 0
    assert caplog.text == "", "a missed reminder is logged once"
    assert all("i morgen" not in text for text in dms_to(fake_slack, "U0BO"))


def test_a_meeting_set_at_short_notice_skips_the_early_reminder_silently(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, midt: Meetings
) -> None:
    runner = _runner(database, catalogue, fake_slack, clock)
    midt.set_network_meeting("Netværk Midt", cph(2027, 2, 5, 10), "Aarhus Rådhus")  # four days' notice
    _send_invitations(database, catalogue, fake_slack, clock)
    clock.set(cph(2027, 2, 4, 10))
    assert runner.run_due()["sent"] == 2
    with database.session() as session:
        rows = [row for row in session.query(ReminderDelivery) if row.reminder_key.startswith("meeting:")]
        assert {row.reminder_key.rsplit(":", 1)[1] for row in rows} == {"1"}, "no 14-day row, not even a skipped one"


def test_moving_a_meeting_starts_its_reminders_afresh(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, midt: Meetings
) -> None:
    runner = _runner(database, catalogue, fake_slack, clock)
    clock.set(cph(2027, 2, 10, 10))
    assert runner.run_due()["sent"] == 2
    clock.set(cph(2027, 2, 11, 9))
    midt.set_network_meeting("Netværk Midt", cph(2027, 3, 3, 10), "Odense Rådhus")
    _send_invitations(database, catalogue, fake_slack, clock)
    clock.set(cph(2027, 2, 17, 10))
    assert runner.run_due()["sent"] == 2
    assert "Odense Rådhus" in dms_to(fake_slack, "U0BO")[-1] and "onsdag d. 3. marts 2027" in dms_to(fake_slack, "U0BO")[-1]


def test_rate_limit_is_retried_and_a_deactivated_account_is_reported(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, midt: Meetings
) -> None:
    runner = _runner(database, catalogue, fake_slack, clock)
    fake_slack.rate_limit_next("chat.postMessage", 1, retry_after=30)
    fake_slack.fail_for_channel("U0BO", "account_inactive")
    clock.set(cph(2027, 2, 10, 10))
    report = runner.run_due()
    assert (report["pending"], report["failed"], report["sent"]) == (1, 1, 0)
    clock.advance(seconds=40)
    assert runner.run_due()["sent"] == 0, "not before the next attempt (at least a minute)"
    clock.advance(seconds=30)
    assert runner.run_due()["sent"] == 1
    assert len(dms_to(fake_slack, "U0ANNA")) == 1 and dms_to(fake_slack, "U0BO") == []
    [problem] = DeliveryLog(database).problems()
    assert (problem.slack_user_id, problem.state, problem.error) == ("U0BO", DeliveryState.FAILED, "account_inactive")
    clock.advance(hours=1)
    assert runner.run_due()["sent"] == 0, "a permanent failure is not retried"
