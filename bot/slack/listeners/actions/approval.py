"""Godkend / Afvis on the staff notice about a self-registered person. Staff only (the guard);
the person gets the outcome in a DM from the domain, and the notice is replaced by who decided."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond

from bot.members.approval import APPROVE_ACTION, REJECT_ACTION
from bot.slack.blocks.text import escape
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import services_of


def _decide(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext, approve: bool) -> None:
    ack()
    by = context.user_id or ""
    decision = services_of(context).approvals.decide(str(action.get("value") or ""), approve=approve, by=by)
    member = decision.member
    word = "Godkendt" if approve else "Afvist"
    where = f", {member.role_name} i {member.municipality}" if member.municipality else ""
    respond(text=f"{word} af <@{by}>: {escape(member.name)}{escape(where)}. Personen har fået besked.", replace_original=True)


def approve(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    _decide(ack, action, respond, context, approve=True)


def reject(ack: Ack, action: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    _decide(ack, action, respond, context, approve=False)


def register(app: App) -> None:
    app.action(APPROVE_ACTION, middleware=[StaffOnly("godkend bruger")])(approve)
    app.action(REJECT_ACTION, middleware=[StaffOnly("afvis bruger")])(reject)
