"""Copenhagen wall-clock time for reminders: when they fire, and Danish public holidays.

Reminders are computed on the calendar, not by subtracting hours: "14 days before at 10:00" is
10:00 local on that date whether or not a daylight-saving change lies in between. Stored times
stay UTC; reading and writing dates as people do is bot.enrolment.dates' job, shared here.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache

import holidays

from bot.calendar.ics import COPENHAGEN
from bot.enrolment.dates import local


def at_local(day: date, hour: int, minute: int = 0) -> datetime:
    """The UTC instant of a wall-clock time in Copenhagen (the first one on the autumn night)."""
    return datetime.combine(day, time(hour, minute), tzinfo=COPENHAGEN).astimezone(timezone.utc)


def days_before(starts_at: datetime, days: int, hour: int) -> datetime:
    """`hour` o'clock local, `days` calendar days before the local date of `starts_at`."""
    return at_local(local(starts_at).date() - timedelta(days=days), hour)


@lru_cache(maxsize=16)
def _danish_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DK", years=year, language="da", categories=("public", "optional"))


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
