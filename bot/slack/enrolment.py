"""The Slack steps of enrolment that commands, buttons and modals share: which modal to open
for an offer, how to answer where the click came from, the staff roster with its CSV, and
reading the staff session form. The rules themselves are in bot.enrolment."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.enrolment.dates import parse_local
from bot.enrolment.errors import EnrolmentError, NotRegistered
from bot.enrolment.participants import roster_csv
from bot.enrolment.sessions import SessionDraft
from bot.services import Services
from bot.slack.blocks.enrolment import ONLINE, SESSION_INPUTS, enrol_modal, message_modal, register_modal, roster_blocks
from bot.slack.blocks.text import SECTION_TEXT, clip, escape
from bot.slack.send import respond_ephemeral
from bot.storage.models.enrolment import Audience


def text_blocks(text: str) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=clip(escape(text), SECTION_TEXT)))]


def say(respond: Respond, text: str, blocks: list[Block] | None = None) -> None:
    """An ephemeral answer; the text is escaped, as it may echo what someone typed."""
    respond_ephemeral(respond, clip(escape(text), SECTION_TEXT), blocks or text_blocks(text))


def plan_view(services: Services, user_id: str, offer_id: str) -> View:
    """The confirmation modal; for a stranger the "who are you" modal first; for an offer with
    nothing to enrol in (or no dates), the explanation."""
    try:
        return enrol_modal(services.enrolment.plan(user_id, offer_id))
    except NotRegistered:
        return register_modal(offer_id)
    except EnrolmentError as error:
        return message_modal("Tilmelding", str(error))


def open_view(client: WebClient, body: dict[str, Any], view: View) -> None:
    """From inside a modal (Læs mere) the next one is pushed on top; otherwise opened."""
    if (body.get("view") or {}).get("type") == "modal":
        client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def answer(client: WebClient, body: dict[str, Any], respond: Respond, text: str, *, replace: bool = False) -> None:
    """Beside a message the answer is ephemeral (or replaces the message with the button, so it
    cannot be pressed again); from the Home tab, where there is nothing to reply to, a modal."""
    if body.get("response_url") and replace:
        respond(text=clip(escape(text), SECTION_TEXT), blocks=text_blocks(text), replace_original=True)
    elif body.get("response_url"):
        say(respond, text)
    else:
        open_view(client, body, message_modal("Borgmesterbot", text))


def send_roster(services: Services, client: WebClient, respond: Respond, user_id: str, offer_id: str) -> None:
    """The roster as an ephemeral message, and as a CSV file in the staff member's DM."""
    try:
        roster = services.participants.roster(offer_id)
    except EnrolmentError as error:
        say(respond, str(error))
        return
    say(respond, f"Deltagere: {roster.offer.title}", roster_blocks(roster))
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    client.files_upload_v2(
        channel=channel,
        file=roster_csv(roster),
        filename=f"deltagere-{roster.offer.id}.csv",
        title=f"Deltagere: {roster.offer.title}",
        initial_comment=f"Deltagerlisten for {roster.offer.title} som CSV (åbner i Excel).",
    )


def _value(values: dict[str, Any], block: str) -> Any:
    state = values.get(block, {}).get(SESSION_INPUTS[block], {})
    kind = state.get("type")
    if kind == "static_select" or kind == "radio_buttons":
        return (state.get("selected_option") or {}).get("value")
    if kind == "checkboxes":
        return [option["value"] for option in state.get("selected_options") or []]
    if kind == "datepicker":
        return state.get("selected_date")
    if kind == "timepicker":
        return state.get("selected_time")
    return state.get("value")


def _moment(date: str, time: str) -> datetime:
    return parse_local(f"{date} {time}")


def session_draft(values: dict[str, Any]) -> SessionDraft:
    """The staff form as a draft; the rules (bot.enrolment.sessions) decide whether it is valid.
    Raises DateError for a date and time that do not exist (a daylight-saving gap)."""
    date = _value(values, "date")
    end_date = _value(values, "end_date") or date
    deadline = _value(values, "deadline")
    capacity = _value(values, "capacity")
    return SessionDraft(
        offer_id=_value(values, "offer_id") or "",
        starts_at=_moment(date, _value(values, "start")),
        ends_at=_moment(end_date, _value(values, "end")),
        capacity=int(capacity) if capacity and str(capacity).isdigit() else 0,
        place=_value(values, "place"),
        online=ONLINE in (_value(values, "online") or []),
        fee=_value(values, "fee"),
        deadline=parse_local(deadline, end_of_day=True) if deadline else None,
        audience=Audience(_value(values, "audience") or Audience.ALL.value),
        title=_value(values, "title"),
    )
