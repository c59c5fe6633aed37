"""The typed pieces every Slack listener shares, so each thing is done one way: the services from
Bolt's context, the values of a submitted modal, field errors shown under their inputs, a private
answer, and opening a modal from a click. (Sections and modals: bot.slack.blocks.layout.)

Bolt's own ``BoltContext.user_id`` is the user who acted, for every kind of request.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.clock import parse_local
from bot.errors import UserError
from bot.slack.blocks.layout import message_modal, section
from bot.slack.blocks.text import SECTION_TEXT, clip, escape
from bot.slack.send import respond_ephemeral

if TYPE_CHECKING:
    from bot.services import Services


def services_of(context: Mapping[str, Any]) -> Services:
    """The composition root, put in every request's context by the app's first middleware."""
    services: Services = context["services"]
    return services


class ModalState:
    """The values of a submitted modal, by block id. Every input block holds one element, so its
    action id does not matter here; a block left empty reads as None (or an empty list)."""

    def __init__(self, view: Mapping[str, Any]) -> None:
        values = (view.get("state") or {}).get("values") or {}
        self._inputs: dict[str, dict[str, Any]] = {
            block: next(iter(actions.values()), {}) for block, actions in values.items() if actions
        }
        self.metadata: str = view.get("private_metadata") or ""

    @property
    def blocks(self) -> set[str]:
        return set(self._inputs)

    def text(self, block: str) -> str | None:
        value = self._inputs.get(block, {}).get("value")
        return str(value) if value is not None else None

    def choice(self, block: str) -> str | None:
        """A select's or radio group's chosen option."""
        return (self._inputs.get(block, {}).get("selected_option") or {}).get("value")

    def checked(self, block: str) -> list[str]:
        return [option["value"] for option in self._inputs.get(block, {}).get("selected_options") or []]

    def date(self, block: str) -> str | None:
        return self._inputs.get(block, {}).get("selected_date")

    def time(self, block: str) -> str | None:
        return self._inputs.get(block, {}).get("selected_time")

    def local_moment(self, date_block: str, time_block: str) -> datetime:
        """The Danish date and time picked in two inputs, as the moment they name; a missing half
        is refused under its own input, a moment the clock skips or repeats by ``parse_local``."""
        day, clock = self.date(date_block), self.time(time_block)
        if not day or not clock:
            raise UserError("Vælg både dato og klokkeslæt.", field=date_block if not day else time_block)
        return parse_local(f"{day} {clock}")

    def users(self, block: str) -> list[str]:
        return list(self._inputs.get(block, {}).get("selected_users") or [])

    def json_metadata(self) -> dict[str, Any]:
        """``private_metadata`` kept as a JSON object; anything else (tampered, empty) is {}."""
        try:
            data = json.loads(self.metadata or "{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}


def submission_key(view: Mapping[str, Any], user_id: str) -> str:
    """A submitted modal's identity: the view (its id and hash) and exactly what was in it, by
    whom. The same body posted again (a replay within Slack's five minutes) has the same key; the
    form corrected after an error has new values and so a new key."""
    state = json.dumps((view.get("state") or {}).get("values") or {}, sort_keys=True, ensure_ascii=False)
    identity = "\x1f".join((str(view.get("id")), str(view.get("hash")), user_id, state))
    return "view:" + hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


def field_errors(
    messages: Mapping[str, str], present: Iterable[str], fallback: str, blocks: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``response_action: errors`` for a modal: each message under the input of its field
    (``blocks`` maps a domain field to its block id where the two differ); a message whose input
    is not on the form goes under ``fallback``, and two under one input are joined."""
    shown = set(present)
    errors: dict[str, str] = {}
    for field, message in messages.items():
        block = (blocks or {}).get(field, field)
        block = block if block in shown else fallback
        errors[block] = f"{errors[block]} {message}" if block in errors else message
    return {"response_action": "errors", "errors": errors}


def reject(ack: Any, error: UserError, view: Mapping[str, Any], fallback: str, blocks: Mapping[str, str] | None = None) -> None:
    """Answer a modal submit with the error's message(s) under their inputs."""
    ack(**field_errors(error.fields, ModalState(view).blocks, fallback, blocks))


def tell(respond: Respond, text: str, blocks: Sequence[Block] | None = None) -> None:
    """A private (ephemeral) answer beside the message or command, in as many messages as the
    blocks need; the text is escaped, as it may echo what someone typed."""
    respond_ephemeral(respond, clip(escape(text), SECTION_TEXT), blocks if blocks is not None else [section(text)])


def open_view(client: WebClient, body: Mapping[str, Any], view: View) -> None:
    """From inside a modal (Læs mere) the next one is pushed on top; otherwise opened."""
    if (body.get("view") or {}).get("type") == "modal":
        client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def answer(client: WebClient, body: Mapping[str, Any], respond: Respond, text: str) -> None:
    """Beside a message (or a command) the answer is ephemeral; from the Home tab or a modal,
    where there is nothing to reply to, it opens as a modal."""
    if body.get("response_url") or body.get("command"):
        tell(respond, text)
    else:
        open_view(client, body, message_modal("Borgmesterbot", text))
