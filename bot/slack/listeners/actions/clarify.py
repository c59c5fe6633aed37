"""A click on a "Mente du …?" button: the answer about the offer picked, posted where the
question was (the DM, or the channel thread), and remembered as the conversation's topic so the
next follow-up is about it."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.answers import Intent
from bot.slack.blocks.answers import CLARIFY_ACTIONS, parse_clarify_value
from bot.slack.listeners.events.messages import conversation_key
from bot.slack.replies import answer_reply
from bot.slack.send import post, post_privately

GONE = "Det tilbud findes ikke længere i kataloget. Skriv /tilbud for at se de aktuelle tilbud."


def picked(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    services = context["services"]
    offer_id, intent, language = parse_clarify_value(action.get("value") or "{}")
    user = body["user"]["id"]
    channel = (body.get("channel") or {}).get("id") or user
    message = body.get("message") or {}
    private = channel.startswith("D")
    thread_ts = message.get("thread_ts") or (None if private else message.get("ts"))
    facts = services.live_facts(user)
    known = intent in {i.value for i in Intent}
    answer = services.answerer.about(offer_id, Intent(intent) if known else Intent.WHAT, language, facts)
    if answer is None:
        client.chat_postEphemeral(channel=channel, user=user, text=GONE, thread_ts=thread_ts)
        return
    if answer.topic is not None:
        services.conversations.remember(conversation_key(channel, thread_ts), answer.topic)
    reply = answer_reply(services, answer, private=private, asker=user)
    post(client, channel, reply.text, reply.blocks, thread_ts=thread_ts)
    if reply.private_blocks is not None and reply.private_text is not None:
        post_privately(client, user, reply.private_text, reply.private_blocks)


def register(app: App) -> None:
    for action_id in CLARIFY_ACTIONS:
        app.action(action_id)(picked)
