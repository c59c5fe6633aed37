"""Borgmesterpraktik buttons: join or leave (a mayor, from the offer card or /praktik); staff pair
a round now, open the swap modal and send the introductions (group DMs)."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.slack.blocks.praktik import JOIN_ACTION, LEAVE_ACTION, ROUND_ACTION, SEND_ACTION, SWAP_ACTION, mayor_blocks, swap_modal
from bot.slack.listeners.commands.praktik import praktik_blocks
from bot.slack.listeners.commands.reminders import NOT_IN_DIRECTORY
from bot.slack.notice_sender import SlackNoticeSender
from bot.slack.send import respond_ephemeral
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import open_view, services_of, tell


def _opt(respond: Respond, context: BoltContext, wanted: bool) -> None:
    if not services_of(context).praktik.set_opted_in(context.user_id or "", wanted):
        tell(respond, NOT_IN_DIRECTORY)
        return
    text = "Du er med i borgmesterpraktik" if wanted else "Du er meldt fra borgmesterpraktik"
    respond_ephemeral(respond, text, mayor_blocks(wanted))


def join(ack: Ack, respond: Respond, context: BoltContext) -> None:
    ack()
    _opt(respond, context, True)


def leave(ack: Ack, respond: Respond, context: BoltContext) -> None:
    ack()
    _opt(respond, context, False)


def make_round(ack: Ack, respond: Respond, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    services.praktik.make_round(by=context.user_id or "")
    respond_ephemeral(respond, "Borgmesterpraktik: parrene er sat sammen", praktik_blocks(services, context.user_id or ""))


def open_swap(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    open_view(client, body, swap_modal(int(body["actions"][0].get("value") or 0)))


def send(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Group DMs through a client without retries of its own: an introduction is claimed before
    it is posted, and a client-side retry could post it twice."""
    ack()
    from bot.slack.app import build_client  # the app module registers this one: imported at use

    services = services_of(context)
    sender = SlackNoticeSender(build_client(services.settings, retries=False))
    sent = services.praktik.send(int(body["actions"][0].get("value") or 0), context.user_id or "", sender)
    failed = [p for p in sent.pairs if p.error]
    text = f"Introduktionerne er sendt til {len(sent.pairs) - len(failed)} par."
    if failed:
        text += f" {len(failed)} kunne ikke sendes; prøv igen med knappen."
    tell(respond, text)


def register(app: App) -> None:
    app.action(JOIN_ACTION)(join)
    app.action(LEAVE_ACTION)(leave)
    app.action(ROUND_ACTION, middleware=[StaffOnly("borgmesterpraktik: runde")])(make_round)
    app.action(SWAP_ACTION, middleware=[StaffOnly("borgmesterpraktik: byt")])(open_swap)
    app.action(SEND_ACTION, middleware=[StaffOnly("borgmesterpraktik: send")])(send)
