"""Session times as mayors read and staff type them: Danish wording, Europe/Copenhagen time.

Times are stored in UTC; everything a person sees or types is local, so a session at 10.00
stays at 10.00 across a daylight-saving change.
"""
from __future__ import annotations

import re
from datetime import datetime

from bot.calendar.ics import COPENHAGEN
from bot.errors import UserError

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
_TYPED = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s+(?:kl\.?\s*)?(\d{1,2})[.:](\d{2}))?\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2})[.:](\d{2}))?\s*$")


class DateError(UserError, ValueError):
    """A typed date or time could not be read; the message is Danish and shows the format."""


def local(moment: datetime) -> datetime:
    return moment.astimezone(COPENHAGEN)


def day_text(moment: datetime) -> str:
    """'torsdag d. 14. januar 2027'"""
    at = local(moment)
    return f"{WEEKDAYS[at.weekday()]} d. {at.day}. {MONTHS[at.month - 1]} {at.year}"


def clock_text(moment: datetime) -> str:
    at = local(moment)
    return f"{at.hour:02d}.{at.minute:02d}"


def moment_text(moment: datetime) -> str:
    """'torsdag d. 14. januar 2027 kl. 10.00'"""
    return f"{day_text(moment)} kl. {clock_text(moment)}"


def span_text(start: datetime, end: datetime) -> str:
    """'torsdag d. 14. januar 2027 kl. 10.00–12.00', or both moments when it spans days."""
    if local(start).date() == local(end).date():
        return f"{day_text(start)} kl. {clock_text(start)}–{clock_text(end)}"
    return f"{moment_text(start)} til {moment_text(end)}"


def parse_local(text: str, *, end_of_day: bool = False) -> datetime:
    """'14.1.2027 10:00', '14-01-2027 kl. 10.00' or '2027-01-14 10:00', read as Copenhagen time.
    Without a time the day starts at 00.00, or ends at 23.59 for a deadline."""
    typed = _TYPED.match(text)
    iso = _ISO.match(text)
    if typed:
        day, month, year, hour, minute = typed.groups()
    elif iso:
        year, month, day, hour, minute = iso.groups()
    else:
        raise DateError(f"'{text.strip()[:40]}' er ikke en dato. Skriv fx 14.1.2027 10:00 eller 2027-01-14 10:00.")
    if hour is None:
        hour, minute = ("23", "59") if end_of_day else ("0", "0")
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), tzinfo=COPENHAGEN)
    except ValueError:
        raise DateError(f"'{text.strip()[:40]}' er ikke en gyldig dato eller tid.") from None
