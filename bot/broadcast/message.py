"""The message a recipient gets: the staff member's text checked for what Slack would reject or
misuse, and turned into a Notice with the optional offer button and "Læst" button."""
from __future__ import annotations

import re

from bot.catalogue.model import Catalogue
from bot.notify import Notice, NoticeButton

MAX_TEXT = 3000
"""Slack shows at most 3,000 characters in one section block; longer text would be cut or refused."""

ACK_ACTION = "broadcast_ack"
APPROVE_ACTION = "broadcast_approve"
CANCEL_ACTION = "broadcast_cancel"
OFFER_ACTION = "offer_details"
"""The catalogue's own "Læs mere" action (bot.slack.blocks.offers.DETAILS_ACTION): the offer
button opens the same offer modal as an answer card does."""
TITLE = "Besked fra KL"
_MASS_MENTION = re.compile(r"<!(channel|here|everyone|subteam\^[^>]*)(\|[^>]*)?>", re.IGNORECASE)


def check_text(text: str) -> str:
    """The text to send, or a Danish message saying what to change (via ValueError)."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValueError("Skriv den besked, modtagerne skal have.")
    if len(cleaned) > MAX_TEXT:
        raise ValueError(
            f"Beskeden er på {_thousands(len(cleaned))} tegn; der er plads til {_thousands(MAX_TEXT)}. "
            "Forkort den, eller del den i to udsendelser."
        )
    mention = _MASS_MENTION.search(cleaned)
    if mention:
        raise ValueError(
            f"Beskeden indeholder {mention.group(0)}, som ville give alle en notifikation. "
            "Den sendes som privat besked til hver modtager, så fjern den og send igen."
        )
    return cleaned


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def delivery_key(broadcast_id: int, recipient_id: str) -> str:
    """What makes one delivery recognisable in Slack again after a crash."""
    return f"broadcast:{broadcast_id}:{recipient_id}"


def recipient_notice(broadcast_id: int, text: str, offer_id: str | None, ack: bool, catalogue: Catalogue) -> Notice:
    buttons: list[NoticeButton] = []
    offer = catalogue.get(offer_id) if offer_id else None
    if offer is not None:
        buttons.append(NoticeButton(label=f"Om {offer.title}"[:75], action_id=OFFER_ACTION, value=offer.id))
    if ack:
        buttons.append(NoticeButton(label="Læst", action_id=ACK_ACTION, value=str(broadcast_id), primary=True))
    return Notice(text=text, title=TITLE, buttons=tuple(buttons), mrkdwn=True)
