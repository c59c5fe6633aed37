"""A meeting's calendar stays true: the invitation comes with an .ics when the meeting is set,
a change sends the update (same UID, higher SEQUENCE), the reminders carry the current one, and
a cancellation sends METHOD:CANCEL. Read back with icalendar from what the fake Slack received."""
from __future__ import annotations

from bot.catalogue.store import CatalogueStore
from bot.reminders.delivery import ReminderRunner
from bot.reminders.meetings import Meetings
from bot.reminders.networks import Networks
from bot.storage.db import Database
from tests.calendar.parsing import Entry, entry
from tests.reminders.helpers import Clock, add_member, cph, dms_to, slack_sender
from tests.slack_harness.fake_slack import FakeSlack


def _entries(fake: FakeSlack, user_id: str) -> list[Entry]:
    return [entry(u.content) for u in fake.uploads if u.channel_id == "D" + user_id[1:]]


def test_set_change_remind_cancel(database: Database, catalogue: CatalogueStore, fake_slack: FakeSlack, clock: Clock) -> None:
    for user_id, name, town in (("U0ANNA", "Anna Andersen", "Aarhus"), ("U0BO", "Bo Berg", "Vejle")):
        add_member(database, user_id, name, town, at=cph(2027, 1, 2))
    networks = Networks(database)
    networks.create("Netværk Midt")
    networks.add_member("Netværk Midt", "Aarhus")
    networks.add_member("Netværk Midt", "Vejle")
    meetings = Meetings(database, catalogue, clock)
    runner = ReminderRunner(database, catalogue, slack_sender(fake_slack), clock=clock)

    clock.set(cph(2027, 2, 1, 9))
    meeting = meetings.set_network_meeting("Netværk Midt", cph(2027, 2, 24, 10), "Aarhus Rådhus", host="Aarhus")
    assert runner.run_due()["sent"] == 2, "the invitation goes out when the meeting is set"
    assert "Invitation: Netværksmøde i Netværk Midt" in dms_to(fake_slack, "U0BO")[-1]
    assert "Du er vært" in dms_to(fake_slack, "U0ANNA")[-1]

    clock.set(cph(2027, 2, 2, 9))
    meetings.set_network_meeting("Netværk Midt", cph(2027, 2, 24, 13), "Vejle Rådhus", host="Aarhus")
    meetings.set_network_meeting("Netværk Midt", cph(2027, 2, 24, 13), "Vejle Rådhus", host="Aarhus")
    assert runner.run_due()["sent"] == 2, "one update, and saving the same again changes nothing"
    assert "Ændret: Netværksmøde" in dms_to(fake_slack, "U0BO")[-1]

    clock.set(cph(2027, 2, 10, 10))
    assert runner.run_due()["sent"] == 2, "the 14-day reminder"
    clock.set(cph(2027, 2, 12, 9))
    meetings.cancel(meeting.id)
    assert runner.run_due()["sent"] == 2
    assert "Aflyst: Netværksmøde" in dms_to(fake_slack, "U0BO")[-1]
    clock.set(cph(2027, 2, 23, 10))
    assert runner.run_due()["sent"] == 0, "no reminder for a cancelled meeting"

    for user_id in ("U0ANNA", "U0BO"):
        invited, changed, reminded, cancelled = _entries(fake_slack, user_id)
        assert {invited.uid, changed.uid, reminded.uid, cancelled.uid} == {f"meeting-{meeting.id}@borgmesterbot"}
        assert [e.sequence for e in (invited, changed, reminded, cancelled)] == [0, 1, 1, 2]
        assert [e.method for e in (invited, changed, reminded, cancelled)] == ["PUBLISH", "PUBLISH", "PUBLISH", "CANCEL"]
        assert cancelled.status == "CANCELLED" and invited.status == "CONFIRMED"
        assert changed.start == cph(2027, 2, 24, 13) and changed.location == "Vejle Rådhus"
    assert meetings.upcoming() == [], "a cancelled meeting is not listed"
