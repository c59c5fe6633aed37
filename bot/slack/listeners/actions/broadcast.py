"""The broadcast buttons: Godkend and Annullér for staff (guarded again on every click, from
whatever message the button sits in, and refused by the domain too), and "Læst" for the
recipients."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.broadcast.errors import BroadcastError
from bot.broadcast.message import ACK_ACTION, APPROVE_ACTION, CANCEL_ACTION
from bot.broadcast.report import summary_line
from bot.broadcast.service import MessageUpdate
from bot.slack.notice_sender import SlackNoticeSender
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import services_of, tell

NOT_A_BROADCAST = "Knappen hører ikke til en udsendelse, jeg kender. Skriv /udsend liste for at se de planlagte."
ACKNOWLEDGED = "Tak, det er noteret, at du har læst beskeden."
ALREADY_ACKNOWLEDGED = "Du har allerede markeret beskeden som læst – tak."


def _broadcast_id(action: dict[str, Any]) -> int:
    """The button's broadcast; a refusal or an impossible step (already sent, already approved,
    not yours) raised by the domain is told to the clicker privately by the error handler."""
    value = action.get("value") or ""
    if not value.isdigit():
        raise BroadcastError(NOT_A_BROADCAST)
    return int(value)


def _refresh(client: WebClient, update: MessageUpdate | None) -> None:
    if update is not None:
        SlackNoticeSender(client).update(update.channel, update.ts, update.notice)


def approve(ack: Ack, action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    figures, author_message = services_of(context).broadcasts.approve(context.user_id or "", _broadcast_id(action))
    tell(respond, f"Godkendt: {summary_line(figures)}. Den sendes på det planlagte tidspunkt.")
    _refresh(client, author_message)


def cancel(ack: Ack, action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    figures, author_message = services_of(context).broadcasts.cancel(context.user_id or "", _broadcast_id(action))
    tell(respond, f"Annulleret: udsendelse #{figures.broadcast_id} bliver ikke sendt.")
    _refresh(client, author_message)


def acknowledge(ack: Ack, action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    counted, report = services_of(context).broadcasts.acknowledge(context.user_id or "", _broadcast_id(action))
    tell(respond, ACKNOWLEDGED if counted else ALREADY_ACKNOWLEDGED)
    _refresh(client, report)


def register(app: App) -> None:
    app.action(APPROVE_ACTION, middleware=[StaffOnly("udsend: godkend")])(approve)
    app.action(CANCEL_ACTION, middleware=[StaffOnly("udsend: annullér")])(cancel)
    app.action(ACK_ACTION)(acknowledge)
