"""Sends a domain Notice as a Slack DM and tells the domain what happened in its own terms:
delivered, try again (rate limit, Slack trouble), or never (the person cannot be reached)."""
from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.notify import DeliveryResult, DeliveryStatus, Notice, NoticeFile
from bot.slack.blocks.notice import notice_blocks, notice_fallback

log = logging.getLogger(__name__)

# The message metadata event type that carries Notice.key, so find_sent can recognise a message.
KEY_EVENT = "borgmesterbot_notice"
# Errors that will not go away by trying again: the person is gone or cannot get a DM from the bot.
PERMANENT_ERRORS = frozenset({"user_not_found", "account_inactive", "cannot_dm_bot", "channel_not_found", "not_allowed"})


def _retry_after(error: SlackApiError) -> float | None:
    for name, value in (error.response.headers or {}).items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return float(raw)
            except ValueError:
                return None
    return None


def _result_of(error: SlackApiError, user_or_channel: str) -> DeliveryResult:
    code = str(error.response.get("error") or f"http_{error.response.status_code}")
    if error.response.status_code == 429 or code == "ratelimited":
        return DeliveryResult(DeliveryStatus.RETRY, error="ratelimited", retry_after=_retry_after(error) or 1.0)
    if code in PERMANENT_ERRORS:
        log.warning("cannot deliver to %s: %s", user_or_channel, code)
        return DeliveryResult(DeliveryStatus.FAILED, error=code)
    log.warning("Slack error delivering to %s, will retry: %s", user_or_channel, code)
    return DeliveryResult(DeliveryStatus.RETRY, error=code)


class SlackNoticeSender:
    """Implements bot.notify.KeyedNoticeSender; never raises for a Slack-side failure."""

    def __init__(self, client: WebClient) -> None:
        self._client = client
        self._dm_channels: dict[str, str] = {}
        self._lock = threading.Lock()

    def _dm_channel(self, user_id: str) -> str:
        """The bot's DM with a person never changes, and conversations.open is a Tier 3 method
        (about 50 a minute): asking once per person keeps a 98-mayor broadcast off that limit."""
        with self._lock:
            known = self._dm_channels.get(user_id)
        if known:
            return known
        channel = str(self._client.conversations_open(users=user_id)["channel"]["id"])
        with self._lock:
            self._dm_channels[user_id] = channel
        return channel

    def send(self, user_id: str, notice: Notice) -> DeliveryResult:
        try:
            channel = self._dm_channel(user_id)
            posted = self._client.chat_postMessage(
                channel=channel, text=notice_fallback(notice), blocks=notice_blocks(notice), unfurl_links=False,
                metadata={"event_type": KEY_EVENT, "event_payload": {"key": notice.key}} if notice.key else None,
            )
        except SlackApiError as error:
            return _result_of(error, user_id)
        except (SlackClientError, OSError) as error:
            log.warning("could not reach Slack delivering to %s, will retry: %s", user_id, error)
            return DeliveryResult(DeliveryStatus.RETRY, error=type(error).__name__)
        delivered = DeliveryResult(DeliveryStatus.DELIVERED, channel=posted["channel"], ts=posted["ts"])
        if notice.file is None:
            return delivered
        return self.attach(delivered, notice.file)

    def attach(self, delivered: DeliveryResult, file: NoticeFile) -> DeliveryResult:
        """Upload the message's file into its DM. The message is out, so a failed upload must not
        make the caller send it again: it is reported in ``extra["file_error"]`` (and logged) on
        a delivered result. Also called for a message found again after a crash, whose file
        never went."""
        try:
            self._client.files_upload_v2(
                channel=delivered.channel, filename=file.filename, content=file.content, title=file.title
            )
        except (SlackApiError, SlackClientError, OSError) as error:
            code = error.response.get("error") if isinstance(error, SlackApiError) else type(error).__name__
            log.error("message delivered to %s but its file %s was not: %s", delivered.channel, file.filename, code)
            return DeliveryResult(delivered.status, delivered.channel, delivered.ts, extra={"file_error": str(code)})
        return delivered

    def send_group(self, user_ids: Sequence[str], notice: Notice) -> DeliveryResult:
        """One message to a group DM of these people and the bot (conversations.open with
        several users, scope mpim:write), e.g. a borgmesterpraktik introduction."""
        try:
            channel = str(self._client.conversations_open(users=",".join(user_ids))["channel"]["id"])
            posted = self._client.chat_postMessage(channel=channel, text=notice_fallback(notice), blocks=notice_blocks(notice), unfurl_links=False)
        except SlackApiError as error:
            return _result_of(error, ",".join(user_ids))
        except (SlackClientError, OSError) as error:
            log.warning("could not reach Slack for the group DM with %s: %s", ",".join(user_ids), error)
            return DeliveryResult(DeliveryStatus.RETRY, error=type(error).__name__)
        return DeliveryResult(DeliveryStatus.DELIVERED, channel=posted["channel"], ts=posted["ts"])

    def update(self, channel: str, ts: str, notice: Notice) -> DeliveryResult:
        try:
            updated = self._client.chat_update(channel=channel, ts=ts, text=notice_fallback(notice), blocks=notice_blocks(notice))
        except SlackApiError as error:
            return _result_of(error, channel)
        except (SlackClientError, OSError) as error:
            log.warning("could not reach Slack updating %s/%s, will retry: %s", channel, ts, error)
            return DeliveryResult(DeliveryStatus.RETRY, error=type(error).__name__)
        return DeliveryResult(DeliveryStatus.DELIVERED, channel=updated["channel"], ts=updated["ts"])

    def find_sent(self, user_id: str, key: str, since: datetime) -> DeliveryResult | None:
        """Search the DM (conversations.history with metadata, newest first) for the message that
        carries ``key``. Slack's scope for this is im:history."""
        try:
            channel = self._dm_channel(user_id)
            cursor = None
            while True:
                page = self._client.conversations_history(
                    channel=channel, oldest=f"{since.timestamp():.6f}", include_all_metadata=True, limit=200, cursor=cursor
                )
                for message in page.get("messages") or []:
                    metadata = message.get("metadata") or {}
                    if metadata.get("event_type") == KEY_EVENT and (metadata.get("event_payload") or {}).get("key") == key:
                        return DeliveryResult(DeliveryStatus.DELIVERED, channel=channel, ts=message["ts"])
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    return None
        except SlackApiError as error:
            return _result_of(error, user_id)
        except (SlackClientError, OSError) as error:
            log.warning("could not reach Slack looking for %s in the DM with %s: %s", key, user_id, error)
            return DeliveryResult(DeliveryStatus.RETRY, error=type(error).__name__)
