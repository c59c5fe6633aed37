""""Hjalp det?" 👍/👎 and the consent button. A 👎 stores the question without a name; only the
consent button adds who asked. One vote per person and answer."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond

from bot.feedback import Reason
from bot.slack.blocks.answers import (
    CONSENT_ACTION,
    HELPFUL_ACTION,
    UNHELPFUL_ACTION,
    consent_blocks,
    parse_feedback_value,
)
from bot.slack.deliveries import click_key
from bot.slack.toolkit import services_of

THANKS_HELPFUL = "Tak! Godt, at svaret kunne bruges."
THANKS_UNHELPFUL = "Tak, det er noteret. KL bruger det til at gøre svarene bedre."
ALREADY_VOTED = "Du har allerede sagt din mening om dette svar – tak."
CONSENTED = "Tak. KL kan nu se, at spørgsmålet kom fra dig, og kan kontakte dig om det."
CONSENT_ONLY_PRIVATE = "Knappen virker kun i din private samtale med mig, så kun den, der spurgte, kan sætte sit navn på."
CONSENT_GONE = "Spørgsmålet findes ikke længere i loggen, så der er intet at tilføje dit navn til."


def _tell(respond: Respond, text: str, **extra: Any) -> None:
    respond(text=text, response_type="ephemeral", replace_original=False, **extra)


def _first_vote(body: dict[str, Any], context: BoltContext) -> bool:
    key = click_key(body, "feedback")
    return key is None or services_of(context).inbound.first_time(key)


def helpful(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    _tell(respond, THANKS_HELPFUL if _first_vote(body, context) else ALREADY_VOTED)


def unhelpful(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    if not _first_vote(body, context):
        _tell(respond, ALREADY_VOTED)
        return
    question, offers = parse_feedback_value(action.get("value") or "{}")
    entry_id = services_of(context).feedback.record(question, Reason.UNHELPFUL, offers)
    _tell(respond, THANKS_UNHELPFUL, blocks=consent_blocks(question, entry_id) if entry_id is not None else None)


def _seen_by_the_clicker_alone(body: dict[str, Any]) -> bool:
    """A DM with the bot or an ephemeral message: where the button was shown to the asker only."""
    container = body.get("container") or {}
    return bool(container.get("is_ephemeral")) or str(container.get("channel_id") or "").startswith("D")


def consent(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    if not _seen_by_the_clicker_alone(body):
        _tell(respond, CONSENT_ONLY_PRIVATE)
        return
    value = action.get("value") or ""
    agreed = value.isdigit() and services_of(context).feedback.consent(int(value), (context.user_id or ""))
    _tell(respond, CONSENTED if agreed else CONSENT_GONE)


def register(app: App) -> None:
    app.action(HELPFUL_ACTION)(helpful)
    app.action(UNHELPFUL_ACTION)(unhelpful)
    app.action(CONSENT_ACTION)(consent)
