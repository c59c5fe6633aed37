"""Quiet hours: no DM between 20:00 and 07:00, on weekends or on public holidays (by default);
a reminder that would fall there goes at the next allowed time, still before the event."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.catalogue.store import CatalogueStore
from bot.reminders.delivery import ReminderRunner
from bot.reminders.errors import ReminderError
from bot.reminders.meetings import Meetings
from bot.reminders.networks import Networks
from bot.reminders.policy import PolicyStore, ReminderPolicy
from bot.reminders.quiet import QuietHours
from bot.storage.db import Database
from tests.reminders.helpers import Clock, add_member, cph, dms_to, slack_sender
from tests.slack_harness.fake_slack import FakeSlack

QUIET = QuietHours()


@pytest.mark.parametrize(
    ("fires_at", "event", "sent_at"),
    [
        (cph(2027, 3, 3, 10), cph(2027, 3, 4, 10), cph(2027, 3, 3, 10)),  # a Wednesday morning: as planned
        (cph(2027, 3, 5, 21), cph(2027, 3, 10, 10), cph(2027, 3, 8, 7)),  # Friday evening → Monday 07:00
        (cph(2027, 3, 9, 5, 30), cph(2027, 3, 10, 10), cph(2027, 3, 9, 7)),  # early morning → 07:00 that day
        (cph(2027, 3, 7, 10), cph(2027, 3, 8, 9), cph(2027, 3, 8, 7)),  # Sunday, for Monday 09:00 → Monday 07:00
        (cph(2027, 3, 7, 10), cph(2027, 3, 8, 6, 30), cph(2027, 3, 5, 19, 59)),  # Monday 06:30 is too early: Friday
        (cph(2027, 12, 24, 10), cph(2028, 1, 5, 10), cph(2027, 12, 27, 7)),  # juleaften, then the weekend
        (cph(2027, 3, 25, 10), cph(2027, 4, 1, 10), cph(2027, 3, 30, 7)),  # skærtorsdag to 2. påskedag
    ],
)
def test_a_reminder_in_quiet_hours_moves_to_the_next_allowed_time_before_the_event(fires_at, event, sent_at) -> None:  # type: ignore[no-untyped-def]
    assert QUIET.place(fires_at, event) == sent_at
    assert QUIET.allows(sent_at)


def test_quiet_hours_are_configurable() -> None:
    evenings_only = QuietHours(21, 6, weekends=False, holidays=False)
    assert evenings_only.place(cph(2027, 3, 6, 10)) == cph(2027, 3, 6, 10), "a Saturday is allowed"
    assert evenings_only.place(cph(2027, 3, 5, 20, 30)) == cph(2027, 3, 5, 20, 30)
    assert evenings_only.place(cph(2027, 3, 5, 21)) == cph(2027, 3, 6, 6)
    never = QuietHours(0, 0, weekends=False, holidays=False)
    assert never.place(cph(2027, 12, 24, 23, 30)) == cph(2027, 12, 24, 23, 30)


def test_the_send_hour_cannot_lie_in_quiet_hours(database: Database) -> None:
    with pytest.raises(ReminderError, match="stille timer"):
        PolicyStore(database).set(replace(ReminderPolicy(), send_hour=8, quiet=QuietHours(6, 9)), updated_by=None)


@pytest.fixture
def midt(database: Database, catalogue: CatalogueStore, clock: Clock) -> Meetings:
    for user_id, name, town in (("U0ANNA", "Anna Andersen", "Aarhus"), ("U0BO", "Bo Berg", "Vejle")):
        add_member(database, user_id, name, town, at=cph(2027, 1, 2))
    networks = Networks(database)
    networks.create("Netværk Midt")
    networks.add_member("Netværk Midt", "Aarhus")
    networks.add_member("Netværk Midt", "Vejle")
    return Meetings(database, catalogue, clock)


def test_the_runner_holds_an_invitation_and_a_sunday_reminder_until_monday_morning(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, midt: Meetings
) -> None:
    runner = ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock)
    clock.set(cph(2027, 2, 26, 21, 15))  # Friday evening
    midt.set_network_meeting("Netværk Midt", cph(2027, 3, 8, 9), "Aarhus Rådhus")  # Monday 09:00
    for moment in (cph(2027, 2, 26, 21, 16), cph(2027, 2, 27, 12), cph(2027, 3, 1, 6, 59)):
        clock.set(moment)
        assert runner.run_due()["sent"] == 0, f"quiet at {moment}"
    clock.set(cph(2027, 3, 1, 7))
    assert runner.run_due()["sent"] == 2, "the invitation on Monday at 07:00"
    assert all("Invitation" in text for text in (dms_to(fake_slack, "U0ANNA")[-1], dms_to(fake_slack, "U0BO")[-1]))

    clock.set(cph(2027, 3, 7, 10))  # Sunday: the 1-day reminder's planned time
    assert runner.run_due()["sent"] == 0
    clock.set(cph(2027, 3, 8, 7))
    assert runner.run_due()["sent"] == 2, "Monday 07:00, before the 09:00 meeting"
    assert "i dag" in dms_to(fake_slack, "U0BO")[-1]


def test_with_quiet_hours_off_the_invitation_goes_at_once(
    database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock, midt: Meetings
) -> None:
    PolicyStore(database).set(ReminderPolicy(quiet=QuietHours(0, 0, weekends=False, holidays=False)), updated_by="U0KIM")
    runner = ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock)
    clock.set(cph(2027, 2, 27, 22))  # Saturday night
    midt.set_network_meeting("Netværk Midt", cph(2027, 3, 8, 9), "Aarhus Rådhus")
    assert runner.run_due()["sent"] == 2
