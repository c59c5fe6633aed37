"""Names of the people behind Slack ids: the directory's name when the person is in it, Slack's
profile name otherwise, so a staff member not imported as a member still signs with a name."""
from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.services import Services

log = logging.getLogger(__name__)


def slack_name(client: WebClient, user_id: str) -> str:
    """The profile's real name (users.info); the id itself if Slack has no name for it."""
    user = client.users_info(user=user_id)["user"]
    profile = user.get("profile") or {}
    return str(profile.get("real_name") or user.get("real_name") or profile.get("display_name") or user_id)


def person_name(services: Services, client: WebClient, user_id: str) -> str:
    known = services.directory.get(user_id)
    if known is not None:
        return known.name
    try:
        return slack_name(client, user_id)
    except (SlackApiError, SlackClientError, OSError) as error:
        log.warning("no name for %s from Slack: %s", user_id, error)
        return user_id
