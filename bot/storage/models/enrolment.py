"""Dated sessions of an offer, the seats and waitlist places in them, and requests that staff
follow up (a mentor, sparring, a network). Reminders and broadcasts read these tables too.

One row per (session, member) and per (offer, member): enrolling again reuses the row, so a
Slack retry or a double click can never leave two active enrolments, whatever the timing.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime, str_enum
from bot.storage.models.members import Member, Network


class Audience(StrEnum):
    ALL = "all"
    FIRST_TERM = "first_term"


class EnrolmentStatus(StrEnum):
    """ENROLLED and OFFERED hold a seat; WAITLISTED waits in queue order; the rest hold nothing.
    OFFERED is a seat kept for a limited time until its holder confirms (sessions with a fee)."""

    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"
    LAPSED = "lapsed"


SEAT_HOLDING = (EnrolmentStatus.ENROLLED, EnrolmentStatus.OFFERED)
ACTIVE = (*SEAT_HOLDING, EnrolmentStatus.WAITLISTED)


class RequestKind(StrEnum):
    REQUEST = "request"
    MEMBERSHIP = "membership"


class RequestStatus(StrEnum):
    OPEN = "open"
    HANDLED = "handled"
    WITHDRAWN = "withdrawn"


class OfferSession(Base):
    """One dated occurrence of an offer. ``queue_counter`` numbers every enrolment attempt under
    the session's row lock, which is what gives the waitlist a strict order."""

    __tablename__ = "offer_sessions"
    __table_args__ = (CheckConstraint("capacity > 0", name="capacity_positive"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[str] = mapped_column(String(80), index=True)
    title: Mapped[str | None] = mapped_column(String(200), nullable=True)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    place: Mapped[str | None] = mapped_column(String(300), nullable=True)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    capacity: Mapped[int] = mapped_column(Integer)
    fee: Mapped[str | None] = mapped_column(String(200), nullable=True)
    deadline: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    audience: Mapped[Audience] = mapped_column(
        str_enum(Audience), default=Audience.ALL
    )
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    queue_counter: Mapped[int] = mapped_column(Integer, default=0)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    """The calendar's SEQUENCE: raised when a change, a cancellation or a withdrawal sends a
    new .ics for the session, so calendars take the newest one."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    enrolments: Mapped[list["Enrolment"]] = relationship(back_populates="session", order_by="Enrolment.queue_no")

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class Enrolment(Base):
    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("session_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("offer_sessions.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    enrolled_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    status: Mapped[EnrolmentStatus] = mapped_column(
        str_enum(EnrolmentStatus)
    )
    queue_no: Mapped[int] = mapped_column(Integer)
    offer_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    session: Mapped[OfferSession] = relationship(back_populates="enrolments")
    member: Mapped[Member] = relationship(foreign_keys=[member_id])
    enrolled_by: Mapped[Member | None] = relationship(foreign_keys=[enrolled_by_id])


class OfferRequest(Base):
    """A wish staff follow up by hand: a mentor, sparring, makkerskab, or a place in a network."""

    __tablename__ = "offer_requests"
    __table_args__ = (UniqueConstraint("offer_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[RequestKind] = mapped_column(str_enum(RequestKind))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    network_id: Mapped[int | None] = mapped_column(ForeignKey("networks.id", ondelete="SET NULL"), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[RequestStatus] = mapped_column(
        str_enum(RequestStatus), default=RequestStatus.OPEN
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    member: Mapped[Member] = relationship(foreign_keys=[member_id])
    requested_by: Mapped[Member | None] = relationship(foreign_keys=[requested_by_id])
    network: Mapped[Network | None] = relationship()
