"""Enrolment buttons: Tilmeld on answer cards, Bekræft plads in a seat offer, Afmeld in /mine,
and the staff buttons beside /deltagere (Ny dato, Ret, Aflys), each checked again on click."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.enrolment.errors import EnrolmentError
from bot.enrolment.notices import CONFIRM_SEAT_ACTION
from bot.members.staff import REFUSAL
from bot.slack.blocks.enrolment import (
    ROSTER_ACTION,
    SESSION_CANCEL_ACTION,
    SESSION_EDIT_ACTION,
    SESSION_NEW_ACTION,
    WITHDRAW_ACTION,
    message_modal,
    session_modal,
    withdraw_choice_blocks,
)
from bot.slack.blocks.offers import ENROL_ACTION
from bot.slack.enrolment import answer, open_view, plan_view, say, send_roster


def _user(body: dict[str, Any]) -> str:
    return body["user"]["id"]


def start(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: dict[str, Any]) -> None:
    ack()
    open_view(client, body, plan_view(context["services"], _user(body), action.get("value", "")))


def confirm_seat(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: dict[str, Any]) -> None:
    ack()
    value = action.get("value", "")
    try:
        outcome = context["services"].enrolment.confirm_seat(_user(body), int(value) if value.isdigit() else -1)
    except EnrolmentError as error:
        answer(client, body, respond, str(error))
        return
    answer(client, body, respond, f"Pladsen er bekræftet. {outcome.message}", replace=True)


def withdraw(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: dict[str, Any]) -> None:
    ack()
    offer_id, _, session = action.get("value", "").partition(":")
    try:
        outcome = context["services"].enrolment.withdraw(_user(body), offer_id, int(session) if session.isdigit() else None)
    except EnrolmentError as error:
        answer(client, body, respond, str(error))
        return
    if outcome.choices and body.get("response_url"):
        say(respond, outcome.message, withdraw_choice_blocks(outcome))
        return
    answer(client, body, respond, outcome.message)


def _staff(context: dict[str, Any], body: dict[str, Any], what: str) -> bool:
    return bool(context["services"].staff.check(_user(body), what))


def roster(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: dict[str, Any]) -> None:
    ack()
    if not _staff(context, body, "deltagere"):
        answer(client, body, respond, REFUSAL)
        return
    send_roster(context["services"], client, respond, _user(body), action.get("value", ""))


def edit_session(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: dict[str, Any]) -> None:
    ack()
    services = context["services"]
    if not _staff(context, body, "ret dato"):
        open_view(client, body, message_modal("Ingen adgang", REFUSAL))
        return
    catalogue = services.catalogue.current
    value = action.get("value", "")
    if action["action_id"] == SESSION_NEW_ACTION:
        view = session_modal(catalogue, offer_id=value or None)
    else:
        try:
            view = session_modal(catalogue, current=services.sessions.get(int(value) if value.isdigit() else -1))
        except EnrolmentError as error:
            view = message_modal("Ret dato", str(error))
    open_view(client, body, view)


def cancel_session(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient, context: dict[str, Any]) -> None:
    ack()
    if not _staff(context, body, "aflys dato"):
        answer(client, body, respond, REFUSAL)
        return
    value = action.get("value", "")
    try:
        update = context["services"].sessions.cancel(int(value) if value.isdigit() else -1)
    except EnrolmentError as error:
        answer(client, body, respond, str(error))
        return
    view = update.session
    answer(client, body, respond, f"{view.name} {view.when} er aflyst. {update.notified} tilmeldte og ventende har fået besked.")


def register(app: App) -> None:
    app.action(ENROL_ACTION)(start)
    app.action(CONFIRM_SEAT_ACTION)(confirm_seat)
    app.action(WITHDRAW_ACTION)(withdraw)
    app.action(ROSTER_ACTION)(roster)
    app.action(SESSION_NEW_ACTION)(edit_session)
    app.action(SESSION_EDIT_ACTION)(edit_session)
    app.action(SESSION_CANCEL_ACTION)(cancel_session)
