"""Broadcasts: staff announcements, the outbox that delivers them one recipient at a time, the
"Læst" acknowledgements and the audit log.

The outbox is filled when the staff member sees the recipient count, so the count they confirm is
the set that is delivered; the worker then moves each row pending → claimed → delivered/failed.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime, str_enum


class AudienceKind(StrEnum):
    ALL_MAYORS = "all_mayors"
    NEW_MAYORS = "new_mayors"
    NETWORK = "network"
    ENROLLED = "enrolled"
    MUNICIPALITIES = "municipalities"


class BroadcastStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class OutboxState(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    DELIVERED = "delivered"
    FAILED = "failed"


class Broadcast(Base):
    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[str] = mapped_column(String(32))
    audience_kind: Mapped[AudienceKind] = mapped_column(str_enum(AudienceKind))
    audience_label: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    offer_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    ack_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    status: Mapped[BroadcastStatus] = mapped_column(
        str_enum(BroadcastStatus), index=True
    )
    recipient_count: Mapped[int] = mapped_column(Integer, default=0)
    requires_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    approved_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    progress_channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    progress_ts: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class OutboxMessage(Base):
    """One recipient of one broadcast. `needs_check` marks a row whose earlier attempt may have
    reached Slack (a stale claim, an ambiguous error): Slack is asked before it is sent again."""

    __tablename__ = "broadcast_outbox"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "recipient_id"),
        Index("ix_broadcast_outbox_due", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    recipient_id: Mapped[str] = mapped_column(String(32))
    state: Mapped[OutboxState] = mapped_column(str_enum(OutboxState))
    claimed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    needs_check: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    ts: Mapped[str | None] = mapped_column(String(32), nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class Acknowledgement(Base):
    """A recipient's "Læst" click; the unique key makes a double click count once."""

    __tablename__ = "broadcast_acks"
    __table_args__ = (UniqueConstraint("broadcast_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32))
    acknowledged_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class BroadcastAudit(Base):
    """Who did what to which broadcast, with the audience and text as they were at that moment."""

    __tablename__ = "broadcast_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(30))
    audience_label: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
