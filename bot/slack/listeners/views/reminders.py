"""The staff's modals submitted: a new network, the members, the next meeting, this period's
host, and a date for B98 or a borgmestersamling. Staff are guarded again here; an input error is
shown under its field; a date on a weekend or public holiday must be confirmed (the domain
refuses it otherwise). The staff member gets the result in a DM."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import SectionBlock

from bot.errors import UserError
from bot.reminders.errors import HolidayNotConfirmed, ReminderError
from bot.slack.blocks.layout import section
from bot.slack.blocks.reminders import (
    AGENDA,
    CREATE_CALLBACK,
    DATE,
    FIELD_BLOCKS,
    FORUM,
    FORUM_CALLBACK,
    HOLIDAY_OK,
    HOST,
    HOST_CALLBACK,
    MEETING_CALLBACK,
    MEMBERS,
    MEMBERS_CALLBACK,
    NAME,
    PLACE,
    TIME,
    meeting_section,
)
from bot.slack.blocks.text import MESSAGE_TEXT, clip, escape
from bot.slack.send import post_privately
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import ModalState, reject, services_of


def _tell(client: WebClient, user_id: str, text: str, *extra: SectionBlock) -> None:
    """The text echoes names staff typed: escaped in the notification text as in the section."""
    post_privately(client, user_id, clip(escape(text), MESSAGE_TEXT), [section(text), *extra])


def create_network(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """A refused name (a ReminderError) is shown under the input by the error handling."""
    network = services_of(context).networks.create(ModalState(view).text(NAME) or "", by=context.user_id or "")
    ack()
    _tell(client, context.user_id or "", f"Netværket {network.name} er oprettet. Tilføj medlemmer med /netvaerk.")


def save_members(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    network = services_of(context).networks.set_members(
        int(view["private_metadata"]), ModalState(view).users(MEMBERS), by=context.user_id or ""
    )
    ack()
    members = ", ".join(p.label for p in network.members) or "ingen"
    _tell(client, context.user_id or "", f"{network.name} har nu disse medlemmer: {members}.")


def save_meeting(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    services = services_of(context)
    values = ModalState(view)
    try:
        starts_at = values.local_moment(DATE, TIME)
    except UserError as error:
        reject(ack, error, view, DATE)
        return
    try:
        meeting = services.meetings.set_network_meeting(
            int(view["private_metadata"]), starts_at, values.text(PLACE) or "",
            values.text(AGENDA) or "", host=values.choice(HOST), by=context.user_id or "",
            holiday_confirmed=bool(values.checked(HOLIDAY_OK)),
        )
    except HolidayNotConfirmed as error:
        ack(response_action="errors", errors={
            DATE: f"Datoen er {error.holiday}. Vælg en anden dato, eller sæt flueben nedenfor, hvis mødet skal holdes alligevel.",
        })
        return
    except ReminderError as error:
        reject(ack, error, view, DATE, FIELD_BLOCKS)
        return
    ack()
    _tell(client, context.user_id or "", "Mødet er sat. Medlemmerne får påmindelser før mødet.", meeting_section(meeting))


def save_forum(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    values = ModalState(view)
    try:
        meeting = services_of(context).meetings.set_forum_meeting(
            values.choice(FORUM) or "", values.local_moment(DATE, TIME), values.text(PLACE) or "", values.text(AGENDA) or "",
            by=context.user_id or "", holiday_confirmed=bool(values.checked(HOLIDAY_OK)),
        )
    except UserError as error:
        reject(ack, error, view, DATE, FIELD_BLOCKS)
        return
    ack()
    _tell(client, context.user_id or "", "Datoen er sat. Alle borgmestre får invitationen nu og påmindelser før mødet.", meeting_section(meeting))


def save_host(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    values = ModalState(view)
    try:
        turn = services_of(context).host_turns.reassign(int(values.metadata or 0), values.choice(HOST) or "", by=context.user_id or "")
    except UserError as error:
        reject(ack, error, view, HOST, FIELD_BLOCKS)
        return
    ack()
    _tell(client, context.user_id or "", f"{turn.host.label} er nu spurgt om at være vært for {turn.network_name} i {turn.period.name}.")


def register(app: App) -> None:
    app.view(CREATE_CALLBACK, middleware=[StaffOnly("netværk: opret", block=NAME)])(create_network)
    app.view(MEMBERS_CALLBACK, middleware=[StaffOnly("netværk: medlemmer", block=MEMBERS)])(save_members)
    app.view(MEETING_CALLBACK, middleware=[StaffOnly("netværk: møde", block=DATE)])(save_meeting)
    app.view(FORUM_CALLBACK, middleware=[StaffOnly("møde for alle borgmestre", block=DATE)])(save_forum)
    app.view(HOST_CALLBACK, middleware=[StaffOnly("netværk: vært", block=HOST)])(save_host)
