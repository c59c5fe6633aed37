"""The port through which the domain sends a person a private message, without knowing Slack.

Enrolment confirmations, reminders, the hotline details and broadcasts all become a Notice; the
Slack adapter renders it as Block Kit and sends it as a DM, the console prints it. The sender
reports what happened in terms the domain can act on: delivered, try again later, or never.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol


@dataclass(frozen=True)
class NoticeButton:
    label: str
    action_id: str
    value: str = ""
    url: str | None = None
    primary: bool = False


@dataclass(frozen=True)
class NoticeFile:
    filename: str
    content: bytes
    title: str


@dataclass(frozen=True)
class Notice:
    text: str
    title: str | None = None
    facts: tuple[tuple[str, str], ...] = ()
    buttons: tuple[NoticeButton, ...] = ()
    file: NoticeFile | None = None
    mrkdwn: bool = False
    key: str | None = None
    """Set when the message must be findable again (a broadcast delivery): the sender attaches it
    to the message (Slack: message metadata) so that ``KeyedNoticeSender.find_sent`` can tell,
    after a crash, whether it went out."""


class DeliveryStatus(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True)
class DeliveryResult:
    status: DeliveryStatus
    channel: str | None = None
    ts: str | None = None
    error: str | None = None
    retry_after: float | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status is DeliveryStatus.DELIVERED


class NoticeSender(Protocol):
    def send(self, user_id: str, notice: Notice) -> DeliveryResult:
        """Deliver one private message; never raises for a Slack-side failure."""
        ...

    def update(self, channel: str, ts: str, notice: Notice) -> DeliveryResult:
        """Replace a message sent earlier (progress of a broadcast)."""
        ...


class KeyedNoticeSender(NoticeSender, Protocol):
    def find_sent(self, user_id: str, key: str, since: datetime) -> DeliveryResult | None:
        """The message with this ``Notice.key`` sent to the user since ``since``: DELIVERED with
        its channel and ts when found, None when it is not there, RETRY/FAILED when the lookup
        itself failed (then nobody knows yet, and the caller must not send)."""
        ...
