"""The name a catalogue change is signed with: the directory's, else Slack's profile name."""
from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.catalogue.store import Author
from bot.services import Services

log = logging.getLogger(__name__)


def author_of(services: Services, client: WebClient, user_id: str) -> Author:
    known = services.directory.get(user_id)
    if known is not None:
        return Author(user_id, known.name)
    try:
        user = client.users_info(user=user_id)["user"]
    except (SlackApiError, SlackClientError, OSError) as error:
        log.warning("no name for %s from Slack: %s", user_id, error)
        return Author(user_id, user_id)
    profile = user.get("profile") or {}
    return Author(user_id, str(profile.get("real_name") or user.get("real_name") or user_id))
