"""The commands listeners; add a module here and to MODULES to register it."""
from __future__ import annotations

from types import ModuleType

from slack_bolt import App

from bot.slack.listeners.commands import hotline, tilbud

MODULES: tuple[ModuleType, ...] = (hotline, tilbud)


def register(app: App) -> None:
    for module in MODULES:
        module.register(app)
