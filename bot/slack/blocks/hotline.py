"""The hotline details and the emergency numbers. Only ever sent privately (ephemeral or DM)."""
from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.answers.hotline import HotlineDetails, contact_line, hotline_text
from bot.slack.blocks.layout import section
from bot.slack.blocks.text import FIELD_TEXT, MESSAGE_TEXT, clip, escape


def hotline_blocks(details: HotlineDetails) -> list[Block]:
    number = escape(details.phone) if details.phone else f"Ikke offentliggjort endnu – kontakt {escape(contact_line(details.contact))}"
    return [
        HeaderBlock(text="Hotline: chikane, trusler, hærværk og vold"),
        section(f"*{escape(details.name)}*\n{escape(details.description)}", markup=True),
        SectionBlock(fields=[
            MarkdownTextObject(text=clip(f"*Hotlinens nummer*\n{number}", FIELD_TEXT)),
            MarkdownTextObject(text=f"*Akut fare*\nRing {escape(details.emergency)}"),
            MarkdownTextObject(text=f"*Politiets servicenummer*\n{escape(details.police)}"),
        ]),
        ContextBlock(elements=[MarkdownTextObject(text="Kun du kan se denne besked.")]),
    ]


def hotline_fallback(details: HotlineDetails) -> str:
    return clip(escape(hotline_text(details)), MESSAGE_TEXT)
