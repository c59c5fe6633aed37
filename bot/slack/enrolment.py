"""The Slack steps of enrolment that commands, buttons and modals share: which modal to open
for an offer, how to answer where the click came from, the staff roster with its CSV, and
reading the staff session form. The rules themselves are in bot.enrolment."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.clock import parse_local
from bot.enrolment.errors import EnrolmentError, NotRegistered
from bot.enrolment.participants import roster_csv
from bot.enrolment.sessions import SessionDraft
from bot.services import Services
from bot.slack.blocks.enrolment import (
    ONLINE,
    enrol_modal,
    register_modal,
    roster_blocks,
)
from bot.slack.blocks.layout import message_modal, section
from bot.slack.blocks.text import SECTION_TEXT, clip, escape
from bot.slack.toolkit import ModalState, answer, tell
from bot.storage.models.enrolment import Audience


def plan_view(services: Services, user_id: str, offer_id: str) -> View:
    """The confirmation modal; for a stranger the "who are you" modal first; for an offer with
    nothing to enrol in (or no dates), the explanation."""
    try:
        return enrol_modal(services.enrolment.plan(user_id, offer_id))
    except NotRegistered:
        return register_modal(offer_id)
    except EnrolmentError as error:
        return message_modal("Tilmelding", str(error))


def replace_message(client: WebClient, body: dict[str, Any], respond: Respond, text: str) -> None:
    """The answer replaces the message with the button, so it cannot be pressed again; from the
    Home tab, where there is no message, it opens as a modal."""
    if body.get("response_url"):
        respond(text=clip(escape(text), SECTION_TEXT), blocks=[section(text)], replace_original=True)
    else:
        answer(client, body, respond, text)


def send_roster(services: Services, client: WebClient, respond: Respond, user_id: str, offer_id: str) -> None:
    """The roster as an ephemeral message, and as a CSV file in the staff member's DM."""
    roster = services.participants.roster(offer_id, exported_by=user_id)
    tell(respond, f"Deltagere: {roster.offer.title}", roster_blocks(roster))
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    client.files_upload_v2(
        channel=channel,
        file=roster_csv(roster),
        filename=f"deltagere-{roster.offer.id}.csv",
        title=f"Deltagere: {roster.offer.title}",
        initial_comment=f"Deltagerlisten for {roster.offer.title} som CSV (åbner i Excel).",
    )


def _moment(date: str | None, time: str | None) -> datetime:
    return parse_local(f"{date} {time}")


def session_draft(form: ModalState) -> SessionDraft:
    """The staff form as a draft; the rules (bot.enrolment.sessions) decide whether it is valid.
    Raises DateError for a date and time that do not exist (a daylight-saving gap)."""
    date = form.date("date")
    deadline = form.date("deadline")
    capacity = form.text("capacity")
    return SessionDraft(
        offer_id=form.choice("offer_id") or "",
        starts_at=_moment(date, form.time("start")),
        ends_at=_moment(form.date("end_date") or date, form.time("end")),
        capacity=int(capacity) if capacity and capacity.isdigit() else 0,
        place=form.text("place"),
        online=ONLINE in form.checked("online"),
        fee=form.text("fee"),
        deadline=parse_local(deadline, end_of_day=True) if deadline else None,
        audience=Audience(form.choice("audience") or Audience.ALL.value),
        title=form.text("title"),
    )
