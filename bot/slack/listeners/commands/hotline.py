"""/hotline: the harassment-and-threats hotline and 112/114, only ever to the person asking."""
from __future__ import annotations

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond

from bot.slack.blocks.hotline import hotline_blocks, hotline_fallback
from bot.slack.toolkit import services_of

COMMAND = "/hotline"


def show_hotline(ack: Ack, respond: Respond, context: BoltContext) -> None:
    ack()
    details = services_of(context).answerer.hotline
    respond(text=hotline_fallback(details), blocks=hotline_blocks(details), response_type="ephemeral")


def register(app: App) -> None:
    app.command(COMMAND)(show_hotline)
