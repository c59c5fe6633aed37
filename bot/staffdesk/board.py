"""The port through which the desk shows work items to staff, without knowing Slack: the Slack
adapter posts each item to the staff channel (or to every staff member's DM when no channel is
set) and updates those messages in place; the console prints them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.staffdesk.desk import ItemView


@dataclass(frozen=True)
class StaffMessage:
    channel: str
    ts: str


class StaffBoard(Protocol):
    def post(self, item: "ItemView") -> list[StaffMessage]:
        """Show a new item; the messages it now lives in (none when it could not be shown)."""
        ...

    def update(self, message: StaffMessage, item: "ItemView") -> None:
        """Show the item's new state in a message posted earlier."""
        ...

    def tell(self, text: str) -> None:
        """A note for staff that needs no button (a paid seat given up, a change to know of)."""
        ...

    def reaches_anyone(self) -> bool:
        """Whether a note told now has anywhere to go (a staff channel, or one staff member)."""
        ...
