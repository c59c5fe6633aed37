"""A sender that dies mid-send, for the tests of what a crash leaves behind."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.notify import DeliveryResult, Notice, NoticeFile
from bot.slack.notice_sender import SlackNoticeSender


class Crash(BaseException):
    """The process dying: not an Exception, so nothing in the runner catches it."""


class CrashingSender:
    """The real sender, with the process dying at the n-th send: before Slack gets the message,
    or after Slack has it but before the runner hears back (``without_file``: after the message
    and before its calendar file)."""

    def __init__(self, real: SlackNoticeSender, at_send: int, after_slack_has_it: bool, *, without_file: bool = False) -> None:
        self._real, self._at, self._after, self._without_file = real, at_send, after_slack_has_it, without_file
        self.sends = 0

    def send(self, user_id: str, notice: Notice) -> DeliveryResult:
        self.sends += 1
        if self.sends == self._at and not self._after:
            raise Crash
        crashing = self.sends == self._at
        result = self._real.send(user_id, replace(notice, file=None) if crashing and self._without_file else notice)
        if crashing:
            raise Crash
        return result

    def update(self, channel: str, ts: str, notice: Notice) -> DeliveryResult:
        return self._real.update(channel, ts, notice)

    def find_sent(self, user_id: str, key: str, since: datetime) -> DeliveryResult | None:
        return self._real.find_sent(user_id, key, since)

    def attach(self, delivered: DeliveryResult, file: NoticeFile) -> DeliveryResult:
        return self._real.attach(delivered, file)
