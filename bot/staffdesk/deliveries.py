"""A message Slack refused for good (a deactivated account, a person the bot cannot write to)
needs a human: the sender every part of the bot uses is wrapped so that such a refusal becomes a
work item for staff, once per person while one is open, whatever sent it (an enrolment letter, a
reminder, a broadcast)."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from bot.notify import DeliveryResult, DeliveryStatus, KeyedNoticeSender, Notice, NoticeFile, plain
from bot.staffdesk.desk import ItemDraft, who
from bot.storage.db import Database
from bot.storage.models.members import Member
from bot.storage.models.staff import ItemKind

if TYPE_CHECKING:
    from bot.staffdesk.desk import StaffDesk

log = logging.getLogger(__name__)


def delivery_item(db: Database, user_id: str, notice: Notice, error: str | None) -> ItemDraft:
    with db.session() as session:
        member = session.scalar(select(Member).where(Member.slack_user_id == user_id))
        person = who(member) if member else user_id
    what = notice.title or plain(notice.text).split("\n", 1)[0]
    return ItemDraft(
        kind=ItemKind.DELIVERY,
        title=f"Besked til {person} kom ikke frem",
        asker_id=user_id,
        details=f"Slack afviste den ({error or 'ukendt fejl'}), og den prøves ikke igen.\nBeskeden: {what[:300]}\n"
        "Tjek, om personen stadig er i Slack, og ret medlemslisten, eller kontakt dem på anden vis.",
    )


class FailureReporting:
    """Implements KeyedNoticeSender around another sender; only a permanent FAILED is reported."""

    def __init__(self, sender: KeyedNoticeSender, desk: "StaffDesk", db: Database) -> None:
        self._sender = sender
        self._desk = desk
        self._db = db

    def send(self, user_id: str, notice: Notice) -> DeliveryResult:
        result = self._sender.send(user_id, notice)
        if result.status is DeliveryStatus.FAILED:
            try:
                self._desk.open_once(delivery_item(self._db, user_id, notice, result.error))
            except Exception:
                log.exception("could not tell staff that a message to %s failed", user_id)
        return result

    def update(self, channel: str, ts: str, notice: Notice) -> DeliveryResult:
        return self._sender.update(channel, ts, notice)

    def find_sent(self, user_id: str, key: str, since: datetime) -> DeliveryResult | None:
        return self._sender.find_sent(user_id, key, since)

    def attach(self, delivered: DeliveryResult, file: NoticeFile) -> DeliveryResult:
        return self._sender.attach(delivered, file)
