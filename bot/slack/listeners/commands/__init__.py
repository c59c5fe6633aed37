"""The commands listeners; add a module here and to MODULES to register it."""
from __future__ import annotations

from types import ModuleType

from slack_bolt import App

from bot.slack.listeners.commands import broadcast, enrolment, hotline, praktik, reminders, tilbud

MODULES: tuple[ModuleType, ...] = (broadcast, enrolment, hotline, praktik, reminders, tilbud)


def register(app: App) -> None:
    for module in MODULES:
        module.register(app)
