"""The staff's network modals submitted: a new network, the members, the next meeting. Staff are
checked again here; an input error is shown under its field; a date on a public holiday must be
confirmed before the meeting is saved. The staff member gets the result in a DM."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.enrolment.dates import DateError, parse_local
from bot.members.staff import REFUSAL
from bot.reminders.errors import ReminderError
from bot.reminders.meetings import holiday_of
from bot.services import Services
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
    VALUE,
    meeting_section,
)
from bot.slack.blocks.text import escape
from bot.slack.send import post_privately


def _values(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {block: inputs.get(VALUE, {}) for block, inputs in (view.get("state") or {}).get("values", {}).items()}


def _refused(ack: Ack, body: dict[str, Any], context: BoltContext, what: str, block: str) -> bool:
    if context["services"].staff.check(body["user"]["id"], f"netværk: {what}"):
        return False
    ack(response_action="errors", errors={block: REFUSAL})
    return True


def _error(ack: Ack, error: ReminderError, fallback: str) -> None:
    ack(response_action="errors", errors={FIELD_BLOCKS.get(error.field or "", fallback): str(error)})


def _tell(client: WebClient, user_id: str, text: str, *extra: SectionBlock) -> None:
    post_privately(client, user_id, text, [SectionBlock(text=MarkdownTextObject(text=escape(text))), *extra])


def create_network(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if _refused(ack, body, context, "opret", NAME):
        return
    try:
        network = context["services"].networks.create(_values(view).get(NAME, {}).get("value") or "")
    except ReminderError as error:
        _error(ack, error, NAME)
        return
    ack()
    _tell(client, body["user"]["id"], f"Netværket {network.name} er oprettet. Tilføj medlemmer med /netvaerk.")


def save_members(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if _refused(ack, body, context, "medlemmer", MEMBERS):
        return
    chosen = _values(view).get(MEMBERS, {}).get("selected_users") or []
    try:
        network = context["services"].networks.set_members(int(view["private_metadata"]), chosen)
    except ReminderError as error:
        _error(ack, error, MEMBERS)
        return
    ack()
    members = ", ".join(p.label for p in network.members) or "ingen"
    _tell(client, body["user"]["id"], f"{network.name} har nu disse medlemmer: {members}.")


def save_meeting(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if _refused(ack, body, context, "møde", DATE):
        return
    services: Services = context["services"]
    values = _values(view)
    day, clock = values.get(DATE, {}).get("selected_date"), values.get(TIME, {}).get("selected_time")
    if not day or not clock:
        ack(response_action="errors", errors={DATE if not day else TIME: "Vælg både dato og klokkeslæt."})
        return
    try:
        starts_at = parse_local(f"{day} {clock}")
    except DateError as error:
        ack(response_action="errors", errors={DATE: str(error)})
        return
    holiday = holiday_of(starts_at)
    if holiday and not values.get(HOLIDAY_OK, {}).get("selected_options"):
        ack(response_action="errors", errors={
            DATE: f"Datoen er {holiday}. Vælg en anden dato, eller sæt flueben nedenfor, hvis mødet skal holdes alligevel.",
        })
        return
    host = (values.get(HOST, {}).get("selected_option") or {}).get("value")
    try:
        meeting = services.meetings.set_network_meeting(
            int(view["private_metadata"]), starts_at, values.get(PLACE, {}).get("value") or "",
            values.get(AGENDA, {}).get("value") or "", host=host, by=body["user"]["id"],
        )
    except ReminderError as error:
        _error(ack, error, DATE)
        return
    ack()
    _tell(client, body["user"]["id"], "Mødet er sat. Medlemmerne får påmindelser før mødet.", meeting_section(meeting))


def register(app: App) -> None:
    app.view(CREATE_CALLBACK)(create_network)
    app.view(MEMBERS_CALLBACK)(save_members)
    app.view(MEETING_CALLBACK)(save_meeting)
