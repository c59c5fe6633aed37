"""The one root of every error a person is meant to read.

A ``UserError`` carries the Danish message that says what went wrong and what to do instead, and,
when one input is at fault, the ``field`` it concerns, so a form can show the message beside it.
Domain errors (enrolment, broadcasts, reminders, dates, the directory, the catalogue, settings)
subclass it; the adapters handle it in one place each (the Slack error handler, the CLI's
``main``), the way a web framework turns its HTTP exceptions into responses.
"""
from __future__ import annotations


class UserError(Exception):
    """``str(error)`` is ``message``; raise it before anything is stored, or after rolling back."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def fields(self) -> dict[str, str]:
        """Each field at fault with its message; a message for no one field is under ''."""
        return {self.field or "": self.message}
