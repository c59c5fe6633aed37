"""Staff's catalogue forms submitted: Ret, Nyt tilbud and Tag ud af kataloget. The staff guard
checks again at each submit (a crafted submit from anyone else is refused and changes nothing).
The catalogue's own schema judges the fields; its Danish message (a UserError) is shown under
the input of the field it concerns by the error handler, with nothing stored."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.catalogue.edits import NewOffer, OfferDraft, parse_keywords
from bot.catalogue.retirement import Retirement
from bot.danish import count
from bot.errors import UserError
from bot.slack.blocks import offer_form as form
from bot.slack.blocks.layout import message_modal
from bot.slack.catalogue_staff import author_of
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import ModalState, services_of


def _draft(state: ModalState) -> OfferDraft:
    return OfferDraft(
        title=state.text("title") or "", summary=state.text("summary") or "", description=state.text("description") or "",
        audience=state.text("audience") or "", frequency=state.text("frequency"), fee=state.text("fee"),
        enrolment_kind=state.choice("enrolment.kind") or "", enrolment_how=state.text("enrolment.how") or "",
        keywords=parse_keywords(state.text("keywords")),
    )


def save_edit(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    services = services_of(context)
    state = ModalState(view)
    meta = state.json_metadata()
    draft = _draft(state)
    author = author_of(services, client, context.user_id or "")
    number = services.catalogue.edit_offer(str(meta.get("offer", "")), draft, author, seen=meta.get("seen") or None)
    text = f"*{draft.title.strip()}* er gemt som version {number} af kataloget. Svarene bruger den nye tekst med det samme."
    ack(response_action="update", view=message_modal("Gemt", text))


def save_new(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    services = services_of(context)
    state = ModalState(view)
    offer = NewOffer(
        draft=_draft(state), group=state.choice("group") or "", provider=state.text("provider") or "",
        source_document=state.choice("source.document") or "", source_section=state.text("source.section") or "",
    )
    offer_id = services.catalogue.add_offer(offer, author_of(services, client, context.user_id or ""))
    text = f"*{offer.draft.title.strip()}* er oprettet (id `{offer_id}`) og indgår nu i svarene."
    ack(response_action="update", view=message_modal("Oprettet", text))


def _dates(number: int) -> str:
    return count(number, "dato", "datoer")


def retire(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """With dates still to come, staff must say what happens to them; a date added since the
    form opened shows the form again with the question."""
    services = services_of(context)
    retirement = Retirement(services.catalogue, services.sessions)
    state = ModalState(view)
    offer_id = str(state.json_metadata().get("offer", ""))
    offer = retirement.offer(offer_id)
    upcoming = retirement.upcoming(offer_id)
    choice = state.choice(form.SESSIONS)
    if upcoming and choice not in (form.CANCEL, form.KEEP):
        if form.SESSIONS in state.blocks:
            raise UserError("Vælg, hvad der skal ske med de kommende datoer.", form.SESSIONS)
        ack(response_action="update", view=form.retire_modal(offer, upcoming))
        return
    done = retirement.retire(offer_id, author_of(services, client, context.user_id or ""), cancel_sessions=choice == form.CANCEL)
    text = f"*{done.title}* er taget ud af kataloget (version {done.version})."
    if done.cancelled:
        text += f" {_dates(done.cancelled)} er aflyst, og {count(done.notified, 'tilmeldt eller ventende', 'tilmeldte og ventende')} har fået besked."
    if done.kept:
        text += f" {_dates(done.kept)} er beholdt og holdes som planlagt."
    ack(response_action="update", view=message_modal("Taget ud", text))


def register(app: App) -> None:
    app.view(form.EDIT_CALLBACK, middleware=[StaffOnly("katalog: gem Ret", block=form.TOP)])(save_edit)
    app.view(form.NEW_CALLBACK, middleware=[StaffOnly("katalog: opret tilbud", block=form.TOP)])(save_new)
    app.view(form.RETIRE_CALLBACK, middleware=[StaffOnly("katalog: tag ud")])(retire)
