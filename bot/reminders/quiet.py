"""Quiet hours: when the bot does not send a mayor a DM on its own initiative (a reminder, an
invitation, a host's turn). By default no DM between 20:00 and 07:00 Copenhagen time, on a
weekend or on a Danish public holiday; staff can change each of these.

A reminder that would fall in quiet hours goes out at the next allowed moment, as long as that
is still before the event; otherwise at the last allowed moment before it was meant to go, so a
reminder is never pushed past what it reminds of. Answers to what a person asks are never held.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import at_local, holiday_name, local

_SEARCH_DAYS = 30
_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class QuietHours:
    from_hour: int = 20
    until_hour: int = 7
    weekends: bool = True
    holidays: bool = True

    def _day_is_quiet(self, moment: datetime) -> bool:
        at = local(moment)
        return (self.weekends and at.weekday() >= 5) or (self.holidays and holiday_name(at.date()) is not None)

    def hour_is_quiet(self, hour: int) -> bool:
        if self.from_hour == self.until_hour:
            return False
        if self.from_hour > self.until_hour:
            return hour >= self.from_hour or hour < self.until_hour
        return self.from_hour <= hour < self.until_hour

    def allows(self, moment: datetime) -> bool:
        return not self._day_is_quiet(moment) and not self.hour_is_quiet(local(moment).hour)

    def next_allowed(self, moment: datetime) -> datetime:
        """``moment`` itself when allowed, else the first allowed minute after it."""
        candidate = moment
        for _ in range(_SEARCH_DAYS * 2):
            if self.allows(candidate):
                return candidate
            day = local(candidate).date()
            morning = at_local(day, self.until_hour)
            candidate = morning if morning > candidate and not self._day_is_quiet(candidate) else at_local(day + timedelta(days=1), self.until_hour)
        return moment

    def last_allowed(self, moment: datetime) -> datetime:
        """``moment`` itself when allowed, else the last allowed minute before it."""
        candidate = moment
        for _ in range(_SEARCH_DAYS * 2):
            if self.allows(candidate):
                return candidate
            day = local(candidate).date()
            evening = at_local(day, self.from_hour) - _MINUTE
            candidate = evening if evening < candidate and not self._day_is_quiet(candidate) else at_local(day - timedelta(days=1), self.from_hour) - _MINUTE
        return moment

    def place(self, fires_at: datetime, before: datetime | None = None) -> datetime:
        """When a DM meant for ``fires_at`` goes out: pushed to the next allowed time, unless
        that is not before ``before`` (the event), in which case it goes earlier instead."""
        pushed = self.next_allowed(fires_at)
        if before is None or pushed < before:
            return pushed
        return self.last_allowed(fires_at)


def quiet_text(quiet: QuietHours) -> str:
    """'kl. 20-7, weekender og helligdage' as staff read the setting."""
    parts = [f"kl. {quiet.from_hour}-{quiet.until_hour}"] if quiet.from_hour != quiet.until_hour else []
    parts += [name for name, on in (("weekender", quiet.weekends), ("helligdage", quiet.holidays)) if on]
    if not parts:
        return "aldrig"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
