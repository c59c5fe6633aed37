"""Læs mere and Flere i <gruppe>: modals, so they work the same from a DM, a channel thread, an
ephemeral answer and the Home tab, and put nothing in a channel. From inside a modal the next
one is pushed on top."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.catalogue.freshness import confirmed_lines
from bot.catalogue.schema import GroupId
from bot.slack.blocks.offers import DETAILS_ACTION, GROUP_ACTION, gone_modal, group_modal, offer_modal
from bot.slack.toolkit import open_view, services_of


def show_offer(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    services = services_of(context)
    snapshot = services.catalogue.snapshot
    offer = snapshot.catalogue.get(action.get("value", ""))
    if offer is None:
        open_view(client, body, gone_modal())
        return
    staff = services.staff.is_staff(context.user_id or "")
    confirmed = confirmed_lines(snapshot).get(offer.id)
    open_view(client, body, offer_modal(offer, snapshot.catalogue, confirmed=confirmed, staff=staff))


def show_group(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    catalogue = services_of(context).catalogue.current
    value = action.get("value", "")
    known = value in {g.id.value for g in catalogue.groups}
    open_view(client, body, group_modal(catalogue, GroupId(value)) if known else gone_modal())


def register(app: App) -> None:
    app.action(DETAILS_ACTION)(show_offer)
    app.action(GROUP_ACTION)(show_group)
