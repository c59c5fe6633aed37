"""Buttons: the staff's network buttons open their modals (guarded at the click and again at
the submit); the hotline reminder's opt-out and opt-in, for the mayor who clicks."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.reminders.errors import ReminderError
from bot.reminders.notices import HOTLINE_OPT_IN_ACTION, HOTLINE_OPT_OUT_ACTION
from bot.services import Services
from bot.slack.blocks.reminders import (
    CREATE_ACTION,
    FORUM_ACTION,
    HOST_ACTION,
    MEETING_ACTION,
    MEMBERS_ACTION,
    create_network_modal,
    forum_modal,
    host_modal,
    hotline_setting_blocks,
    meeting_modal,
    members_modal,
)
from bot.slack.listeners.commands.reminders import NOT_IN_DIRECTORY
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import services_of, tell

Builder = Callable[[Services, str], View]
GONE = "Netværket findes ikke længere. Skriv /netvaerk for at se listen igen."


def _open(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext, build: Builder) -> None:
    services = services_of(context)
    try:
        view = build(services, body["actions"][0].get("value") or "")
    except (ReminderError, ValueError):
        tell(respond, GONE)
        return
    client.views_open(trigger_id=body["trigger_id"], view=view)


def open_create(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()
    _open(body, client, respond, context, lambda _services, _value: create_network_modal())


def open_members(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()
    _open(body, client, respond, context, lambda services, value: members_modal(services.networks.get(int(value))))


def open_meeting(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()
    _open(body, client, respond, context, lambda services, value: meeting_modal(services.meetings.draft(int(value))))


def open_forum(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()
    _open(body, client, respond, context, lambda services, _value: forum_modal(services.meetings.fora()))


def open_host(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()

    def build(services: Services, value: str) -> View:
        turn = services.host_turns.current(int(value))
        return host_modal(services.meetings.draft(int(value)), turn.host if turn else None)

    _open(body, client, respond, context, build)


def _hotline(respond: Respond, context: BoltContext, opted_out: bool) -> None:
    services = services_of(context)
    if not services.hotline_opt_outs.set_opted_out(context.user_id or "", opted_out):
        tell(respond, NOT_IN_DIRECTORY)
        return
    blocks = hotline_setting_blocks(opted_out, services.reminder_policy.get().hotline_every_months)
    tell(respond, "Påmindelsen om KL's hotline er " + ("slået fra" if opted_out else "slået til igen"), blocks)


def opt_out(ack: Ack, respond: Respond, context: BoltContext) -> None:
    ack()
    _hotline(respond, context, True)


def opt_in(ack: Ack, respond: Respond, context: BoltContext) -> None:
    ack()
    _hotline(respond, context, False)


def register(app: App) -> None:
    app.action(CREATE_ACTION, middleware=[StaffOnly("netværk: opret")])(open_create)
    app.action(MEMBERS_ACTION, middleware=[StaffOnly("netværk: medlemmer")])(open_members)
    app.action(FORUM_ACTION, middleware=[StaffOnly("møde for alle borgmestre")])(open_forum)
    app.action(HOST_ACTION, middleware=[StaffOnly("netværk: vært")])(open_host)
    app.action(MEETING_ACTION, middleware=[StaffOnly("netværk: møde")])(open_meeting)
    app.action(HOTLINE_OPT_OUT_ACTION)(opt_out)
    app.action(HOTLINE_OPT_IN_ACTION)(opt_in)
