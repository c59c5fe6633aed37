"""What identifies one Slack delivery: its event id (a retry repeats it) and, for a message,
its channel and ts (a mention arrives twice, as app_mention and as a message event, with
different event ids but the same message)."""
from __future__ import annotations

from typing import Any


def delivery_keys(body: dict[str, Any]) -> list[str]:
    event = body.get("event") or {}
    keys = [f"event:{body['event_id']}"] if body.get("event_id") else []
    if event.get("channel") and event.get("ts"):
        keys.append(f"message:{event['channel']}:{event['ts']}")
    return keys


def click_key(body: dict[str, Any], what: str) -> str | None:
    """One click per person and message for ``what`` (a double click or a retry is one)."""
    container = body.get("container") or {}
    message_ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    user = (body.get("user") or {}).get("id")
    if not (message_ts and user):
        return None
    return f"{what}:{user}:{container.get('channel_id', '')}:{message_ts}"
