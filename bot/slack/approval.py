"""Telling KL staff that a self-registered person waits for approval: in the staff channel
(STAFF_CHANNEL_ID) when there is one, else in each staff member's DM.

``tell_staff`` is the one place that decides where staff hear about things, so the staff desk
(work items in the staff channel) can take it over in one line."""
from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.notify import Notice
from bot.services import Services
from bot.slack.blocks.notice import notice_blocks, notice_fallback

log = logging.getLogger(__name__)


def tell_staff(client: WebClient, services: Services, notice: Notice) -> int:
    """Post ``notice`` where staff read it; returns how many places it reached (a failure is
    logged: the pending person is safe in the database and listed by ``members pending``)."""
    channel = services.settings.staff_channel_id
    destinations = [channel] if channel else sorted(services.staff.everyone())
    if not destinations:
        log.error("no staff channel and no staff members to tell: %s", notice.title)
    reached = 0
    for destination in destinations:
        try:
            client.chat_postMessage(
                channel=destination, text=notice_fallback(notice), blocks=notice_blocks(notice), unfurl_links=False
            )
            reached += 1
        except (SlackApiError, SlackClientError, OSError) as error:
            log.error("could not tell staff in %s: %s", destination, error)
    return reached
