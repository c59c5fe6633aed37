"""The whole catalogue, group by group (the three main elements and KL's own): /tilbud without
words and the Home tab show it. Paginate the result; it is longer than one message allows."""
from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject

from bot.catalogue.model import Catalogue
from bot.slack.blocks.offers import offer_line
from bot.slack.blocks.text import CONTEXT_TEXT, HEADER_TEXT, clip, escape

_INTRO_SHOWN = 280


def catalogue_blocks(catalogue: Catalogue) -> list[Block]:
    blocks: list[Block] = []
    for group in catalogue.groups:
        offers = catalogue.in_group(group.id)
        if not offers:
            continue
        if blocks:
            blocks.append(DividerBlock())
        blocks.append(HeaderBlock(text=clip(f"{group.title} ({len(offers)})", HEADER_TEXT)))
        intro = " ".join(group.intro.split())
        if intro:
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=clip(escape(clip(intro, _INTRO_SHOWN)), CONTEXT_TEXT))]))
        blocks += [offer_line(offer) for offer in offers]
    return blocks


def catalogue_fallback(catalogue: Catalogue) -> str:
    return f"Katalogets {len(catalogue.offers)} tilbud til borgmestre, fordelt på {len(catalogue.groups)} grupper."
