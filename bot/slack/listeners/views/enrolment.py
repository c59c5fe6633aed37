"""The enrolment modals submitted: "who are you" (then on to the confirmation), the
confirmation itself (only now is anything stored), and the staff session form. Each answers
within Slack's three seconds by updating the modal; the DMs follow in the background."""
from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.enrolment.dates import DateError
from bot.enrolment.errors import EnrolmentError, InvalidSession, NotRegistered
from bot.members.directory import DirectoryError
from bot.members.staff import REFUSAL
from bot.slack.blocks.enrolment import (
    ENROL_INPUTS,
    ENROL_VIEW,
    FIRST_TERM,
    REGISTER_INPUTS,
    REGISTER_VIEW,
    SESSION_VIEW,
    message_modal,
    register_modal,
)
from bot.slack.enrolment import plan_view, session_draft
from bot.storage.models.members import Role

# Which form block shows a complaint about which SessionDraft field.
FIELD_BLOCKS = {"starts_at": "date", "ends_at": "end", "offer_id": "offer_id", "capacity": "capacity", "place": "place",
                "fee": "fee", "title": "title", "deadline": "deadline"}


def _metadata(body: dict[str, Any]) -> dict[str, Any]:
    try:
        data = json.loads(body["view"].get("private_metadata") or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _state(body: dict[str, Any], block: str, action: str) -> dict[str, Any]:
    return body["view"]["state"]["values"].get(block, {}).get(action, {})


def _slack_name(client: WebClient, user_id: str) -> str:
    user = client.users_info(user=user_id)["user"]
    profile = user.get("profile") or {}
    return profile.get("real_name") or user.get("real_name") or profile.get("display_name") or user_id


def who_are_you(ack: Ack, body: dict[str, Any], client: WebClient, context: dict[str, Any]) -> None:
    services = context["services"]
    user_id = body["user"]["id"]
    municipality = (_state(body, "municipality", REGISTER_INPUTS["municipality"]).get("selected_option") or {}).get("value", "")
    role = (_state(body, "role", REGISTER_INPUTS["role"]).get("selected_option") or {}).get("value", Role.MAYOR.value)
    checked = _state(body, "first_term", REGISTER_INPUTS["first_term"]).get("selected_options") or []
    try:
        services.directory.register(
            user_id, _slack_name(client, user_id), municipality, Role(role), first_term=any(o.get("value") == FIRST_TERM for o in checked)
        )
    except (DirectoryError, ValueError) as error:
        ack(response_action="errors", errors={"municipality": str(error)})
        return
    ack(response_action="update", view=plan_view(services, user_id, _metadata(body).get("offer", "")))


def confirm(ack: Ack, body: dict[str, Any], context: dict[str, Any]) -> None:
    services = context["services"]
    user_id = body["user"]["id"]
    metadata = _metadata(body)
    offer_id = str(metadata.get("offer", ""))
    chosen = (_state(body, "session", ENROL_INPUTS["session"]).get("selected_option") or {}).get("value")
    session_id = metadata.get("session") or (int(chosen) if chosen and chosen.isdigit() else None)
    try:
        if session_id is None:
            note = _state(body, "note", ENROL_INPUTS["note"]).get("value")
            message = services.enrolment.request(user_id, offer_id, note).message
        else:
            message = services.enrolment.enrol(user_id, int(session_id)).message
    except NotRegistered:
        ack(response_action="update", view=register_modal(offer_id))
        return
    except EnrolmentError as error:
        ack(response_action="update", view=message_modal("Ikke tilmeldt", str(error)))
        return
    ack(response_action="update", view=message_modal("Tak", message))


def save_session(ack: Ack, body: dict[str, Any], context: dict[str, Any]) -> None:
    services = context["services"]
    if not services.staff.check(body["user"]["id"], "gem dato"):
        ack(response_action="update", view=message_modal("Ingen adgang", REFUSAL))
        return
    session_id = _metadata(body).get("session")
    try:
        draft = session_draft(body["view"]["state"]["values"])
        if session_id:
            update = services.sessions.change(int(session_id), draft)
            view, told = update.session, f" {update.notified} berørte har fået besked." if update.notified else ""
        else:
            view, told = services.sessions.add(draft), ""
    except DateError as error:
        ack(response_action="errors", errors={"date": str(error)})
        return
    except InvalidSession as error:
        ack(response_action="errors", errors={FIELD_BLOCKS.get(error.field or "", "offer_id"): str(error)})
        return
    except EnrolmentError as error:
        ack(response_action="update", view=message_modal("Ikke gemt", str(error)))
        return
    facts = "\n".join(f"{label}: {value}" for label, value in view.facts())
    ack(response_action="update", view=message_modal("Gemt", f"{view.name} er gemt.{told}\n{facts}"))


def register(app: App) -> None:
    app.view(REGISTER_VIEW)(who_are_you)
    app.view(ENROL_VIEW)(confirm)
    app.view(SESSION_VIEW)(save_session)
