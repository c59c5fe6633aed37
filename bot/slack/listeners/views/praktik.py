"""The staff's swap modal submitted: two mayors change places between their pairs."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext

from bot.errors import UserError
from bot.slack.blocks.layout import message_modal
from bot.slack.blocks.praktik import FIRST, SECOND, SWAP_CALLBACK
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import reject, services_of


def _user(view: dict[str, Any], block: str) -> str:
    return str(((view.get("state") or {}).get("values", {}).get(block) or {}).get("value", {}).get("selected_user") or "")


def swap(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    try:
        updated = services_of(context).praktik.swap(
            int(view.get("private_metadata") or 0), _user(view, FIRST), _user(view, SECOND), by=context.user_id or ""
        )
    except UserError as error:
        reject(ack, error, view, FIRST, {"members": FIRST})
        return
    lines = "\n".join(" og ".join(p.label for p in pair.people) for pair in updated.pairs)
    ack(response_action="update", view=message_modal("Byttet", f"Parrene nu:\n{lines}"))


def register(app: App) -> None:
    app.view(SWAP_CALLBACK, middleware=[StaffOnly("borgmesterpraktik: byt", block=FIRST)])(swap)
