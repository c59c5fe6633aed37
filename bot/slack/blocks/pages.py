"""Slack's block limits: 50 blocks in a message, 100 in a Home tab or a modal. Longer content is
cut into pages instead of being refused by Slack."""
from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100


def paginate(blocks: Sequence[Block], per_page: int = MESSAGE_BLOCKS) -> list[list[Block]]:
    """Pages of at most ``per_page`` blocks; a page never ends on a lone header or divider
    when the next block can join it."""
    pages: list[list[Block]] = []
    current: list[Block] = []
    for block in blocks:
        if len(current) == per_page:
            carried: list[Block] = []
            while current and current[-1].type in ("header", "divider") and len(carried) < per_page - 1:
                carried.insert(0, current.pop())
            pages.append(current)
            current = carried
        current.append(block)
    if current:
        pages.append(current)
    return pages
