"""Shows the staff desk's work items in Slack: in the staff channel (STAFF_CHANNEL_ID, the bot
invited to it), or, without one, in every staff member's DM with the bot. A message that cannot
be posted or updated is logged; the item itself is safe in the database."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.services import Services
from bot.slack.blocks.staffdesk import item_blocks, item_fallback
from bot.slack.blocks.text import MESSAGE_TEXT, clip
from bot.staffdesk import ItemView, StaffMessage

log = logging.getLogger(__name__)


class SlackStaffBoard:
    """Implements bot.staffdesk.StaffBoard."""

    def __init__(self, client: WebClient, channel: str | None, staff: Callable[[], Iterable[str]]) -> None:
        self._client = client
        self._channel = channel
        self._staff = staff

    def _destinations(self) -> list[str]:
        """The channel, or each staff member's DM (chat.postMessage opens it given a user id)."""
        return [self._channel] if self._channel else sorted(self._staff())

    def _post(self, destination: str, text: str, blocks: list | None = None) -> StaffMessage | None:
        try:
            posted = self._client.chat_postMessage(channel=destination, text=clip(text, MESSAGE_TEXT), blocks=blocks, unfurl_links=False)
        except (SlackApiError, SlackClientError, OSError) as error:
            log.error("could not show staff item in %s: %s", destination, error)
            return None
        return StaffMessage(str(posted["channel"]), str(posted["ts"]))

    def post(self, item: ItemView) -> list[StaffMessage]:
        destinations = self._destinations()
        if not destinations:
            log.error("no staff channel and no staff members: item %s (%s) is not shown", item.id, item.title)
        posted = (self._post(d, item_fallback(item), item_blocks(item)) for d in destinations)
        return [message for message in posted if message is not None]

    def update(self, message: StaffMessage, item: ItemView) -> None:
        try:
            self._client.chat_update(channel=message.channel, ts=message.ts, text=item_fallback(item), blocks=item_blocks(item))
        except (SlackApiError, SlackClientError, OSError) as error:
            log.error("could not update staff item %s in %s: %s", item.id, message.channel, error)

    def tell(self, text: str) -> None:
        for destination in self._destinations():
            self._post(destination, text)

    def reaches_anyone(self) -> bool:
        return bool(self._destinations())


def attach_staff_board(services: Services, client: WebClient) -> None:
    """Every process that can reach Slack shows the desk's items (the app, a scheduler of its
    own); posting runs on one background thread, so an item's post comes before its updates."""
    board = SlackStaffBoard(client, services.settings.staff_channel_id, services.staff.everyone)
    services.desk.use(board, background=ThreadPoolExecutor(max_workers=1, thread_name_prefix="staff-board"))
