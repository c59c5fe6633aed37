"""The staff's network modals submitted: a new network, the members, the next meeting. Staff are
guarded again here; an input error is shown under its field (by the error handling where the
domain's field is the block's name); a date on a public holiday must be
confirmed before the meeting is saved (the domain's rule; the checkbox confirms). The staff member gets the result in a DM."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import SectionBlock

from bot.clock import DateError, parse_local
from bot.reminders.errors import HolidayNotConfirmed, ReminderError
from bot.slack.blocks.layout import section
from bot.slack.blocks.reminders import (
    AGENDA,
    CREATE_CALLBACK,
    DATE,
    FIELD_BLOCKS,
    HOLIDAY_OK,
    HOST,
    MEETING_CALLBACK,
    MEMBERS,
    MEMBERS_CALLBACK,
    NAME,
    PLACE,
    TIME,
    meeting_section,
)
from bot.slack.send import post_privately
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import ModalState, reject, services_of


def _tell(client: WebClient, user_id: str, text: str, *extra: SectionBlock) -> None:
    post_privately(client, user_id, text, [section(text), *extra])


def create_network(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """A refused name (a ReminderError) is shown under the input by the error handling."""
    network = services_of(context).networks.create(ModalState(view).text(NAME) or "")
    ack()
    _tell(client, context.user_id or "", f"Netværket {network.name} er oprettet. Tilføj medlemmer med /netvaerk.")


def save_members(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    network = services_of(context).networks.set_members(int(view["private_metadata"]), ModalState(view).users(MEMBERS))
    ack()
    members = ", ".join(p.label for p in network.members) or "ingen"
    _tell(client, context.user_id or "", f"{network.name} har nu disse medlemmer: {members}.")


def save_meeting(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    services = services_of(context)
    values = ModalState(view)
    day, clock = values.date(DATE), values.time(TIME)
    if not day or not clock:
        ack(response_action="errors", errors={DATE if not day else TIME: "Vælg både dato og klokkeslæt."})
        return
    try:
        starts_at = parse_local(f"{day} {clock}")
    except DateError as error:
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


def register(app: App) -> None:
    app.view(CREATE_CALLBACK, middleware=[StaffOnly("netværk: opret", block=NAME)])(create_network)
    app.view(MEMBERS_CALLBACK, middleware=[StaffOnly("netværk: medlemmer", block=MEMBERS)])(save_members)
    app.view(MEETING_CALLBACK, middleware=[StaffOnly("netværk: møde", block=DATE)])(save_meeting)
