"""The port through which the domain sends a person a private message, without knowing Slack.

Enrolment confirmations, reminders, the hotline details and broadcasts all become a Notice; the
Slack adapter renders it as Block Kit and sends it as a DM, the console prints it. The sender
reports what happened in terms the domain can act on: delivered, try again later, or never.

The Postman hands the letters a domain decides to send (enrolment, reminders) to the sender only
after the transaction that caused them has committed: a DM never goes out for a change that was
rolled back, and no lock is held while Slack is called.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, wait
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
class Person:
    """Someone a notice names (the approver, the author, a recipient it failed for), by Slack user
    id: the domain says who, and each adapter shows them its own way (Slack: a mention)."""

    user_id: str


Text = str | tuple[str | Person, ...]
"""A notice's text: a string, or strings with the people it names between them."""


def plain(text: Text, name: Callable[[Person], str] = lambda person: person.user_id) -> str:
    """The text with each person written by ``name`` (by default their id)."""
    if isinstance(text, str):
        return text
    return "".join(part if isinstance(part, str) else name(part) for part in text)


@dataclass(frozen=True)
class Notice:
    text: Text
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

    def attach(self, delivered: DeliveryResult, file: NoticeFile) -> DeliveryResult:
        """Add the file to a message already delivered (one found again after a crash)."""
        ...

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Letter:
    user_id: str
    notice: Notice


class Postman:
    """The adapter that can reach people (Slack, the console) attaches its sender at start;
    until then, letters are logged as not sent instead of failing the enrolment.

    With ``background`` the letters go out on that executor, so a Slack modal can be answered
    within Slack's three seconds while the DMs (and their calendar files) are still uploading."""

    def __init__(self, sender: NoticeSender | None = None) -> None:
        self._sender = sender
        self._background: Executor | None = None
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()

    def use(self, sender: NoticeSender, *, background: Executor | None = None) -> None:
        with self._lock:
            self._sender = sender
            self._background = background

    @property
    def ready(self) -> bool:
        return self._sender is not None

    def deliver(self, letters: Iterable[Letter]) -> None:
        letters = list(letters)
        if letters and self._background is not None:
            future = self._background.submit(self._send, letters)
            with self._lock:
                self._pending.add(future)
            future.add_done_callback(self._done)
        else:
            self._send(letters)

    def _done(self, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait for letters still going out in the background (before shutting down); True
        when none is left."""
        with self._lock:
            pending = set(self._pending)
        _done, not_done = wait(pending, timeout=timeout)
        return not not_done

    def _send(self, letters: list[Letter]) -> None:
        """Send each letter in order; a failed one is logged and does not stop the others,
        because the database already holds the truth (/mine shows it)."""
        sender = self._sender
        for letter in letters:
            if sender is None:
                log.warning("no notice sender attached; not sent to %s: %s", letter.user_id, plain(letter.notice.text)[:80])
                continue
            try:
                result = sender.send(letter.user_id, letter.notice)
            except Exception:
                log.exception("notice to %s failed", letter.user_id)
                continue
            if not result.ok:
                log.warning("notice to %s not delivered (%s): %s", letter.user_id, result.status, result.error)
