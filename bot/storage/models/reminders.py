"""Meetings mayors are reminded of, the reminder settings, hotline opt-outs and the delivery log.

The delivery log is what makes reminders exactly-once in practice: one row per (reminder,
recipient), guarded by a UNIQUE key, is written *before* the DM is handed to Slack.
A send that ended in an error which does not prove Slack refused it (a 5xx, a dropped
connection) sets `needs_check`: the next attempt first looks the message up in Slack. The order
of one delivery (bot/reminders/delivery.py carries it out):

1. claim: insert the row as SENDING (or move a PENDING retry to SENDING) and commit. Whoever
   loses the race on the unique key, or finds the row already there, sends nothing.
2. send the DM (outside any transaction).
3. record: SENT with Slack's channel/ts, PENDING with a next attempt (rate limit, Slack down),
   or FAILED (a permanent refusal such as a deactivated account); commit.

A crash before step 1 loses nothing (the reminder is still due and is found again); a crash
after step 3 duplicates nothing (the row says SENT). A crash between 1 and 3 leaves a SENDING
row whose DM may or may not have reached Slack. The DM carries the row's key (Slack message
metadata), so once the claim timeout has passed the next run asks Slack: found means SENT, not
found means it is sent again, and no answer means asking again at the next run. Only a sender
that cannot look a message up (the console) leaves such a row UNCERTAIN, listed by
`borgmesterbot reminders status` for staff to check. Sends are sequential, so a crash leaves
at most one such row.

A meeting's calendar entry is one UID for its whole life: `sequence` is raised (and `changed_at`
set) whenever what a calendar shows changes, and a cancelled meeting keeps its row with
`cancelled_at`, so the cancellation can be sent with the same UID and a higher SEQUENCE.

A meeting's `date_set_at` is when its current date was set: a reminder whose time had already
passed by then (a meeting set or moved at short notice) does not apply, rather than counting as
missed. Host rotation history is not stored separately: it is the network's meetings and their hosts.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime, str_enum
from bot.storage.models.members import Member, Network


class MeetingKind(StrEnum):
    """NETWORK: a borgmesternetværk's own meeting, for its members. FORUM: a meeting of a
    catalogue forum every mayor belongs to (B98, borgmestersamlinger), tied to the offer id."""

    NETWORK = "network"
    FORUM = "forum"


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    UNCERTAIN = "uncertain"


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'network' AND network_id IS NOT NULL) OR (kind = 'forum' AND offer_id IS NOT NULL)",
            name="target",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[MeetingKind] = mapped_column(str_enum(MeetingKind))
    network_id: Mapped[int | None] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), nullable=True, index=True)
    offer_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    date_set_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    place: Mapped[str] = mapped_column(String(300))
    agenda: Mapped[str] = mapped_column(Text, default="")
    host_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    network: Mapped[Network | None] = relationship()
    host: Mapped[Member | None] = relationship()

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class ReminderSettings(Base):
    """One row (id 1) that staff edit; when it is missing, ReminderPolicy's defaults apply
    (bot/reminders/policy.py is the one place for them)."""

    __tablename__ = "reminder_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_offsets_days: Mapped[list[int]] = mapped_column(JSON)
    hotline_every_months: Mapped[int] = mapped_column(Integer)
    send_hour: Mapped[int] = mapped_column(Integer)
    grace_hours: Mapped[int] = mapped_column(Integer)
    quiet_from_hour: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quiet_until_hour: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quiet_weekends: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    quiet_holidays: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    host_reminder_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    praktik_every_months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)


class HotlineOptOut(Base):
    """A mayor who has turned off the periodic hotline reminder (the details in answers stay)."""

    __tablename__ = "hotline_opt_outs"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    opted_out_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class ReminderDelivery(Base):
    __tablename__ = "reminder_deliveries"
    __table_args__ = (
        UniqueConstraint("reminder_key", "member_id"),
        Index("ix_reminder_deliveries_open", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reminder_key: Mapped[str] = mapped_column(String(120))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    state: Mapped[DeliveryState] = mapped_column(str_enum(DeliveryState))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    ts: Mapped[str | None] = mapped_column(String(32), nullable=True)
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    needs_check: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    member: Mapped[Member] = relationship()
