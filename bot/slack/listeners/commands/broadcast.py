"""/udsend (staff only, by the guard): opens the compose modal; `/udsend liste` shows what is
scheduled, with Godkend and Annullér. Anyone else gets the polite refusal, and the attempt is logged."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.slack.blocks.broadcast import compose_modal, upcoming_blocks, upcoming_fallback
from bot.slack.blocks.text import escape
from bot.slack.send import respond_ephemeral
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import services_of

COMMAND = "/udsend"
LIST_WORDS = {"liste", "list", "planlagte"}
HELP = "Skriv /udsend for at lave en ny udsendelse, eller /udsend liste for at se og annullere de planlagte."


def udsend(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    user_id = context.user_id or ""
    word = (command.get("text") or "").strip().lower()
    if word in LIST_WORDS:
        rows = services.broadcasts.upcoming(user_id)
        respond_ephemeral(respond, upcoming_fallback(rows), upcoming_blocks(rows, user_id))
    elif word:
        respond(text=f"'/udsend {escape(word[:40])}' kender jeg ikke. {HELP}", response_type="ephemeral")
    else:
        choices = services.broadcasts.choices(user_id)
        client.views_open(trigger_id=command["trigger_id"], view=compose_modal(choices, services.catalogue.current))


def register(app: App) -> None:
    app.command(COMMAND, middleware=[StaffOnly(COMMAND)])(udsend)
