"""/netvaerk: a member's next meetings and networks; staff also get every network with buttons to
manage it. /paamindelser [hotline fra|til]: the periodic hotline reminder on or off. Ephemeral."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_bolt.context.respond import Respond

from bot.reminders.meetings import MeetingInfo
from bot.services import Services
from bot.slack.blocks.reminders import (
    NETWORKS_COMMAND,
    REMINDERS_COMMAND,
    hotline_setting_blocks,
    member_blocks,
    staff_blocks,
)
from bot.slack.send import respond_ephemeral
from bot.slack.toolkit import services_of

NOT_IN_DIRECTORY = (
    "Du er ikke i Borgmesterbots medlemsliste endnu, så jeg sender dig ingen påmindelser. "
    "Skriv til mig, så hjælper jeg dig med at blive registreret."
)


def _next_per_network(services: Services) -> dict[int, MeetingInfo]:
    planned: dict[int, MeetingInfo] = {}
    for meeting in services.meetings.upcoming(limit=500):
        if meeting.network_id is not None:
            planned.setdefault(meeting.network_id, meeting)
    return planned


def show_networks(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    user_id = context.user_id or ""
    blocks = member_blocks(services.meetings.upcoming_for(user_id), services.networks.of_member(user_id))
    if services.staff.is_staff(user_id):
        blocks += staff_blocks(services.networks.list(), _next_per_network(services))
    respond_ephemeral(respond, "Dine næste møder og netværk", blocks)


def hotline_setting(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    user_id = context.user_id or ""
    words = " ".join((command.get("text") or "").lower().split())
    wanted = {"hotline fra": True, "hotline til": False}.get(words)
    known = services.hotline_opt_outs.set_opted_out(user_id, wanted) if wanted is not None else services.directory.get(user_id) is not None
    if not known:
        respond(text=NOT_IN_DIRECTORY, response_type="ephemeral")
        return
    opted_out = services.hotline_opt_outs.is_opted_out(user_id)
    blocks = hotline_setting_blocks(opted_out, services.reminder_policy.get().hotline_every_months)
    respond_ephemeral(respond, "Påmindelsen om KL's hotline er " + ("slået fra" if opted_out else "slået til"), blocks)


def register(app: App) -> None:
    app.command(NETWORKS_COMMAND)(show_networks)
    app.command(REMINDERS_COMMAND)(hotline_setting)
