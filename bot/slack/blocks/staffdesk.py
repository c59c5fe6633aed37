"""A work item as staff see it in the staff channel (or their DM): what it is, who it is from,
its state (who took it, the answer sent, the closing note) and the buttons for the next step;
and the Svar and Afslut modals."""
from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
)
from slack_sdk.models.views import View

from bot.clock import moment_text
from bot.members.approval import APPROVE_ACTION, APPROVED_NOTE, REJECT_ACTION, REJECTED_NOTE
from bot.slack.blocks.layout import modal, section
from bot.slack.blocks.text import escape
from bot.staffdesk import ItemView
from bot.storage.models.staff import ItemKind, ItemState

TAKE_ACTION = "desk_take"
ANSWER_ACTION = "desk_answer"
CLOSE_ACTION = "desk_close"
ANSWER_VIEW = "desk_answer_submit"
CLOSE_VIEW = "desk_close_submit"
ANSWER_BLOCK = "answer"
NOTE_BLOCK = "note"

KIND_NAMES = {
    ItemKind.REQUEST: "Ny anmodning",
    ItemKind.QUESTION: "Spørgsmål uden godt svar",
    ItemKind.PERSON: "Venter på godkendelse",
    ItemKind.DELIVERY: "Besked kunne ikke leveres",
}


def _state_line(item: ItemView) -> str:
    if item.state is ItemState.WITHDRAWN:
        return f":leftwards_arrow_with_hook: Trukket tilbage af {escape(item.closed_by or 'spørgeren')} {moment_text(item.closed_at or item.created_at)}"
    if item.state is ItemState.CLOSED and item.kind is ItemKind.PERSON and item.note in (APPROVED_NOTE, REJECTED_NOTE):
        return (
            f":white_check_mark: {item.note} af {escape(item.closed_by or 'KL')} {moment_text(item.closed_at or item.created_at)}. "
            "Personen har fået besked."
        )
    if item.state is ItemState.CLOSED:
        note = f": {escape(item.note)}" if item.note else ""
        return f":white_check_mark: Afsluttet af {escape(item.closed_by or 'KL')} {moment_text(item.closed_at or item.created_at)}{note}"
    if item.state is ItemState.TAKEN:
        return f":hourglass_flowing_sand: Under behandling af {escape(item.assignee_name or 'KL')}"
    return ":inbox_tray: Ingen har taget den endnu"


def _consent_line(item: ItemView) -> str | None:
    if item.kind is not ItemKind.QUESTION:
        return None
    if item.asker_id:
        return "Spørgeren har givet lov til, at KL ser, hvem det er, og kan få et svar."
    return "Spørgeren har ikke givet lov til, at KL ser, hvem det er (endnu), så der kan ikke svares."


def item_fallback(item: ItemView) -> str:
    return f"{KIND_NAMES[item.kind]}: {item.title}"


def item_blocks(item: ItemView) -> list[Block]:
    text = f"*{KIND_NAMES[item.kind]}: {escape(item.title)}*"
    if item.details:
        text += "\n" + escape(item.details)
    blocks: list[Block] = [section(text, markup=True)]
    if item.answer:
        answered = f"*Svar fra {escape(item.answered_by or 'KL')}* ({moment_text(item.answered_at or item.created_at)}):\n{escape(item.answer)}"
        blocks.append(section(answered, markup=True))
    lines = [f"Modtaget {moment_text(item.created_at)}", _state_line(item)]
    consent = _consent_line(item)
    if consent:
        lines.insert(1, consent)
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=line) for line in lines]))
    if item.state in (ItemState.CLOSED, ItemState.WITHDRAWN):
        return blocks
    buttons = []
    if item.state is ItemState.OPEN:
        buttons.append(ButtonElement(text="Tag den", action_id=TAKE_ACTION, value=str(item.id), style="primary"))
    if item.kind is ItemKind.PERSON and item.asker_id:
        # The decision closes the item: there is nothing to answer or close without one.
        buttons.append(ButtonElement(text="Godkend", action_id=APPROVE_ACTION, value=item.asker_id, style="primary"))
        buttons.append(ButtonElement(text="Afvis", action_id=REJECT_ACTION, value=item.asker_id))
        blocks.append(ActionsBlock(block_id=f"item-actions-{item.id}", elements=buttons))
        return blocks
    if item.answerable:
        buttons.append(ButtonElement(text="Svar", action_id=ANSWER_ACTION, value=str(item.id)))
    buttons.append(ButtonElement(text="Afslut", action_id=CLOSE_ACTION, value=str(item.id)))
    blocks.append(ActionsBlock(block_id=f"item-actions-{item.id}", elements=buttons))
    return blocks


def _modal(callback_id: str, title: str, submit: str, item: ItemView, where: tuple[str | None, str | None], blocks: list[Block]) -> View:
    """The item and the message its button sat in travel in private_metadata to the submit."""
    channel, ts = where
    return modal(title, blocks, callback_id=callback_id, submit=submit, metadata={"item": item.id, "channel": channel, "ts": ts})


def answer_modal(item: ItemView, where: tuple[str | None, str | None]) -> View:
    intro = f"*{escape(item.title)}*\nSvaret sendes til spørgeren som en besked fra Borgmesterbot, underskrevet med dit navn."
    return _modal(ANSWER_VIEW, "Svar", "Send svar", item, where, [
        section(intro, markup=True),
        InputBlock(block_id=ANSWER_BLOCK, label="Dit svar", element=PlainTextInputElement(action_id="text", multiline=True, max_length=3000)),
    ])


def close_modal(item: ItemView, where: tuple[str | None, str | None]) -> View:
    return _modal(CLOSE_VIEW, "Afslut sagen", "Afslut", item, where, [
        section(f"*{escape(item.title)}*", markup=True),
        InputBlock(
            block_id=NOTE_BLOCK, label="Note (valgfri)", optional=True,
            element=PlainTextInputElement(action_id="text", multiline=True, max_length=1000),
        ),
    ])
