"""/tilbud [søgeord]: the catalogue group by group, or the answer to the words; "hjælp" shows
what the bot can do. Always ephemeral."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond

from bot.slack.blocks.answers import query_context
from bot.slack.blocks.catalogue import catalogue_blocks, catalogue_fallback
from bot.slack.replies import question_reply
from bot.slack.send import respond_ephemeral
from bot.slack.toolkit import services_of

COMMAND = "/tilbud"


def show_offers(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    words = (command.get("text") or "").strip()
    if not words:
        catalogue = services.catalogue.current
        respond_ephemeral(respond, catalogue_fallback(catalogue), catalogue_blocks(catalogue))
        return
    reply = question_reply(services, words, private=True, asker=command.get("user_id"))
    respond_ephemeral(respond, reply.text, [query_context(words), *reply.blocks])


def register(app: App) -> None:
    app.command(COMMAND)(show_offers)
