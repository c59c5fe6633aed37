"""Questions in DMs and mentions in channels, answered by the core. In a channel the answer
goes in a thread and the hotline details, if any, to the asker privately.

A delivery is answered once: retries and a mention that arrives as both app_mention and a
message event are recognised (bot.inbound) before anything is sent.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.deliveries import delivery_keys
from bot.slack.replies import question_reply
from bot.slack.send import post, post_privately
from bot.slack.toolkit import services_of

log = logging.getLogger(__name__)


def _without_mention(text: str, bot_user_id: str | None) -> str:
    if not bot_user_id:
        return text.strip()
    return re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text).strip()


def conversation_key(channel: str, thread_ts: str | None) -> str:
    """A DM is one conversation; in a channel each thread is one (its first message's ts)."""
    return f"slack:{channel}:{thread_ts}" if thread_ts else f"slack:{channel}"


def answer_mention(body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Also answers DMs and channel messages that mention the bot (answer_message); in a DM the
    reply stays in the conversation, in a channel it goes in a thread."""
    services = services_of(context)
    channel = event["channel"]
    private = channel.startswith("D")
    if not services.inbound.first_time(*delivery_keys(body)):
        log.info("already answered: event_id=%s channel=%s ts=%s", body.get("event_id"), channel, event.get("ts"))
        return
    thread_ts = event.get("thread_ts") or (None if private else event.get("ts"))
    reply = question_reply(
        services, _without_mention(event.get("text") or "", context.bot_user_id), private=private,
        conversation=conversation_key(channel, thread_ts), asker=event.get("user"),
    )
    post(client, channel, reply.text, reply.blocks, thread_ts=thread_ts)
    if reply.private_blocks is not None and reply.private_text is not None:
        post_privately(client, event["user"], reply.private_text, reply.private_blocks)


def answer_message(body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """A DM, or a channel message that mentions the bot (when message.channels is subscribed)."""
    if event.get("bot_id") or not event.get("user"):
        return
    mentioned = bool(context.bot_user_id) and f"<@{context.bot_user_id}" in (event.get("text") or "")
    if event.get("channel_type") == "im" or mentioned:
        answer_mention(body, event, client, context)


def register(app: App) -> None:
    app.event("app_mention")(answer_mention)
    app.event({"type": "message", "subtype": None})(answer_message)
