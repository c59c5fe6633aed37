"""The staff desk's buttons on a work item (in the staff channel or a staff member's DM): Tag den
assigns it, Svar and Afslut open their modals. Each carries the staff guard, so it is checked on
every click; the message updates in place from the desk once the step is stored. A step that
cannot be taken (the item is closed) is a UserError, told beside the message."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.blocks.staffdesk import ANSWER_ACTION, CLOSE_ACTION, TAKE_ACTION, answer_modal, close_modal
from bot.slack.people import person_name
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import services_of
from bot.staffdesk import Staffer
from bot.staffdesk.desk import DeskError


def staffer_of(context: BoltContext, client: WebClient) -> Staffer:
    user_id = context.user_id or ""
    return Staffer(user_id, person_name(services_of(context), client, user_id))


def _item_id(action: dict[str, Any]) -> int:
    value = action.get("value") or ""
    if not value.isdigit():
        raise DeskError("Knappen hører ikke til en sag, jeg kender.")
    return int(value)


def _where(body: dict[str, Any]) -> tuple[str | None, str | None]:
    container = body.get("container") or {}
    return container.get("channel_id"), container.get("message_ts")


def take(ack: Ack, action: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    services_of(context).desk.take(_item_id(action), staffer_of(context, client))


def open_answer(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    item = services_of(context).desk.get(_item_id(action))
    client.views_open(trigger_id=body["trigger_id"], view=answer_modal(item, _where(body)))


def open_close(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    item = services_of(context).desk.get(_item_id(action))
    client.views_open(trigger_id=body["trigger_id"], view=close_modal(item, _where(body)))


def register(app: App) -> None:
    app.action(TAKE_ACTION, middleware=[StaffOnly("sag: tag den")])(take)
    app.action(ANSWER_ACTION, middleware=[StaffOnly("sag: svar")])(open_answer)
    app.action(CLOSE_ACTION, middleware=[StaffOnly("sag: afslut")])(open_close)
