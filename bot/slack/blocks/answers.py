"""An answer from the core as a Slack message: the reply text, a card per offer, and
"Hjalp det?" 👍/👎. Abstentions say so, give KL's contact and ask whether KL may see who asked.

In a channel (``private=False``) the hotline details are left out of the message: they are sent
to the asker privately instead.
"""
from __future__ import annotations

import json
from collections.abc import Mapping

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
)

from bot.answers import Answer
from bot.answers.choice import CLARIFY_AT_MOST
from bot.answers.hotline import HotlineDetails, hotline_text
from bot.catalogue.model import Catalogue
from bot.slack.blocks.layout import section
from bot.slack.blocks.offers import offer_card
from bot.slack.blocks.text import (
    BUTTON_TEXT,
    BUTTON_VALUE,
    CONTEXT_TEXT,
    MESSAGE_TEXT,
    SECTION_TEXT,
    clip,
    escape,
    split,
)

HELPFUL_ACTION = "feedback_helpful"
UNHELPFUL_ACTION = "feedback_unhelpful"
CONSENT_ACTION = "feedback_consent"
# One action id per place in a "Mente du …?" row (Slack wants them unique within a block).
CLARIFY_ACTIONS = tuple(f"clarify_pick_{n}" for n in range(1, CLARIFY_AT_MOST + 1))
_QUESTION_IN_VALUE = 900
SENT_PRIVATELY = {
    "da": "Oplysningerne om KL's hotline og nødnumrene har jeg sendt til dig i en privat besked.",
    "en": "I have sent you KL's hotline details and the emergency numbers in a private message.",
}


def reply_text(answer: Answer, hotline: HotlineDetails, private: bool) -> str:
    """The core's reply; in public, with the hotline part swapped for a pointer to the DM."""
    if private or not answer.about_threats:
        return answer.text
    language = "en" if answer.language == "en" else "da"
    public = answer.text.replace(hotline_text(hotline, language), "").strip()
    return f"{public}\n{SENT_PRIVATELY[language]}"


def feedback_value(answer: Answer) -> str:
    """What a 👎 must store, carried in the button (Slack gives it back on the click)."""
    question = " ".join(answer.question.split())
    limit = _QUESTION_IN_VALUE
    while True:
        value = json.dumps({"q": question[:limit], "o": [o.id for o in answer.offers]}, ensure_ascii=False)
        if len(value) <= BUTTON_VALUE:
            return value
        limit //= 2


def parse_feedback_value(value: str) -> tuple[str, list[str]]:
    data = json.loads(value)
    return str(data.get("q", "")), [str(o) for o in data.get("o", [])]


def feedback_block(answer: Answer) -> list[Block]:
    value = feedback_value(answer)
    return [
        ContextBlock(elements=[MarkdownTextObject(text="*Hjalp det?*")]),
        ActionsBlock(block_id="feedback", elements=[
            ButtonElement(text="👍 Ja", action_id=HELPFUL_ACTION, value=value),
            ButtonElement(text="👎 Nej", action_id=UNHELPFUL_ACTION, value=value),
        ]),
    ]


CONSENT_FALLBACK = "Dit spørgsmål er gemt uden dit navn, så KL kan forbedre kataloget."


def consent_blocks(question: str, entry_id: int) -> list[Block]:
    """Shown after storing a question without a name: the asker may add theirs."""
    echoed = clip(escape(" ".join(question.split())), CONTEXT_TEXT - 100)
    return [
        ContextBlock(elements=[MarkdownTextObject(
            text=f"Dit spørgsmål »{echoed}« er gemt uden dit navn, så KL kan forbedre kataloget."
        )]),
        ActionsBlock(block_id="consent", elements=[
            ButtonElement(text="KL må gerne se, at det var mig", action_id=CONSENT_ACTION, value=str(entry_id)),
        ]),
    ]


def answer_blocks(
    answer: Answer,
    catalogue: Catalogue,
    hotline: HotlineDetails,
    *,
    private: bool,
    logged_id: int | None = None,
    confirmed: Mapping[str, str] | None = None,
    staff: bool = False,
) -> list[Block]:
    """``confirmed`` holds each offer's 'Sidst bekræftet' line; ``staff`` adds Ret and Bekræft
    uændret to the cards (only in a private answer to a staff member)."""
    blocks: list[Block] = [
        section(piece)
        for piece in split(reply_text(answer, hotline, private), SECTION_TEXT - 500)
    ]
    if answer.abstained:
        # The consent button only where the asker alone sees it (their DM): in a channel anyone
        # could press it and put their name on someone else's question.
        return blocks + (consent_blocks(answer.question, logged_id) if logged_id is not None and private else [])
    if answer.clarify:
        return blocks + [clarify_block(answer)]
    for offer in answer.offers:
        blocks += offer_card(offer, catalogue, confirmed=(confirmed or {}).get(offer.id), staff=staff)
    return blocks + rest_of_list(answer) + feedback_block(answer)


def rest_of_list(answer: Answer) -> list[Block]:
    """A list longer than its cards says so, and where the others are."""
    if answer.listed <= len(answer.offers):
        return []
    text = (
        f"Her er {len(answer.offers)} af de {answer.listed} tilbud på listen ovenfor. "
        "Tryk »Flere i …« på et af dem for at se hele gruppen, eller se hele kataloget under fanen Hjem."
    )
    return [ContextBlock(elements=[MarkdownTextObject(text=text)])]


def clarify_block(answer: Answer) -> ActionsBlock:
    """"Mente du …?": one button per likely offer; a click answers the question about it."""
    buttons = [
        ButtonElement(
            text=clip(offer.title, BUTTON_TEXT), action_id=action_id,
            value=json.dumps({"o": offer.id, "i": str(answer.intent), "l": answer.language}),
        )
        for action_id, offer in zip(CLARIFY_ACTIONS, answer.offers)
    ]
    return ActionsBlock(block_id="clarify", elements=buttons)


def parse_clarify_value(value: str) -> tuple[str, str, str]:
    """(offer id, intent, language) from a "Mente du …?" button."""
    data = json.loads(value)
    return str(data.get("o", "")), str(data.get("i", "what")), str(data.get("l", "da"))


def answer_fallback(answer: Answer, hotline: HotlineDetails, private: bool) -> str:
    return clip(escape(reply_text(answer, hotline, private)), MESSAGE_TEXT)


def query_context(words: str) -> ContextBlock:
    """What was searched for, echoed (escaped) above an ephemeral answer."""
    echoed = clip(escape(" ".join(words.split())), CONTEXT_TEXT - 20)
    return ContextBlock(elements=[MarkdownTextObject(text=f"Du søgte på »{echoed}«")])
