"""/tilmeld, /afmeld, /mine and, for staff, /deltagere. Every answer is ephemeral or a modal:
nothing about a person's enrolment is ever posted in a channel."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.enrolment.errors import EnrolmentError
from bot.members.staff import REFUSAL
from bot.slack.blocks.enrolment import ROSTER_ACTION, WITHDRAW_ACTION, offer_choice_blocks, overview_blocks, withdraw_choice_blocks
from bot.slack.enrolment import plan_view, say, send_roster

TILMELD = "/tilmeld"
AFMELD = "/afmeld"
MINE = "/mine"
DELTAGERE = "/deltagere"


def enrol(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: dict[str, Any]) -> None:
    ack()
    services = context["services"]
    typed = (command.get("text") or "").strip()
    try:
        offers = services.enrolment.find_offers(typed)
    except EnrolmentError as error:
        say(respond, str(error))
        return
    if len(offers) > 1:
        say(respond, "Hvilket tilbud mener du?", offer_choice_blocks(offers, typed))
        return
    client.views_open(trigger_id=command["trigger_id"], view=plan_view(services, command["user_id"], offers[0].id))


def withdraw(ack: Ack, command: dict[str, Any], respond: Respond, context: dict[str, Any]) -> None:
    ack()
    services = context["services"]
    typed = (command.get("text") or "").strip()
    try:
        offers = services.enrolment.find_offers_to_withdraw(command["user_id"], typed)
        if len(offers) > 1:
            say(respond, "Hvilket tilbud vil du afmelde?", offer_choice_blocks(offers, typed, WITHDRAW_ACTION))
            return
        outcome = services.enrolment.withdraw(command["user_id"], offers[0].id)
    except EnrolmentError as error:
        say(respond, str(error))
        return
    if outcome.choices:
        say(respond, outcome.message, withdraw_choice_blocks(outcome))
    else:
        say(respond, outcome.message)


def mine(ack: Ack, command: dict[str, Any], respond: Respond, context: dict[str, Any]) -> None:
    ack()
    overview = context["services"].enrolment.mine(command["user_id"])
    say(respond, "Mine tilmeldinger", overview_blocks(overview))


def participants(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, context: dict[str, Any]) -> None:
    ack()
    services = context["services"]
    user_id = command["user_id"]
    if not services.staff.check(user_id, DELTAGERE):
        say(respond, REFUSAL)
        return
    typed = (command.get("text") or "").strip()
    try:
        offers = services.enrolment.find_offers(typed, DELTAGERE)
    except EnrolmentError as error:
        say(respond, str(error))
        return
    if len(offers) > 1:
        say(respond, "Hvilket tilbud?", offer_choice_blocks(offers, typed, ROSTER_ACTION))
        return
    send_roster(services, client, respond, user_id, offers[0].id)


def register(app: App) -> None:
    app.command(TILMELD)(enrol)
    app.command(AFMELD)(withdraw)
    app.command(MINE)(mine)
    app.command(DELTAGERE)(participants)
