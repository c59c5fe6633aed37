"""The one error the reminders domain raises for input a person can correct."""
from __future__ import annotations

from bot.errors import UserError


class ReminderError(UserError, ValueError):
    """Bad input from staff or a mayor; the message is Danish and says what to do instead.
    ``field`` names the input at fault (starts_at, place, agenda, host, members, name) when
    there is one, so a form can show the message next to it."""
