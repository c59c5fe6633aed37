"""The one error the reminders domain raises for input a person can correct."""
from __future__ import annotations


class ReminderError(ValueError):
    """Bad input from staff or a mayor; the message is Danish and says what to do instead."""
