"""Staff's catalogue forms submitted: Ret, Nyt tilbud and Tag ud af kataloget. Staff are checked
again at each submit (a crafted submit from anyone else is refused and changes nothing); the
catalogue's own schema judges the fields, and its Danish message is shown under the field it
concerns, with nothing stored until the whole form is right."""
from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.catalogue.edits import NewOffer, OfferDraft, parse_keywords
from bot.catalogue.errors import InvalidOffer
from bot.catalogue.loader import CatalogueError
from bot.catalogue.retirement import Retirement
from bot.members.staff import REFUSAL
from bot.slack.blocks import offer_form as form
from bot.slack.catalogue_staff import staff_author


def _values(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {block: inputs.get(form.VALUE, {}) for block, inputs in (view.get("state") or {}).get("values", {}).items()}


def _text(values: dict[str, dict[str, Any]], block: str) -> str:
    return str(values.get(block, {}).get("value") or "")


def _choice(values: dict[str, dict[str, Any]], block: str) -> str:
    return str((values.get(block, {}).get("selected_option") or {}).get("value") or "")


def _metadata(view: dict[str, Any]) -> dict[str, str]:
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _draft(values: dict[str, dict[str, Any]]) -> OfferDraft:
    return OfferDraft(
        title=_text(values, "title"), summary=_text(values, "summary"), description=_text(values, "description"),
        audience=_text(values, "audience"), frequency=_text(values, "frequency") or None, fee=_text(values, "fee") or None,
        enrolment_kind=_choice(values, "enrolment.kind"), enrolment_how=_text(values, "enrolment.how"),
        keywords=parse_keywords(_text(values, "keywords")),
    )


def _field_errors(error: CatalogueError, view: dict[str, Any]) -> dict[str, str]:
    """Each message under its field's input; one for a field not on the form under the first."""
    present = set((view.get("state") or {}).get("values", {})) or {form.TOP}
    fields = error.fields if isinstance(error, InvalidOffer) else {"": str(error)}
    errors: dict[str, str] = {}
    for field, message in fields.items():
        block = field if field in present else next((b for b in present if field.startswith(f"{b}.")), form.TOP)
        errors[block] = f"{errors[block]} {message}" if block in errors else message
    return errors


def save_edit(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    services = context["services"]
    author = staff_author(services, client, body, "katalog: gem Ret")
    if author is None:
        ack(response_action="errors", errors={form.TOP: REFUSAL})
        return
    meta = _metadata(view)
    draft = _draft(_values(view))
    try:
        number = services.catalogue.edit_offer(meta.get("offer", ""), draft, author, seen=meta.get("seen") or None)
    except CatalogueError as exc:
        ack(response_action="errors", errors=_field_errors(exc, view))
        return
    text = f"*{draft.title.strip()}* er gemt som version {number} af kataloget. Svarene bruger den nye tekst med det samme."
    ack(response_action="update", view=form.outcome_modal("Gemt", text))


def save_new(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    services = context["services"]
    author = staff_author(services, client, body, "katalog: opret tilbud")
    if author is None:
        ack(response_action="errors", errors={form.TOP: REFUSAL})
        return
    values = _values(view)
    offer = NewOffer(
        draft=_draft(values), group=_choice(values, "group"), provider=_text(values, "provider"),
        source_document=_choice(values, "source.document"), source_section=_text(values, "source.section"),
    )
    try:
        offer_id = services.catalogue.add_offer(offer, author)
    except CatalogueError as exc:
        ack(response_action="errors", errors=_field_errors(exc, view))
        return
    text = f"*{offer.draft.title.strip()}* er oprettet (id `{offer_id}`) og indgår nu i svarene."
    ack(response_action="update", view=form.outcome_modal("Oprettet", text))


def _dates(count: int) -> str:
    return "1 dato" if count == 1 else f"{count} datoer"


def retire(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    services = context["services"]
    author = staff_author(services, client, body, "katalog: tag ud")
    if author is None:
        ack(response_action="update", view=form.outcome_modal("Ingen adgang", REFUSAL))
        return
    retirement = Retirement(services.catalogue, services.sessions)
    offer_id = _metadata(view).get("offer", "")
    values = _values(view)
    choice = _choice(values, form.SESSIONS)
    try:
        offer = retirement.offer(offer_id)
        upcoming = retirement.upcoming(offer_id)
    except CatalogueError as exc:
        ack(response_action="update", view=form.outcome_modal("Ikke taget ud", str(exc)))
        return
    if upcoming and choice not in (form.CANCEL, form.KEEP):
        if form.SESSIONS in values:
            ack(response_action="errors", errors={form.SESSIONS: "Vælg, hvad der skal ske med de kommende datoer."})
        else:
            ack(response_action="update", view=form.retire_modal(offer, upcoming))
        return
    done = retirement.retire(offer_id, author, cancel_sessions=choice == form.CANCEL)
    text = f"*{done.title}* er taget ud af kataloget (version {done.version})."
    if done.cancelled:
        text += f" {_dates(done.cancelled)} er aflyst, og {done.notified} tilmeldte og ventende har fået besked."
    if done.kept:
        text += f" {_dates(done.kept)} er beholdt og holdes som planlagt."
    ack(response_action="update", view=form.outcome_modal("Taget ud", text))


def register(app: App) -> None:
    app.view(form.EDIT_CALLBACK)(save_edit)
    app.view(form.NEW_CALLBACK)(save_new)
    app.view(form.RETIRE_CALLBACK)(retire)
