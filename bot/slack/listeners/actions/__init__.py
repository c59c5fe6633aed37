"""The actions listeners; add a module here and to MODULES to register it."""
from __future__ import annotations

from types import ModuleType

from slack_bolt import App

from bot.slack.listeners.actions import (
    approval,
    broadcast,
    catalogue,
    clarify,
    enrolment,
    feedback,
    home,
    host_turns,
    offers,
    praktik,
    reminders,
    staffdesk,
)

MODULES: tuple[ModuleType, ...] = (
    approval, broadcast, catalogue, clarify, enrolment, feedback, home, host_turns, offers, praktik, reminders, staffdesk,
)


def register(app: App) -> None:
    for module in MODULES:
        module.register(app)
