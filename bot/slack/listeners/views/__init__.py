"""The views listeners; add a module here and to MODULES to register it."""
from __future__ import annotations

from types import ModuleType

from slack_bolt import App

from bot.slack.listeners.views import broadcast, catalogue, enrolment, host_turns, praktik, reminders, staffdesk

MODULES: tuple[ModuleType, ...] = (broadcast, catalogue, enrolment, host_turns, praktik, reminders, staffdesk)


def register(app: App) -> None:
    for module in MODULES:
        module.register(app)
