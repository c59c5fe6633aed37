"""Reading a sent .ics back with the icalendar library, as a calendar program would."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar


@dataclass(frozen=True)
class Entry:
    method: str
    uid: str
    sequence: int
    status: str
    start: datetime
    location: str
    organizer: str | None


def entry(content: bytes) -> Entry:
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    organizer = event.get("organizer")
    return Entry(
        method=str(calendar["method"]), uid=str(event["uid"]), sequence=int(event["sequence"]), status=str(event["status"]),
        start=event.decoded("dtstart"), location=str(event.get("location", "")), organizer=str(organizer) if organizer else None,
    )
