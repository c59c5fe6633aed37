"""Forrige/Næste on a Home tab longer than Slack's 100 blocks."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.blocks.home import PAGE_ACTION, home_view
from bot.slack.toolkit import services_of


def turn_page(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    value = action.get("value") or "0"
    page = int(value) if value.isdigit() else 0
    user_id = (context.user_id or "")
    client.views_publish(user_id=user_id, view=home_view(services_of(context), user_id, page))


def register(app: App) -> None:
    app.action(PAGE_ACTION)(turn_page)
