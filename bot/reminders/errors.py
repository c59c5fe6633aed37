"""The one error the reminders domain raises for input a person can correct."""
from __future__ import annotations

from bot.errors import UserError


class ReminderError(UserError, ValueError):
    """Bad input from staff or a mayor; the message is Danish and says what to do instead.
    ``field`` names the input at fault (starts_at, place, agenda, host, members, name) when
    there is one, so a form can show the message next to it."""


class HolidayNotConfirmed(ReminderError):
    """The meeting's date is a public holiday or customary day off (``holiday`` names it); it is
    set only when the staff member confirms it. Each adapter says how to confirm."""

    def __init__(self, holiday: str) -> None:
        super().__init__(f"Datoen er {holiday}. Vælg en anden dato, eller bekræft, at mødet skal holdes alligevel.", "starts_at")
        self.holiday = holiday
