"""Staff's catalogue buttons: Ret (opens the offer's form), Nyt tilbud, Tag ud af kataloget (asks
first) and Bekræft uændret (one click). Only staff: each carries the staff guard, which answers
anyone else with the polite refusal in a modal."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.catalogue.retirement import Retirement
from bot.slack.blocks import offer_form as form
from bot.slack.blocks.home import home_view
from bot.slack.blocks.layout import message_modal
from bot.slack.blocks.offers import gone_modal
from bot.slack.catalogue_staff import author_of
from bot.slack.staff import StaffOnly
from bot.slack.toolkit import open_view, services_of


def open_edit(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    store = services_of(context).catalogue
    offer = store.current.get(action.get("value", ""))
    open_view(client, body, form.edit_modal(offer, store.fingerprint(offer.id)) if offer else gone_modal())


def open_new(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    open_view(client, body, form.new_modal(services_of(context).catalogue.current))


def open_retire(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    offer_id = action.get("value", "")
    offer = services.catalogue.current.get(offer_id)
    upcoming = Retirement(services.catalogue, services.sessions).upcoming(offer_id)
    open_view(client, body, form.retire_modal(offer, upcoming) if offer else gone_modal())


def confirm(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """One click: the offer is still right. From the Home tab the tab is redrawn with the new
    date; elsewhere a small modal says so."""
    ack()
    services = services_of(context)
    author = author_of(services, client, context.user_id or "")
    offer_id = action.get("value", "")
    services.catalogue.confirm(offer_id, author)
    if (body.get("view") or {}).get("type") == "home":
        client.views_publish(user_id=author.id, view=home_view(services, author.id))
        return
    title = services.catalogue.current.known(offer_id).title  # type: ignore[union-attr]
    open_view(client, body, message_modal("Bekræftet", f"{title} er bekræftet uændret i dag."))


def register(app: App) -> None:
    app.action(form.EDIT_ACTION, middleware=[StaffOnly("katalog: åbn Ret", in_modal=True)])(open_edit)
    app.action(form.NEW_ACTION, middleware=[StaffOnly("katalog: åbn Nyt tilbud", in_modal=True)])(open_new)
    app.action(form.RETIRE_ACTION, middleware=[StaffOnly("katalog: åbn Tag ud", in_modal=True)])(open_retire)
    app.action(form.CONFIRM_ACTION, middleware=[StaffOnly("katalog: bekræft", in_modal=True)])(confirm)
