"""The two shapes most Block Kit here is made of: a section of text and a modal, each within
Slack's limits (text length, title length, block count), so no builder repeats them."""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.slack.blocks.pages import VIEW_BLOCKS
from bot.slack.blocks.text import MODAL_TITLE, SECTION_TEXT, clip, escape


def section(text: str, *, markup: bool = False) -> SectionBlock:
    """A section of mrkdwn within Slack's length limit. Plain ``text`` (anything that may echo what
    someone typed) is escaped, so ``<!channel>`` stays text; ``markup=True`` keeps Slack
    formatting the caller built (and escaped) itself."""
    return SectionBlock(text=MarkdownTextObject(text=clip(text if markup else escape(text), SECTION_TEXT)))


def modal(
    title: str,
    blocks: Sequence[Block],
    *,
    callback_id: str | None = None,
    submit: str | None = None,
    close: str | None = None,
    metadata: str | Mapping[str, object] | None = None,
    notify_on_close: bool = False,
) -> View:
    """A modal within Slack's limits (title length, block count). Without a submit button its one
    button says Luk, with one it says Annullér; ``metadata`` (a string, or a mapping kept as JSON)
    comes back in ``view.private_metadata`` on submit."""
    private = json.dumps(dict(metadata)) if isinstance(metadata, Mapping) else metadata
    return View(
        type="modal",
        callback_id=callback_id,
        title=clip(title, MODAL_TITLE),
        submit=submit,
        close=close or ("Annullér" if submit else "Luk"),
        blocks=list(blocks)[:VIEW_BLOCKS],
        private_metadata=private,
        notify_on_close=notify_on_close or None,
    )


def message_modal(title: str, text: str) -> View:
    """A plain answer in a modal: an outcome, or a refusal with what to do next."""
    return modal(title, [section(text)])
