"""/tilmeld, /afmeld, /mine and, for staff, /deltagere. Every answer is ephemeral or a modal:
nothing about a person's enrolment is ever posted in a channel. A refusal from the domain (a
UserError) is told privately by the error handler."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.slack.blocks.enrolment import (
    ROSTER_ACTION,
    WITHDRAW_ACTION,
    offer_choice_blocks,
    open_offer_blocks,
    overview_blocks,
    withdraw_blocks,
)
from bot.slack.enrolment import plan_view, send_roster
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import services_of, tell

TILMELD = "/tilmeld"
AFMELD = "/afmeld"
MINE = "/mine"
DELTAGERE = "/deltagere"


def enrol(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    typed = (command.get("text") or "").strip()
    if not typed:
        tell(respond, "Tilbud med datoer, du kan tilmelde dig nu", open_offer_blocks(services.enrolment.open_offers()))
        return
    offers = services.enrolment.find_offers(typed)
    if len(offers) > 1:
        tell(respond, "Hvilket tilbud mener du?", offer_choice_blocks(offers, typed))
        return
    client.views_open(trigger_id=command["trigger_id"], view=plan_view(services, context.user_id or "", offers[0].id))


def withdraw(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    user_id = context.user_id or ""
    typed = (command.get("text") or "").strip()
    offers = services.enrolment.find_offers_to_withdraw(user_id, typed)
    if len(offers) > 1:
        tell(respond, "Hvilket tilbud vil du afmelde?", offer_choice_blocks(offers, typed, WITHDRAW_ACTION))
        return
    outcome = services.enrolment.withdraw(user_id, offers[0].id, ask_about_fee=True)
    tell(respond, outcome.message, withdraw_blocks(outcome))


def mine(ack: Ack, respond: Respond, context: BoltContext) -> None:
    ack()
    overview = services_of(context).enrolment.mine(context.user_id or "")
    tell(respond, "Mine tilmeldinger", overview_blocks(overview))


def participants(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    typed = (command.get("text") or "").strip()
    offers = services.enrolment.find_offers(typed, DELTAGERE)
    if len(offers) > 1:
        tell(respond, "Hvilket tilbud?", offer_choice_blocks(offers, typed, ROSTER_ACTION))
        return
    send_roster(services, client, respond, context.user_id or "", offers[0].id)


def register(app: App) -> None:
    app.command(TILMELD)(enrol)
    app.command(AFMELD)(withdraw)
    app.command(MINE)(mine)
    app.command(DELTAGERE, middleware=[StaffOnly(DELTAGERE)])(participants)
