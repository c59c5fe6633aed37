"""The enrolment modals submitted: "who are you" (then on to the confirmation), the
confirmation itself (only now is anything stored), and the staff session form. Each answers
within Slack's three seconds by updating the modal; the DMs follow in the background."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.clock import DateError
from bot.danish import count
from bot.enrolment.errors import EnrolmentError, InvalidSession, NotRegistered
from bot.members.directory import (
    SELF_REGISTERED_ROLES,
    SELF_REGISTRATION_ONLY,
    DirectoryError,
)
from bot.slack.blocks.enrolment import (
    ENROL_VIEW,
    FIRST_TERM,
    REGISTER_VIEW,
    SESSION_VIEW,
    register_modal,
)
from bot.slack.blocks.layout import message_modal
from bot.slack.enrolment import plan_view, session_draft
from bot.slack.people import slack_name
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import ModalState, reject, services_of, submission_key
from bot.storage.models.members import Role
from bot.text import clean

# Which form block shows a complaint about which SessionDraft field.
FIELD_BLOCKS = {"starts_at": "date", "ends_at": "end"}


def _self_registered_role(chosen: str | None) -> Role:
    """The role picked in the form; a value the form does not offer is refused like staff."""
    role = next((r for r in SELF_REGISTERED_ROLES if r.value == (chosen or Role.MAYOR.value)), None)
    if role is None:
        raise DirectoryError(SELF_REGISTRATION_ONLY)
    return role


def who_are_you(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    services = services_of(context)
    user_id = context.user_id or ""
    state = ModalState(view)
    known = services.directory.get(user_id) is not None
    try:
        services.directory.register(
            user_id, clean(slack_name(client, user_id)), state.choice("municipality") or "", _self_registered_role(state.choice("role")),
            first_term=FIRST_TERM in state.checked("first_term"),
        )
    except DirectoryError as error:
        reject(ack, error, view, "municipality")
        return
    # The plan explains that the claim waits for KL (or, for a known person, what it always did).
    ack(response_action="update", view=plan_view(services, user_id, str(state.json_metadata().get("offer", ""))))
    if not known:
        services.approvals.announce(user_id)


def confirm(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    services = services_of(context)
    user_id = context.user_id or ""
    state = ModalState(view)
    metadata = state.json_metadata()
    offer_id = str(metadata.get("offer", ""))
    chosen = state.choice("session")
    session_id = metadata.get("session") or (int(chosen) if chosen and chosen.isdigit() else None)
    try:
        if session_id is None:
            message = services.enrolment.request(user_id, offer_id, state.text("note")).message
        else:
            message = services.enrolment.enrol(user_id, int(session_id)).message
    except NotRegistered:
        ack(response_action="update", view=register_modal(offer_id))
        return
    except EnrolmentError as error:
        ack(response_action="update", view=message_modal("Ikke tilmeldt", str(error)))
        return
    ack(response_action="update", view=message_modal("Tak", message))


def save_session(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    services = services_of(context)
    session_id = ModalState(view).json_metadata().get("session")
    try:
        draft = session_draft(ModalState(view))
        if session_id:
            update = services.sessions.change(int(session_id), draft, by=context.user_id or "")
            saved, told = update.session, f" {count(update.notified, 'berørt', 'berørte')} har fået besked." if update.notified else ""
        else:
            saved, told = services.sessions.add(draft, once=submission_key(view, context.user_id or ""), by=context.user_id or ""), ""
    except (DateError, InvalidSession) as error:
        reject(ack, error, view, "date" if isinstance(error, DateError) else "offer_id", FIELD_BLOCKS)
        return
    except EnrolmentError as error:
        ack(response_action="update", view=message_modal("Ikke gemt", str(error)))
        return
    facts = "\n".join(f"{label}: {value}" for label, value in saved.facts())
    ack(response_action="update", view=message_modal("Gemt", f"{saved.name} er gemt.{told}\n{facts}"))


def register(app: App) -> None:
    app.view(REGISTER_VIEW)(who_are_you)
    app.view(ENROL_VIEW)(confirm)
    app.view(SESSION_VIEW, middleware=[StaffOnly("gem dato")])(save_session)
