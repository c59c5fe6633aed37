"""Enrolment buttons: Tilmeld on answer cards, Bekræft plads in a seat offer, Afmeld in /mine,
and the staff buttons beside /deltagere (Ny dato, Ret, Aflys), each guarded again on click. A
refusal from the domain (a UserError) is told where the click came from by the error handler."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.danish import count
from bot.enrolment.errors import EnrolmentError
from bot.enrolment.notices import CONFIRM_SEAT_ACTION
from bot.slack.blocks.enrolment import (
    CONFIRMED,
    ROSTER_ACTION,
    SESSION_CANCEL_ACTION,
    SESSION_EDIT_ACTION,
    SESSION_NEW_ACTION,
    WITHDRAW_ACTION,
    session_modal,
    withdraw_blocks,
    withdraw_confirm_blocks,
)
from bot.slack.blocks.layout import message_modal, modal
from bot.slack.blocks.offers import ENROL_ACTION
from bot.slack.enrolment import plan_view, replace_message, send_roster
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import answer, open_view, services_of, tell


def _number(value: str) -> int:
    """A button's id; anything else (a tampered value) is an id nothing has."""
    return int(value) if value.isdigit() else -1


def start(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    open_view(client, body, plan_view(services_of(context), context.user_id or "", action.get("value", "")))


def confirm_seat(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    outcome = services_of(context).enrolment.confirm_seat(context.user_id or "", _number(action.get("value", "")))
    replace_message(client, body, respond, f"Pladsen er bekræftet. {outcome.message}")


def withdraw(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    offer_id, _, rest = action.get("value", "").partition(":")
    session, _, confirmed = rest.partition(":")
    outcome = services_of(context).enrolment.withdraw(
        context.user_id or "", offer_id, int(session) if session.isdigit() else None, ask_about_fee=confirmed != CONFIRMED
    )
    if (outcome.choices or outcome.to_confirm) and body.get("response_url"):
        tell(respond, outcome.message, withdraw_blocks(outcome))
        return
    if outcome.to_confirm:
        open_view(client, body, modal("Afmeld betalt plads", withdraw_confirm_blocks(outcome)))
        return
    answer(client, body, respond, outcome.message)


def roster(ack: Ack, action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    send_roster(services_of(context), client, respond, context.user_id or "", action.get("value", ""))


def edit_session(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    catalogue = services.catalogue.current
    value = action.get("value", "")
    if action["action_id"] == SESSION_NEW_ACTION:
        view = session_modal(catalogue, offer_id=value or None)
    else:
        try:
            view = session_modal(catalogue, current=services.sessions.get(_number(value)))
        except EnrolmentError as error:
            view = message_modal("Ret dato", str(error))
    open_view(client, body, view)


def cancel_session(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    update = services_of(context).sessions.cancel(_number(action.get("value", "")), by=context.user_id or "")
    view = update.session
    answer(client, body, respond, f"{view.name} {view.when} er aflyst. {count(update.notified, 'tilmeldt eller ventende', 'tilmeldte og ventende')} har fået besked.")


def register(app: App) -> None:
    app.action(ENROL_ACTION)(start)
    app.action(CONFIRM_SEAT_ACTION)(confirm_seat)
    app.action(WITHDRAW_ACTION)(withdraw)
    app.action(ROSTER_ACTION, middleware=[StaffOnly("deltagere")])(roster)
    app.action(SESSION_NEW_ACTION, middleware=[StaffOnly("ny dato", in_modal=True)])(edit_session)
    app.action(SESSION_EDIT_ACTION, middleware=[StaffOnly("ret dato", in_modal=True)])(edit_session)
    app.action(SESSION_CANCEL_ACTION, middleware=[StaffOnly("aflys dato")])(cancel_session)
