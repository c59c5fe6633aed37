"""Staff's catalogue buttons: Ret (opens the offer's form), Nyt tilbud, Tag ud af kataloget (asks
first) and Bekræft uændret (one click). Only staff, checked at each click; anyone else gets a
polite refusal in a modal and nothing opens."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.catalogue.loader import CatalogueError
from bot.catalogue.retirement import Retirement
from bot.members.staff import REFUSAL
from bot.slack.blocks import offer_form as form
from bot.slack.blocks.home import home_view
from bot.slack.blocks.offers import gone_modal
from bot.slack.catalogue_staff import staff_author


def _open(client: WebClient, body: dict[str, Any], view: View) -> None:
    if (body.get("view") or {}).get("type") == "modal":
        client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def _refused(client: WebClient, body: dict[str, Any]) -> None:
    _open(client, body, form.outcome_modal("Ingen adgang", REFUSAL))


def open_edit(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    services = context["services"]
    if not services.staff.check(body["user"]["id"], "katalog: åbn Ret"):
        _refused(client, body)
        return
    store = services.catalogue
    offer = store.current.get(action.get("value", ""))
    _open(client, body, form.edit_modal(offer, store.fingerprint(offer.id)) if offer else gone_modal())


def open_new(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    services = context["services"]
    if not services.staff.check(body["user"]["id"], "katalog: åbn Nyt tilbud"):
        _refused(client, body)
        return
    _open(client, body, form.new_modal(services.catalogue.current))


def open_retire(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    services = context["services"]
    if not services.staff.check(body["user"]["id"], "katalog: åbn Tag ud"):
        _refused(client, body)
        return
    retirement = Retirement(services.catalogue, services.sessions)
    offer_id = action.get("value", "")
    offer = services.catalogue.current.get(offer_id)
    _open(client, body, form.retire_modal(offer, retirement.upcoming(offer_id)) if offer else gone_modal())


def confirm(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """One click: the offer is still right. From the Home tab the tab is redrawn with the new
    date; elsewhere a small modal says so."""
    ack()
    services = context["services"]
    author = staff_author(services, client, body, "katalog: bekræft")
    if author is None:
        _refused(client, body)
        return
    try:
        services.catalogue.confirm(action.get("value", ""), author)
    except CatalogueError as exc:
        _open(client, body, form.outcome_modal("Ikke bekræftet", str(exc)))
        return
    if (body.get("view") or {}).get("type") == "home":
        client.views_publish(user_id=author.id, view=home_view(services, author.id))
        return
    title = services.catalogue.current.get(action["value"]).title  # type: ignore[union-attr]
    _open(client, body, form.outcome_modal("Bekræftet", f"{title} er bekræftet uændret i dag."))


def register(app: App) -> None:
    app.action(form.EDIT_ACTION)(open_edit)
    app.action(form.NEW_ACTION)(open_new)
    app.action(form.RETIRE_ACTION)(open_retire)
    app.action(form.CONFIRM_ACTION)(confirm)
