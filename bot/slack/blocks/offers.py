"""An offer as Block Kit: the card in an answer, the full text in a "Læs mere" modal, and the
modal listing a group's offers ("Flere i <gruppe>"). Both show when KL last confirmed the
offer; staff also get Ret and Bekræft uændret on them."""
from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.catalogue.model import Catalogue
from bot.catalogue.schema import EnrolmentKind, GroupId, Offer
from bot.slack.blocks.layout import modal, section
from bot.slack.blocks.offer_form import freshness_context, staff_buttons
from bot.slack.blocks.praktik import PRAKTIK_OFFER, join_button
from bot.slack.blocks.text import (
    BUTTON_TEXT,
    CONTEXT_TEXT,
    FIELD_TEXT,
    HEADER_TEXT,
    SECTION_TEXT,
    clip,
    escape,
    split,
)

ENROL_ACTION = "enrol_start"
DETAILS_ACTION = "offer_details"
GROUP_ACTION = "group_offers"
UNKNOWN = "Ikke oplyst i kataloget"


def _field(label: str, value: str | None) -> MarkdownTextObject:
    return MarkdownTextObject(text=clip(f"*{label}*\n{escape(value or UNKNOWN)}", FIELD_TEXT))


def source_line(offer: Offer, catalogue: Catalogue) -> str:
    return clip(f"Kilde: {escape(catalogue.source_title(offer))}, afsnittet »{escape(offer.source.section)}«", CONTEXT_TEXT)


def details_button(offer: Offer) -> ButtonElement:
    return ButtonElement(text="Læs mere", action_id=DETAILS_ACTION, value=offer.id)


def offer_card(offer: Offer, catalogue: Catalogue, *, confirmed: str | None = None, staff: bool = False) -> list[Block]:
    """Title, provider, summary, when, fee, source and 'Sidst bekræftet', with Tilmeld (when one
    can enrol), Læs mere and Flere i <gruppe>; for staff also Ret and Bekræft uændret."""
    buttons = []
    if offer.enrolment.kind is not EnrolmentKind.NONE:
        buttons.append(ButtonElement(text="Tilmeld", action_id=ENROL_ACTION, value=offer.id, style="primary"))
    if offer.id == PRAKTIK_OFFER:
        buttons.append(join_button())
    buttons.append(details_button(offer))
    group = catalogue.group(offer.group)
    buttons.append(ButtonElement(text=clip(f"Flere i {group.title}", BUTTON_TEXT), action_id=GROUP_ACTION, value=group.id.value))
    summary = f"*{escape(offer.title)}*\n_{escape(offer.provider)}_ · {escape(offer.summary)}"
    return [
        SectionBlock(block_id=f"offer:{offer.id}", text=MarkdownTextObject(text=clip(summary, SECTION_TEXT))),
        SectionBlock(fields=[_field("Hvornår", offer.frequency), _field("Pris", offer.fee)]),
        ContextBlock(elements=[MarkdownTextObject(text=source_line(offer, catalogue))]),
        *freshness_context(confirmed),
        ActionsBlock(block_id=f"offer-actions:{offer.id}", elements=buttons),
        *([staff_buttons(offer)] if staff else []),
    ]


def offer_line(offer: Offer) -> SectionBlock:
    """One offer in a list: title, provider and summary, with Læs mere beside it."""
    text = f"*{escape(offer.title)}* – {escape(offer.provider)}\n{escape(offer.summary)}"
    return SectionBlock(block_id=f"offer-line:{offer.id}", text=MarkdownTextObject(text=clip(text, SECTION_TEXT)), accessory=details_button(offer))


def offer_modal(offer: Offer, catalogue: Catalogue, *, confirmed: str | None = None, staff: bool = False) -> View:
    blocks: list[Block] = [HeaderBlock(text=clip(offer.title, HEADER_TEXT))]
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(f"Udbydes af {escape(offer.provider)}", CONTEXT_TEXT))]))
    blocks += [section(piece) for piece in split(offer.description, SECTION_TEXT - 500)]
    blocks.append(SectionBlock(fields=[
        _field("For hvem", offer.audience), _field("Hvornår", offer.frequency),
        _field("Pris", offer.fee), _field("Sådan deltager du", offer.enrolment.how),
    ]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=source_line(offer, catalogue))]))
    blocks += freshness_context(confirmed)
    if offer.enrolment.kind is not EnrolmentKind.NONE:
        blocks.append(ActionsBlock(elements=[ButtonElement(text="Tilmeld", action_id=ENROL_ACTION, value=offer.id, style="primary")]))
    if staff:
        blocks.append(staff_buttons(offer))
    return modal("Læs mere", blocks, callback_id="offer_details")


def group_modal(catalogue: Catalogue, group_id: GroupId | str) -> View:
    group = catalogue.group(group_id)
    blocks: list[Block] = [HeaderBlock(text=clip(group.title, HEADER_TEXT))]
    blocks += [section(piece) for piece in split(group.intro, SECTION_TEXT - 500)]
    blocks.append(DividerBlock())
    blocks += [offer_line(offer) for offer in catalogue.in_group(group.id)]
    return modal(group.title, blocks, callback_id="group_offers")


def gone_modal() -> View:
    """For a button whose offer or group has left the catalogue since the message was sent."""
    text = "Det tilbud findes ikke længere i kataloget. Skriv /tilbud for at se de aktuelle tilbud."
    return modal("Ikke fundet", [section(text, markup=True)], callback_id="offer_gone")
