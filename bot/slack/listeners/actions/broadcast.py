"""The broadcast buttons: Godkend and Annullér for staff (checked again on every click, from
whatever message the button sits in), and "Læst" for the recipients."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.broadcast.errors import BroadcastError
from bot.broadcast.message import ACK_ACTION, APPROVE_ACTION, CANCEL_ACTION
from bot.broadcast.report import summary_line
from bot.broadcast.service import MessageUpdate
from bot.slack.notice_sender import SlackNoticeSender

NOT_A_BROADCAST = "Knappen hører ikke til en udsendelse, jeg kender. Skriv /udsend liste for at se de planlagte."
ACKNOWLEDGED = "Tak, det er noteret, at du har læst beskeden."
ALREADY_ACKNOWLEDGED = "Du har allerede markeret beskeden som læst – tak."

T = TypeVar("T")


def _tell(respond: Respond, text: str) -> None:
    respond(text=text, response_type="ephemeral", replace_original=False)


def _attempt(respond: Respond, action: dict[str, Any], step: Callable[[int], T]) -> T | None:
    """Run a domain step for the button's broadcast; a refusal or an impossible step (already
    sent, already approved, not yours) is told to the clicker privately."""
    value = action.get("value") or ""
    if not value.isdigit():
        _tell(respond, NOT_A_BROADCAST)
        return None
    try:
        return step(int(value))
    except BroadcastError as exc:
        _tell(respond, str(exc))
        return None


def _refresh(client: WebClient, update: MessageUpdate | None) -> None:
    if update is not None:
        SlackNoticeSender(client).update(update.channel, update.ts, update.notice)


def approve(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    done = _attempt(respond, action, lambda bid: context["services"].broadcasts.approve(body["user"]["id"], bid))
    if done is not None:
        figures, author_message = done
        _tell(respond, f"Godkendt: {summary_line(figures)}. Den sendes på det planlagte tidspunkt.")
        _refresh(client, author_message)


def cancel(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    done = _attempt(respond, action, lambda bid: context["services"].broadcasts.cancel(body["user"]["id"], bid))
    if done is not None:
        figures, author_message = done
        _tell(respond, f"Annulleret: udsendelse #{figures.broadcast_id} bliver ikke sendt.")
        _refresh(client, author_message)


def acknowledge(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    done = _attempt(respond, action, lambda bid: context["services"].broadcasts.acknowledge(body["user"]["id"], bid))
    if done is not None:
        counted, report = done
        _tell(respond, ACKNOWLEDGED if counted else ALREADY_ACKNOWLEDGED)
        _refresh(client, report)


def register(app: App) -> None:
    app.action(APPROVE_ACTION)(approve)
    app.action(CANCEL_ACTION)(cancel)
    app.action(ACK_ACTION)(acknowledge)
