"""The /udsend compose form as Slack submits it (view.state.values), for the broadcast tests."""
from __future__ import annotations

from typing import Any

from bot.slack.blocks import broadcast as form


def _select(value: str) -> dict[str, Any]:
    return {form.VALUE: {"type": "static_select", "selected_option": {"value": value, "text": {"type": "plain_text", "text": value}}}}


def _text(value: str) -> dict[str, Any]:
    return {form.VALUE: {"type": "plain_text_input", "value": value}}


def compose_values(
    audience: str = "all_mayors", text: str = "Husk borgmestersamlingen", *, network: int | None = None,
    target: str | None = None, municipalities: str | None = None, button_offer: str | None = None,
    send_date: str | None = None, send_time: str | None = None, ack: bool = False,
) -> dict[str, dict[str, Any]]:
    values = {form.AUDIENCE: _select(audience), form.TEXT: _text(text)}
    values[form.WHEN] = {form.VALUE: {"type": "radio_buttons", "selected_option": {"value": form.LATER if send_date or send_time else form.NOW}}}
    values[form.SEND_DATE] = {form.VALUE: {"type": "datepicker", "selected_date": send_date}}
    values[form.SEND_TIME] = {form.VALUE: {"type": "timepicker", "selected_time": send_time}}
    values[form.ACK] = {form.VALUE: {"type": "checkboxes", "selected_options": [{"value": "yes"}] if ack else []}}
    values[form.MUNICIPALITIES] = _text(municipalities or "")
    for block, value in ((form.NETWORK, str(network) if network else None), (form.TARGET, target), (form.BUTTON_OFFER, button_offer)):
        values[block] = _select(value) if value else {form.VALUE: {"type": "static_select", "selected_option": None}}
    return values
