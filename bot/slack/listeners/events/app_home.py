"""The Home tab, published whenever a user opens it (so it always shows the current catalogue)."""
from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.blocks.home import home_view
from bot.slack.toolkit import services_of


def publish_home(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if event.get("tab", "home") != "home":
        return
    client.views_publish(user_id=event["user"], view=home_view(services_of(context), event["user"]))


def register(app: App) -> None:
    app.event("app_home_opened")(publish_home)
