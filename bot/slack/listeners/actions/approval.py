"""Godkend / Afvis on the staff-desk item of a self-registered person (in the staff channel or a
staff member's DM). Staff only (the guard); the domain audits the decision, closes the item (whose
messages then show who decided) and tells the person in a DM. A notice posted before the desk
took these over has no item: it is replaced by who decided, as it always was."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient

from bot.members.approval import APPROVE_ACTION, REJECT_ACTION
from bot.slack.blocks.text import escape
from bot.slack.listeners.actions.staffdesk import staffer_of
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import services_of


def _decide(ack: Ack, action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext, approve: bool) -> None:
    ack()
    staffer = staffer_of(context, client)
    decision = services_of(context).approvals.decide(
        str(action.get("value") or ""), approve=approve, by=staffer.user_id, by_name=staffer.name
    )
    if decision.shown:
        return
    member = decision.member
    word = "Godkendt" if approve else "Afvist"
    where = f", {member.role_name} i {member.municipality}" if member.municipality else ""
    respond(text=f"{word} af {escape(staffer.name)}: {escape(member.name)}{escape(where)}. Personen har fået besked.", replace_original=True)


def approve(ack: Ack, action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    _decide(ack, action, respond, client, context, approve=True)


def reject(ack: Ack, action: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
    _decide(ack, action, respond, client, context, approve=False)


def register(app: App) -> None:
    app.action(APPROVE_ACTION, middleware=[StaffOnly("godkend bruger")])(approve)
    app.action(REJECT_ACTION, middleware=[StaffOnly("afvis bruger")])(reject)
