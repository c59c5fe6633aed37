"""The buttons in the host's DM: pick the date (opens the modal), pass the role on to the next in
rotation, or ask KL. Only the member who was asked can use them; the domain checks that."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.reminders.host_turn_notices import HOST_CHOOSE_ACTION, HOST_KL_ACTION, HOST_PASS_ACTION
from bot.slack.blocks.host_turns import host_turn_modal
from bot.slack.toolkit import open_view, services_of, tell


def _turn_id(body: dict[str, Any]) -> int:
    return int(body["actions"][0].get("value") or 0)


def choose(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    open_view(client, body, host_turn_modal(services_of(context).host_turns.open_for(_turn_id(body), context.user_id or "")))


def pass_on(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    turns = services_of(context).host_turns
    turn = turns.get(_turn_id(body))
    nxt = turns.pass_on(turn.id, context.user_id or "")
    if nxt is None:
        tell(respond, f"Tak for besked. Alle i {turn.network_name} har nu sagt nej til {turn.period.name}, så KL sætter mødet.")
    else:
        tell(respond, f"Tak for besked. Jeg har spurgt {nxt.host.label}, som er den næste i rækken.")


def ask_kl(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    turn = services_of(context).host_turns.ask_kl(_turn_id(body), context.user_id or "")
    tell(respond, f"KL har fået besked og kontakter dig om mødet i {turn.network_name} i {turn.period.name}.")


def register(app: App) -> None:
    app.action(HOST_CHOOSE_ACTION)(choose)
    app.action(HOST_PASS_ACTION)(pass_on)
    app.action(HOST_KL_ACTION)(ask_kl)
