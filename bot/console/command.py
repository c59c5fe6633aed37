"""What a console /-command is, and what it may use while the chat runs."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import uuid4

from bot.services import Services


@dataclass
class ChatContext:
    """One console conversation. A command ends the chat by setting `running` to False."""

    services: Services
    running: bool = True
    # The conversation's name in the shared memory: one per chat session.
    conversation: str = field(default_factory=lambda: f"console:{uuid4().hex}")


@dataclass(frozen=True)
class Command:
    """A /-command: `handler(context, argument)` returns the text to print; `argument` is what
    follows the command's name, stripped ("" when nothing)."""

    name: str
    usage: str
    summary: str
    handler: Callable[[ChatContext, str], str]
    aliases: tuple[str, ...] = field(default=())
