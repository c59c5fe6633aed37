"""The whole catalogue, group by group (the three main elements and KL's own): /tilbud without
words and the Home tab show it. Paginate the result; it is longer than one message allows.
Staff see it on the Home tab as their worklist: each offer with when and by whom it was last
confirmed (flagged when it is overdue), Ret and Bekræft uændret, and Nyt tilbud at the top."""
from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.catalogue.freshness import stale_offers
from bot.catalogue.model import Catalogue
from bot.catalogue.store import Snapshot
from bot.clock import date_text
from bot.danish import count
from bot.slack.blocks.offer_form import NEW_ACTION, staff_buttons
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
    return f"Katalogets {len(catalogue.offers)} tilbud til borgmestre, fordelt på {count(len(catalogue.groups), 'gruppe', 'grupper')}."


def staff_catalogue_blocks(snapshot: Snapshot, now: datetime, months: int) -> list[Block]:
    catalogue = snapshot.catalogue
    overdue = {s.offer.id for s in stale_offers(snapshot, now, months)}
    many = len(overdue)
    status = f"Version {snapshot.version} er i brug. " + (
        f"{many} tilbud er ikke bekræftet i over {count(months, 'måned', 'måneder')}." if many
        else f"Alle tilbud er bekræftet inden for {count(months, 'måned', 'måneder')}."
    )
    blocks: list[Block] = [
        ContextBlock(elements=[MarkdownTextObject(text=status)]),
        ActionsBlock(block_id="catalogue-new", elements=[ButtonElement(text="Nyt tilbud", action_id=NEW_ACTION, style="primary")]),
    ]
    for group in catalogue.groups:
        offers = catalogue.in_group(group.id)
        if not offers:
            continue
        blocks += [DividerBlock(), HeaderBlock(text=clip(f"{group.title} ({len(offers)})", HEADER_TEXT))]
        for offer in offers:
            confirmation = snapshot.confirmations.get(offer.id)
            when = f"Sidst bekræftet {date_text(confirmation.at)} af {escape(confirmation.by_name)}" if confirmation else "Ikke bekræftet"
            flag = " · :warning: skal bekræftes" if offer.id in overdue else ""
            text = f"*{escape(offer.title)}*\n{when}{flag}"
            blocks += [SectionBlock(block_id=f"offer-line:{offer.id}", text=MarkdownTextObject(text=clip(text, CONTEXT_TEXT))), staff_buttons(offer)]
    return blocks
