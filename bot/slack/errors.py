"""The global error handler: a listener that raises is logged with what it was handling, and the
person who asked gets a short Danish apology instead of silence. Bolt has already answered Slack
with 200 by then, so without this the user would wait for a reply that never comes.

Only a request that passed the signature check is answered: Bolt also calls this handler for an
error inside its own middleware, before verification, with a body anyone could have written (its
``response_url``, user and channel), and answering that would make the bot post wherever an
attacker pointed it. Such an error is logged without a word of the body."""
from __future__ import annotations

import logging
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

log = logging.getLogger(__name__)

VERIFIED = "borgmesterbot_verified"
APOLOGY = "Beklager, der gik noget galt, så jeg kunne ikke svare. Prøv igen om lidt; sker det igen, så kontakt KL"


def apology(context: dict[str, Any]) -> str:
    """With KL's contact from the catalogue when the services were reached."""
    services = context.get("services")
    if services is None:
        return APOLOGY + "."
    contact = services.catalogue.current.contact
    return f"{APOLOGY}: {contact.email} eller {contact.phone}."


def _describe(body: dict[str, Any], context: dict[str, Any]) -> str:
    event = body.get("event") or {}
    actions = body.get("actions") or [{}]
    parts = {
        "type": body.get("type"),
        "event": event.get("type"),
        "command": body.get("command"),
        "action": actions[0].get("action_id"),
        "view": (body.get("view") or {}).get("callback_id"),
        "user": context.get("user_id"),
        "channel": context.get("channel_id"),
        "event_id": body.get("event_id"),
    }
    return " ".join(f"{k}={v}" for k, v in parts.items() if v)


def handle_error(
    error: Exception, body: dict[str, Any], context: dict[str, Any], client: WebClient, respond: Respond | None
) -> None:
    if not context.get(VERIFIED):
        log.error("request failed before its signature was verified: %s", type(error).__name__)
        return
    log.error("listener failed: %s", _describe(body, context), exc_info=error)
    user_id = context.get("user_id")
    channel_id = context.get("channel_id")
    text = apology(context)
    try:
        if respond is not None and (body.get("response_url") or body.get("command")):
            respond(text=text, response_type="ephemeral", replace_original=False)
        elif channel_id and user_id and not channel_id.startswith("D"):
            client.chat_postEphemeral(channel=channel_id, user=user_id, text=text)
        elif user_id:
            client.chat_postMessage(channel=channel_id or user_id, text=text)
    except (SlackApiError, SlackClientError, OSError):
        log.exception("could not send the apology either: %s", _describe(body, context))
