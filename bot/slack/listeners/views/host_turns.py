"""The host's modal submitted: the meeting is set and everyone in the network is invited (the
invitations go out from the delivery log). A mistake is shown under its field."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.clock import moment_text
from bot.errors import UserError
from bot.slack.blocks.host_turns import FIELD_BLOCKS, HOST_TURN_CALLBACK
from bot.slack.blocks.layout import message_modal
from bot.slack.blocks.reminders import AGENDA, DATE, HOLIDAY_OK, PLACE, TIME
from bot.slack.toolkit import ModalState, reject, services_of


def submit(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    state = ModalState(view)
    try:
        meeting = services_of(context).host_turns.choose(
            int(state.metadata or 0), context.user_id or "", state.local_moment(DATE, TIME), state.text(PLACE) or "",
            state.text(AGENDA) or "", holiday_confirmed=bool(state.checked(HOLIDAY_OK)),
        )
    except UserError as error:
        reject(ack, error, view, DATE, FIELD_BLOCKS)
        return
    ack(response_action="update", view=message_modal(
        "Mødet er sat", f"{meeting.title} holdes {moment_text(meeting.starts_at)}, {meeting.place}. Alle i netværket får invitationen nu."
    ))


def register(app: App) -> None:
    app.view(HOST_TURN_CALLBACK)(submit)
