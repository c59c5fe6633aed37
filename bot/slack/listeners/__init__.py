"""Every Bolt listener, grouped by Slack feature as in Slack's bolt-python starter template.

Each feature folder lists its modules; each module has a ``register(app)``. Add a module to its
folder's list and it is registered, and the manifest test picks its commands and events up.
"""
from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, views


def register_all(app: App) -> None:
    for feature in (commands, events, actions, views):
        feature.register(app)
