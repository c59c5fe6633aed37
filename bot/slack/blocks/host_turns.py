"""The host's modal: date and time (within the period the turn is for), place, agenda, and the
box that confirms a weekend or a public holiday."""
from __future__ import annotations

from slack_sdk.models.blocks import ContextBlock, DatePickerElement, InputBlock, MarkdownTextObject, PlainTextInputElement, TimePickerElement
from slack_sdk.models.views import View

from bot.reminders.meetings import MAX_AGENDA, MAX_PLACE
from bot.reminders.rhythm import TurnView
from bot.slack.blocks.layout import modal, section
from bot.slack.blocks.reminders import AGENDA, DATE, PLACE, TIME, VALUE, day_off_box

HOST_TURN_CALLBACK = "host_turn_choose"
FIELD_BLOCKS = {"starts_at": DATE, "place": PLACE, "agenda": AGENDA}


def host_turn_modal(turn: TurnView) -> View:
    """Slack's date picker cannot be limited, so the period is in the label and the domain
    refuses a date outside it under the field."""
    first = f"{turn.period.start:%Y-%m-%d}"
    return modal("Vælg dato for mødet", [
        section(f"Du er vært for {turn.network_name}s møde i {turn.period.name}."),
        ContextBlock(elements=[MarkdownTextObject(text="Alle i netværket får invitationen med en kalenderfil, når du gemmer.")]),
        InputBlock(block_id=DATE, label=f"Dato ({turn.period.span_text})", element=DatePickerElement(action_id=VALUE, initial_date=first)),
        InputBlock(block_id=TIME, label="Klokken (dansk tid)", element=TimePickerElement(action_id=VALUE, initial_time="10:00")),
        InputBlock(block_id=PLACE, label="Sted", element=PlainTextInputElement(action_id=VALUE, max_length=MAX_PLACE, placeholder="fx Vejle Rådhus")),
        InputBlock(block_id=AGENDA, label="Dagsorden", optional=True, element=PlainTextInputElement(action_id=VALUE, multiline=True, max_length=MAX_AGENDA)),
        day_off_box(),
    ], callback_id=HOST_TURN_CALLBACK, submit="Send invitation", metadata=str(turn.id))
