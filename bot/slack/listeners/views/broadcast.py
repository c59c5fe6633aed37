"""The /udsend modals: the compose form becomes a preview with the exact recipient count, and
the preview's submit confirms. Staff are checked again at each submit; input errors are shown
under the field they concern, and nothing is stored until the form is valid."""
from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.broadcast.audience import Audience, parse_municipalities
from bot.broadcast.errors import BroadcastError, InvalidBroadcast
from bot.broadcast.report import status_notice
from bot.broadcast.service import Draft
from bot.clock import COPENHAGEN
from bot.danish import count
from bot.slack.blocks import broadcast as form
from bot.slack.blocks.layout import message_modal
from bot.slack.notice_sender import SlackNoticeSender
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import ModalState, reject, services_of, submission_key
from bot.storage.models.broadcast import AudienceKind

log = logging.getLogger(__name__)

FIELDS = {"send_at": form.SEND_DATE, "network": form.NETWORK, "offer": form.TARGET}
"""Domain field → the block its message is shown under (the rest have the same name)."""


def _send_at(values: ModalState) -> datetime | None:
    """A date and a time typed as Danish time; None for "send nu"."""
    if values.choice(form.WHEN) != form.LATER:
        return None
    day, clock = values.date(form.SEND_DATE), values.time(form.SEND_TIME)
    if not day or not clock:
        raise InvalidBroadcast({"send_at": "Vælg både dato og klokkeslæt, eller vælg 'Send nu'."})
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=COPENHAGEN)


def _audience(values: ModalState) -> Audience:
    kind = AudienceKind(values.choice(form.AUDIENCE) or AudienceKind.ALL_MAYORS)
    if kind is AudienceKind.NETWORK:
        network = values.choice(form.NETWORK)
        return Audience(kind, network_id=int(network) if network else None)
    if kind is AudienceKind.ENROLLED:
        target, _, ref = (values.choice(form.TARGET) or "").partition(":")
        if target == "session":
            return Audience(kind, session_id=int(ref))
        return Audience(kind, offer_id=ref or None)
    if kind is AudienceKind.MUNICIPALITIES:
        return Audience(kind, municipalities=parse_municipalities(values.text(form.MUNICIPALITIES) or ""))
    return Audience(kind)


def _draft(view: dict[str, Any]) -> Draft:
    """Every fault of the form at once: the audience's and the time's together."""
    values = ModalState(view)
    errors: dict[str, str] = {}
    audience = send_at = None
    try:
        audience = _audience(values)
    except InvalidBroadcast as exc:
        errors.update(exc.errors)
    try:
        send_at = _send_at(values)
    except InvalidBroadcast as exc:
        errors.update(exc.errors)
    if errors or audience is None:
        raise InvalidBroadcast(errors)
    return Draft(
        audience=audience,
        text=values.text(form.TEXT) or "",
        offer_id=values.choice(form.BUTTON_OFFER),
        send_at=send_at,
        ack_requested=bool(values.checked(form.ACK)),
    )


def compose(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    services = services_of(context)
    try:
        user_id = context.user_id or ""
        preview = services.broadcasts.compose(user_id, _draft(view), once=submission_key(view, user_id))
    except InvalidBroadcast as exc:
        reject(ack, exc, view, form.TEXT, FIELDS)
        return
    ack(response_action="update", view=form.preview_modal(preview))


def confirm(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    services = services_of(context)
    user_id = context.user_id or ""
    try:
        done = services.broadcasts.confirm(user_id, int(view["private_metadata"]))
    except BroadcastError as exc:
        ack(response_action="update", view=message_modal("Ikke sendt", str(exc)))
        return
    f = done.figures
    if done.needs_approval:
        approvers = len(done.approvers)
        asked = f"{count(approvers, 'kollega', 'kolleger')} er spurgt" if approvers else "bed en kollega om at skrive /udsend liste"
        text = f"Udsendelse #{f.broadcast_id} til {count(f.recipients, 'modtager', 'modtagere')} venter på godkendelse ({asked})."
    elif done.starts_now:
        text = f"Udsendelse #{f.broadcast_id} sendes nu til {count(f.recipients, 'modtager', 'modtagere')}. Du følger den i en privat besked."
    else:
        text = f"Udsendelse #{f.broadcast_id} til {count(f.recipients, 'modtager', 'modtagere')} er planlagt. Du får status i en privat besked."
    ack(response_action="update", view=message_modal("Udsendelse", text))
    sender = SlackNoticeSender(client)
    if done.approval_request is not None:
        for approver in done.approvers:
            sender.send(approver, done.approval_request)
    if not done.starts_now:
        posted = sender.send(user_id, status_notice(f))
        if posted.ok and posted.channel and posted.ts:
            services.broadcasts.keep_status_message(f.broadcast_id, posted.channel, posted.ts)


def discard(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    """The preview was closed with Annullér: its draft (and outbox rows) go away."""
    ack()
    try:
        services_of(context).broadcasts.discard(context.user_id or "", int(view["private_metadata"]))
    except BroadcastError as exc:
        log.info("draft %s not discarded: %s", view.get("private_metadata"), exc)


def register(app: App) -> None:
    app.view(form.COMPOSE_CALLBACK, middleware=[StaffOnly("udsend: forhåndsvis", block=form.TEXT)])(compose)
    app.view(form.PREVIEW_CALLBACK, middleware=[StaffOnly("udsend: bekræft")])(confirm)
    app.view_closed(form.PREVIEW_CALLBACK, middleware=[StaffOnly("udsend: kassér kladde")])(discard)
