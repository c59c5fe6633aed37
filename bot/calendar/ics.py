"""iCalendar (.ics) files, so a mayor's calendar shows sessions and meetings at the right local time.

Times are written with the Europe/Copenhagen zone and its VTIMEZONE, so calendars convert
correctly across daylight-saving changes instead of trusting a floating time.

One thing (a meeting, a session) keeps one UID in every file the bot sends about it. A change
is sent with a higher SEQUENCE, so Outlook and Google Calendar update the entry they hold; a
cancellation (or a withdrawal) is METHOD:CANCEL with STATUS:CANCELLED, so they remove it. RFC
5546 wants an ORGANIZER on a cancellation, which is KL's contact address.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import COPENHAGEN

PRODID = "-//KL//Borgmesterbot//DA"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    start: datetime
    end: datetime | None = None
    location: str | None = None
    description: str = ""
    sequence: int = 0
    cancelled: bool = False
    organizer: str | None = None


def to_ics(event: CalendarEvent, *, stamp: datetime) -> bytes:
    """One VEVENT in a VCALENDAR; an event without an end lasts two hours."""
    if event.start.tzinfo is None:
        raise ValueError("a calendar event needs a timezone-aware start")
    start = event.start.astimezone(COPENHAGEN)
    end = (event.end or event.start + timedelta(hours=2)).astimezone(COPENHAGEN)
    from icalendar import Calendar, Event, Timezone  # here: importing icalendar costs every command, few write a file

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if event.cancelled else "PUBLISH")
    calendar.add_component(Timezone.from_tzinfo(COPENHAGEN, first_date=start.date() - timedelta(days=366), last_date=end.date() + timedelta(days=366)))
    item = Event()
    item.add("uid", event.uid)
    item.add("summary", event.title)
    item.add("dtstart", start)
    item.add("dtend", end)
    item.add("dtstamp", stamp)
    item.add("sequence", event.sequence)
    item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.organizer:
        item.add("organizer", f"mailto:{event.organizer}")
    if event.location:
        item.add("location", event.location)
    if event.description:
        item.add("description", event.description)
    calendar.add_component(item)
    return calendar.to_ical()
