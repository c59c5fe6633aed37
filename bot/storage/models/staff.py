"""What KL's staff do and what waits for them: the audit log of every staff action, and the work
items (a request, an unanswered question, a person waiting for approval, a delivery that failed)
with the staff messages that show each item's state."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime, str_enum


class AuditEntry(Base):
    """One staff action, kept for good: who (Slack id and the name known then), what, on what."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    actor_id: Mapped[str] = mapped_column(String(32))
    actor_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(500))
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)


class ItemKind(StrEnum):
    REQUEST = "request"
    QUESTION = "question"
    PERSON = "person"
    DELIVERY = "delivery"


class ItemState(StrEnum):
    OPEN = "open"
    TAKEN = "taken"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    """Taken back by the asker (a request withdrawn with /afmeld): nothing left for staff."""


class WorkItem(Base):
    """``ref_id`` points at the row the item is about (offer_requests, question_log, members or
    the failed delivery's row), by kind. ``asker_id`` is the person it is about: for a request or
    a question whom Svar reaches (nobody when a question's asker has not agreed to be known), for
    a pending person the one decided on, for a failed delivery the one not reached; forgetting
    that person removes the item."""

    __tablename__ = "work_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[ItemKind] = mapped_column(str_enum(ItemKind))
    ref_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    asker_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    topic: Mapped[str] = mapped_column(String(300), default="")
    """What the item is to the asker ("din anmodning om Mentorordning"), for the answer and /mine."""
    details: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[ItemState] = mapped_column(str_enum(ItemState), default=ItemState.OPEN, index=True)
    assignee_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    assignee_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    answered_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    messages: Mapped[list["WorkItemMessage"]] = relationship(back_populates="item", cascade="all, delete-orphan")


class WorkItemMessage(Base):
    """Where an item is shown: one row in the staff channel, or one per staff member's DM."""

    __tablename__ = "work_item_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    ts: Mapped[str] = mapped_column(String(32))

    item: Mapped[WorkItem] = relationship(back_populates="messages")
