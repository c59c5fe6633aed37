"""Posting blocks within Slack's limits: anything longer than one message goes out as several
(at most 50 blocks each), in order, instead of being refused."""
from __future__ import annotations

from collections.abc import Sequence

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block

from bot.slack.blocks.pages import paginate

# A response_url takes at most five messages.
RESPONSE_URL_USES = 5


def _texts(text: str, pages: int) -> list[str]:
    return [text if n == 0 else f"{text} (fortsat, {n + 1}/{pages})" for n in range(pages)]


def post(client: WebClient, channel: str, text: str, blocks: Sequence[Block], thread_ts: str | None = None) -> None:
    pages = paginate(blocks)
    for page, page_text in zip(pages, _texts(text, len(pages))):
        client.chat_postMessage(
            channel=channel, text=page_text, blocks=page, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False
        )


def post_privately(client: WebClient, user_id: str, text: str, blocks: Sequence[Block]) -> None:
    """To the user's DM with the bot: private, and it stays (an ephemeral message does not)."""
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    post(client, channel, text, blocks)


def respond_ephemeral(respond: Respond, text: str, blocks: Sequence[Block]) -> None:
    pages = paginate(blocks)[:RESPONSE_URL_USES]
    for page, page_text in zip(pages, _texts(text, len(pages))):
        respond(text=page_text, blocks=page, response_type="ephemeral", replace_original=False)
