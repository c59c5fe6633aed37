"""The staff desk's modals submitted: Svar (the answer goes to the asker as a DM signed with the
staff member's name) and Afslut (with an optional note). The staff guard checks again on submit;
a step that cannot be taken is a UserError, shown under the form's input."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.blocks.layout import message_modal
from bot.slack.blocks.staffdesk import ANSWER_BLOCK, ANSWER_VIEW, CLOSE_VIEW, NOTE_BLOCK
from bot.slack.listeners.actions.staffdesk import staffer_of
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import ModalState, services_of


def _item_id(state: ModalState) -> int:
    item = state.json_metadata().get("item")
    return item if isinstance(item, int) else 0


def send_answer(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    state = ModalState(view)
    item = services_of(context).desk.answer(_item_id(state), staffer_of(context, client), state.text(ANSWER_BLOCK) or "")
    ack(response_action="update", view=message_modal("Svar sendt", f"Svaret er sendt og gemt med sagen: {item.title}."))


def close_item(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    state = ModalState(view)
    item = services_of(context).desk.close(_item_id(state), staffer_of(context, client), state.text(NOTE_BLOCK))
    ack(response_action="update", view=message_modal("Afsluttet", f"Sagen er afsluttet: {item.title}."))


def register(app: App) -> None:
    app.view(ANSWER_VIEW, middleware=[StaffOnly("sag: send svar", block=ANSWER_BLOCK)])(send_answer)
    app.view(CLOSE_VIEW, middleware=[StaffOnly("sag: afslut", block=NOTE_BLOCK)])(close_item)
