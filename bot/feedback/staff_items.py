"""A question the bot could not answer well, as a work item for KL's staff: the question, why it
is there (no answer, or 👎 on the answer given) and which offers the answer showed. Who asked is
added only when they agree (FeedbackLog.consent)."""
from __future__ import annotations

from bot.staffdesk import ItemDraft
from bot.storage.models.staff import ItemKind

REASON_LINES = {
    "abstained": "Botten kunne ikke svare.",
    "unhelpful": "Svaret fik 👎 (ikke nyttigt).",
}
TITLE_LENGTH = 200


def question_item(entry_id: int, question: str, reason: str, offers: tuple[str, ...]) -> ItemDraft:
    lines = [REASON_LINES.get(reason, reason)]
    if offers:
        lines.append(f"Svaret viste: {', '.join(offers)}")
    short = question if len(question) <= TITLE_LENGTH else question[: TITLE_LENGTH - 1] + "…"
    return ItemDraft(
        kind=ItemKind.QUESTION,
        title=f"»{short}«",
        topic=f"dit spørgsmål »{short}«",
        details="\n".join(lines),
        ref_id=entry_id,
    )
