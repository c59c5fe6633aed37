"""What the catalogue listeners share: the one staff check they make at every step, and the
name a change is signed with (the directory's, else Slack's profile name)."""
from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.catalogue.store import Author
from bot.services import Services

log = logging.getLogger(__name__)


def staff_author(services: Services, client: WebClient, body: dict[str, Any], what: str) -> Author | None:
    """The staff member acting, or None (the refusal is logged) for anyone else."""
    user_id = str(body["user"]["id"])
    if not services.staff.check(user_id, what):
        return None
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
