"""A domain Notice (bot.notify) as Block Kit: a header, the text, the facts as fields, buttons."""
from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.notify import Notice, NoticeButton, plain
from bot.slack.blocks.pages import MESSAGE_BLOCKS
from bot.slack.blocks.text import (
    BUTTON_TEXT,
    BUTTON_VALUE,
    FIELD_TEXT,
    FIELDS_PER_SECTION,
    HEADER_TEXT,
    MESSAGE_TEXT,
    clip,
    escape,
    split,
)

_BUTTONS_PER_BLOCK = 25


def button(spec: NoticeButton) -> ButtonElement:
    return ButtonElement(
        text=clip(spec.label, BUTTON_TEXT),
        action_id=spec.action_id,
        value=clip(spec.value, BUTTON_VALUE) if spec.value else None,
        url=spec.url,
        style="primary" if spec.primary else None,
    )


def _text(notice: Notice) -> str:
    """The people a notice names as Slack mentions, which Slack shows by their names."""
    return plain(notice.text, lambda person: f"<@{person.user_id}>")


def notice_fallback(notice: Notice) -> str:
    """The message's ``text``: shown in notifications and by clients that cannot draw blocks."""
    body = _text(notice) if notice.mrkdwn else escape(_text(notice))
    head = escape(notice.title) + "\n" if notice.title else ""
    return clip(head + body, MESSAGE_TEXT)


def notice_blocks(notice: Notice) -> list[Block]:
    blocks: list[Block] = []
    if notice.title:
        blocks.append(HeaderBlock(text=clip(notice.title, HEADER_TEXT)))
    for piece in split(_text(notice)):
        text = MarkdownTextObject(text=piece) if notice.mrkdwn else PlainTextObject(text=piece, emoji=True)
        blocks.append(SectionBlock(text=text))
    fields = [
        MarkdownTextObject(text=clip(f"*{escape(label)}*\n{escape(value)}", FIELD_TEXT)) for label, value in notice.facts
    ]
    for start in range(0, len(fields), FIELDS_PER_SECTION):
        blocks.append(SectionBlock(fields=fields[start : start + FIELDS_PER_SECTION]))
    for start in range(0, len(notice.buttons), _BUTTONS_PER_BLOCK):
        blocks.append(ActionsBlock(elements=[button(b) for b in notice.buttons[start : start + _BUTTONS_PER_BLOCK]]))
    return blocks[:MESSAGE_BLOCKS]
