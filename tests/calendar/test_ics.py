"""The .ics files: parseable, in Copenhagen time across daylight-saving changes."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from icalendar import Calendar

from bot.calendar.ics import CalendarEvent, to_ics
from bot.clock import COPENHAGEN

STAMP = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("local", "utc_hour"),
    [(datetime(2027, 3, 29, 10, 0), 8), (datetime(2027, 1, 14, 10, 0), 9), (datetime(2026, 10, 26, 10, 0), 9)],
)
def test_local_time_survives_dst(local: datetime, utc_hour: int) -> None:
    event = CalendarEvent(uid="m1@borgmesterbot", title="Netværksmøde", start=local.replace(tzinfo=COPENHAGEN), location="Vejle Rådhus")
    parsed = Calendar.from_ical(to_ics(event, stamp=STAMP))
    vevent = next(iter(parsed.walk("VEVENT")))
    start = vevent.decoded("dtstart")
    assert start.astimezone(timezone.utc).hour == utc_hour
    assert str(vevent["summary"]) == "Netværksmøde"
    assert str(vevent["location"]) == "Vejle Rådhus"
    assert (vevent.decoded("dtend") - start).total_seconds() == 7200
    assert parsed.walk("VTIMEZONE"), "the zone travels with the file"


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError):
        to_ics(CalendarEvent(uid="x", title="x", start=datetime(2027, 1, 1)), stamp=STAMP)
