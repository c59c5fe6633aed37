"""What can go wrong when staff compose or manage a broadcast, in words the staff member can act on."""
from __future__ import annotations

from bot.errors import UserError


class BroadcastError(UserError):
    """A request that cannot be carried out; the message is Danish and says what to do instead."""


class InvalidBroadcast(BroadcastError):
    """One or more fields of a composed broadcast are wrong. ``errors`` maps each field to its
    Danish message, so a Slack modal can show each message under its own input."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors

    @property
    def fields(self) -> dict[str, str]:
        return dict(self.errors)


class NotAllowed(BroadcastError):
    """The user is not KL staff (or not the right staff member for this step)."""
