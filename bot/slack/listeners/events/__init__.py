"""The events listeners; add a module here and to MODULES to register it."""
from __future__ import annotations

from types import ModuleType

from slack_bolt import App

from bot.slack.listeners.events import app_home, messages

MODULES: tuple[ModuleType, ...] = (app_home, messages)


def register(app: App) -> None:
    for module in MODULES:
        module.register(app)
