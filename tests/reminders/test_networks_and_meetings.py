"""Staff administer networks and set meetings; the rotation proposes the host and holidays are flagged."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot.catalogue.store import CatalogueStore
from bot.reminders.errors import HolidayNotConfirmed, ReminderError
from bot.reminders.meetings import Meetings
from bot.reminders.networks import Networks
from bot.storage.db import Database
from bot.storage.models.members import Role
from bot.storage.models.reminders import Meeting
from tests.reminders.helpers import Clock, add_member, cph


@pytest.fixture
def people(database: Database, clock: Clock) -> dict[str, int]:
    joined = clock() - timedelta(days=60)
    return {
        "anna": add_member(database, "U0ANNA", "Anna Andersen", "Aarhus", at=joined),
        "bo": add_member(database, "U0BO", "Bo Berg", "Vejle", at=joined),
        "cai": add_member(database, "U0CAI", "Cai Clausen", "Odense", at=joined),
        "kim": add_member(database, "U0KIM", "Kim KL", None, role=Role.STAFF, at=joined),
    }


def test_create_add_and_remove_members(database: Database, people: dict[str, int]) -> None:
    networks = Networks(database)
    networks.create("  Netværk   Midt ")
    with pytest.raises(ReminderError, match="findes allerede"):
        networks.create("netværk midt")
    networks.add_member("Netværk Midt", "Aarhus")
    networks.add_member("netværk midt", "<@U0BO>")
    info = networks.add_member("Netværk Midt", "U0BO")
    assert [p.name for p in info.members] == ["Anna Andersen", "Bo Berg"], "adding twice changes nothing"
    assert [n.name for n in networks.of_member("U0ANNA")] == ["Netværk Midt"]
    info = networks.remove_member(info.id, "Aarhus")
    assert [p.name for p in info.members] == ["Bo Berg"]
    with pytest.raises(ReminderError, match="er ikke med i Netværk Midt"):
        networks.remove_member("Netværk Midt", "Aarhus")
    with pytest.raises(ReminderError, match="hverken et Slack-bruger-id"):
        networks.add_member("Netværk Midt", "Atlantis")
    with pytest.raises(ReminderError, match="ingen borgmester for Kolding"):
        networks.add_member("Netværk Midt", "Kolding")
    with pytest.raises(ReminderError, match="findes ikke"):
        networks.add_member("Netværk Syd", "Aarhus")
    with pytest.raises(ReminderError, match="navn på 1-200 tegn"):
        networks.create("   ")


def test_set_members_makes_the_list_exactly_so(database: Database, people: dict[str, int]) -> None:
    networks = Networks(database)
    networks.create("Netværk Vest")
    networks.add_member("Netværk Vest", "Aarhus")
    info = networks.set_members("Netværk Vest", ["U0BO", "U0CAI"])
    assert [p.slack_user_id for p in info.members] == ["U0CAI", "U0BO"], "ordered by municipality"
    assert networks.set_members("Netværk Vest", ["U0BO", "U0CAI"]) == info, "the same list again changes nothing"
    with pytest.raises(ReminderError, match="Ikke i medlemslisten: U0GHOST") as refused:
        networks.set_members("Netværk Vest", ["U0BO", "U0GHOST"])
    assert refused.value.field == "members"
    assert networks.get("Netværk Vest") == info, "a refused list changes nothing"
    assert networks.set_members("Netværk Vest", []).members == ()


def test_next_meeting_gets_the_proposed_host_and_can_be_moved(
    database: Database, catalogue: CatalogueStore, clock: Clock, people: dict[str, int]
) -> None:
    networks, meetings = Networks(database), Meetings(database, catalogue, clock)
    networks.create("Netværk Midt")
    for who in ("Aarhus", "Vejle", "Odense"):
        networks.add_member("Netværk Midt", who)
    draft = meetings.draft("Netværk Midt")
    assert draft.planned is None and draft.proposed_host.name == "Anna Andersen"

    first = meetings.set_network_meeting("Netværk Midt", cph(2027, 2, 10, 10), "Aarhus Rådhus", "1. Budget", by="U0KIM")
    assert first.host.name == "Anna Andersen" and first.title == "Netværksmøde i Netværk Midt"
    moved = meetings.set_network_meeting("Netværk Midt", cph(2027, 2, 11, 13), "Aarhus Rådhus", "1. Budget")
    assert moved.id == first.id, "setting the next meeting again changes it, it does not add one"
    assert meetings.draft("Netværk Midt").proposed_host.name == "Anna Andersen", "the planned meeting's own host is not a past turn"

    clock.set(cph(2027, 2, 12, 9))
    second = meetings.set_network_meeting("Netværk Midt", cph(2027, 5, 12, 10), "Vejle Rådhus")
    assert second.id != first.id and second.host.name == "Bo Berg"
    overridden = meetings.set_network_meeting("Netværk Midt", cph(2027, 5, 12, 10), "Odense Rådhus", host="Odense")
    assert overridden.host.name == "Cai Clausen"
    with pytest.raises(ReminderError, match="er ikke med i Netværk Midt"):
        meetings.set_network_meeting("Netværk Midt", cph(2027, 5, 12, 10), "Odense", host="U0KIM")
    clock.set(cph(2027, 5, 13, 9))
    assert meetings.draft("Netværk Midt").proposed_host.name == "Bo Berg", "Bo's turn was taken by the override"
    assert [m.host.name for m in meetings.history("Netværk Midt")] == ["Cai Clausen", "Anna Andersen"]


def test_moving_a_meeting_records_when_its_date_was_set(database: Database, catalogue: CatalogueStore, clock: Clock, people: dict[str, int]) -> None:
    Networks(database).create("Netværk Nord")
    meetings = Meetings(database, catalogue, clock)
    meeting = meetings.set_network_meeting("Netværk Nord", cph(2027, 3, 1, 10), "Aalborg")
    clock.advance(days=2)
    meetings.set_network_meeting("Netværk Nord", cph(2027, 3, 1, 10), "Aalborg", "Ny dagsorden")
    with database.session() as session:
        assert session.get(Meeting, meeting.id).date_set_at == cph(2027, 1, 4, 8), "same date: unchanged"
    meetings.set_network_meeting("Netværk Nord", cph(2027, 3, 2, 10), "Aalborg")
    with database.session() as session:
        assert session.get(Meeting, meeting.id).date_set_at == clock()


def test_meeting_input_is_checked_in_danish(database: Database, catalogue: CatalogueStore, clock: Clock, people: dict[str, int]) -> None:
    Networks(database).create("Netværk Syd")
    meetings = Meetings(database, catalogue, clock)
    with pytest.raises(ReminderError, match="ude i fremtiden"):
        meetings.set_network_meeting("Netværk Syd", clock() - timedelta(hours=1), "Kolding")
    with pytest.raises(ReminderError, match="hvor mødet holdes"):
        meetings.set_network_meeting("Netværk Syd", cph(2027, 3, 1, 10), "   ")
    with pytest.raises(ReminderError, match="Dagsordenen er for lang"):
        meetings.set_network_meeting("Netværk Syd", cph(2027, 3, 1, 10), "Kolding", "x" * 3001)
    with pytest.raises(ReminderError, match="ikke et af møderne for alle borgmestre"):
        meetings.set_forum_meeting("b99", cph(2027, 3, 1, 10), "Christiansborg")


def test_holidays_are_flagged_and_fora_reach_every_mayor(
    database: Database, catalogue: CatalogueStore, clock: Clock, people: dict[str, int]
) -> None:
    networks, meetings = Networks(database), Meetings(database, catalogue, clock)
    networks.create("Netværk Midt")
    networks.create("Netværk Nord")
    networks.add_member("Netværk Midt", "Aarhus")
    networks.add_member("Netværk Nord", "Vejle")
    with pytest.raises(HolidayNotConfirmed) as refused:
        meetings.set_network_meeting("Netværk Midt", cph(2027, 5, 6, 10), "Aarhus Rådhus")
    assert refused.value.holiday == "Kristi himmelfartsdag" and refused.value.field == "starts_at"
    assert meetings.upcoming_for("U0ANNA") == [], "nothing is set before it is confirmed"
    on_holiday = meetings.set_network_meeting("Netværk Midt", cph(2027, 5, 6, 10), "Aarhus Rådhus", holiday_confirmed=True)
    assert on_holiday.holiday == "Kristi himmelfartsdag"
    assert meetings.set_network_meeting("Netværk Nord", cph(2027, 5, 7, 10), "Vejle").holiday is None
    b98 = meetings.set_forum_meeting("b98", cph(2027, 1, 14, 9, 30), "Aalborg Kongres & Kultur Center", "KØF")
    assert b98.title == "Borgmesterkredsen (B98)"

    assert [m.title for m in meetings.upcoming_for("U0ANNA")] == ["Borgmesterkredsen (B98)", "Netværksmøde i Netværk Midt"]
    assert [m.title for m in meetings.upcoming_for("U0CAI")] == ["Borgmesterkredsen (B98)"]
    assert meetings.upcoming_for("U0KIM") == [], "staff are not in the fora"
    assert meetings.upcoming_for("U0NOBODY") == []
    clock.set(cph(2027, 2, 1, 8))
    assert [m.title for m in meetings.upcoming_for("U0ANNA")] == ["Netværksmøde i Netværk Midt"], "past meetings drop off"
    assert meetings.cancel(on_holiday.id).title == "Netværksmøde i Netværk Midt"
    assert meetings.upcoming_for("U0ANNA") == []
