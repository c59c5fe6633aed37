"""/praktik: whether the mayor is in borgmesterpraktik, with the button to join or leave; staff
also see the newest round and can pair, adjust and send it. Ephemeral."""
from __future__ import annotations

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk.models.blocks import Block

from bot.services import Services
from bot.slack.blocks.praktik import PRAKTIK_COMMAND, mayor_blocks, staff_blocks
from bot.slack.send import respond_ephemeral
from bot.slack.toolkit import services_of


def praktik_blocks(services: Services, user_id: str) -> list[Block]:
    blocks = mayor_blocks(services.praktik.is_opted_in(user_id))
    if services.staff.is_staff(user_id):
        blocks += staff_blocks(services.praktik.latest(), services.praktik.opted_in_count())
    return blocks


def show(ack: Ack, respond: Respond, context: BoltContext) -> None:
    ack()
    respond_ephemeral(respond, "Borgmesterpraktik", praktik_blocks(services_of(context), context.user_id or ""))


def register(app: App) -> None:
    app.command(PRAKTIK_COMMAND)(show)
