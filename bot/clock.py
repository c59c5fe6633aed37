"""The clock and Danish time, for every layer: what time it is (UTC, as stored), Copenhagen
wall-clock time, the Danish wording of days and times, reading a date as staff type it, and
Danish public holidays and working days.

Times are stored in UTC; everything a person sees or types is local, so a session at 10.00 stays
at 10.00 across a daylight-saving change. Reminders are computed on the calendar, not by
subtracting hours: "14 days before at 10:00" is 10:00 local on that date whether or not a
daylight-saving change lies in between.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.errors import UserError

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
_TYPED = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s+(?:kl\.?\s*)?(\d{1,2})[.:](\d{2}))?\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2})[.:](\d{2}))?\s*$")

Clock = Callable[[], datetime]
"""What a service asks for the current moment; tests pass a moved clock."""


def utcnow() -> datetime:
    """The real clock: the current moment, timezone-aware UTC (as the database stores it)."""
    return datetime.now(timezone.utc)


class DateError(UserError, ValueError):
    """A typed date or time could not be read; the message is Danish and shows the format."""


def local(moment: datetime) -> datetime:
    return moment.astimezone(COPENHAGEN)


def day_text(moment: datetime) -> str:
    """'torsdag d. 14. januar 2027'"""
    at = local(moment)
    return f"{WEEKDAYS[at.weekday()]} d. {at.day}. {MONTHS[at.month - 1]} {at.year}"


def date_text(moment: datetime) -> str:
    """'12.11.2026'"""
    at = local(moment)
    return f"{at.day}.{at.month}.{at.year}"


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
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), tzinfo=COPENHAGEN)
    except ValueError:
        raise DateError(f"'{text.strip()[:40]}' er ikke en gyldig dato eller tid.") from None
    return _existing_once(moment)


def _existing_once(moment: datetime) -> datetime:
    """Refuse a wall-clock time the daylight-saving night skips or repeats, so what is confirmed
    and what is later listed are one and the same moment (never an hour off)."""
    night = f"natten til {day_text(moment.replace(hour=12, minute=0))}"
    asked = f"Kl. {moment.hour:02d}.{moment.minute:02d}"
    round_trip = moment.astimezone(timezone.utc).astimezone(COPENHAGEN)
    if (round_trip.hour, round_trip.minute) != (moment.hour, moment.minute):
        raise DateError(f"{asked} findes ikke {night}: uret stilles frem fra 02.00 til 03.00. Vælg et andet tidspunkt.")
    if moment.replace(fold=1).utcoffset() != moment.utcoffset():
        raise DateError(
            f"{asked} findes to gange {night}, fordi uret stilles tilbage fra 03.00 til 02.00. Vælg et tidspunkt før 02.00 eller fra 03.00."
        )
    return moment


def at_local(day: date, hour: int, minute: int = 0) -> datetime:
    """The UTC instant of a wall-clock time in Copenhagen (the first one on the autumn night)."""
    return datetime.combine(day, time(hour, minute), tzinfo=COPENHAGEN).astimezone(timezone.utc)


def days_before(starts_at: datetime, days: int, hour: int) -> datetime:
    """`hour` o'clock local, `days` calendar days before the local date of `starts_at`."""
    return at_local(local(starts_at).date() - timedelta(days=days), hour)


@lru_cache(maxsize=16)
def _danish_holidays(year: int) -> dict[date, str]:
    """Imported here: the holidays package takes a while to load, and most commands never ask."""
    import holidays

    return dict(holidays.country_holidays("DK", years=year, language="da", categories=("public", "optional")))


def holiday_name(day: date) -> str | None:
    """The Danish name of a public holiday or a customary day off (grundlovsdag, juleaften)."""
    return _danish_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def first_working_day(year: int, month: int) -> date:
    day = date(year, month, 1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
