"""Borgmesterpraktik: the mayors who want to be paired for a visit, the rounds staff look over
before they go out, and the pairs (or a trio) each round introduces in a group DM."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime, str_enum
from bot.storage.models.members import Member


class PraktikOptIn(Base):
    """A mayor who wants to be paired for borgmesterpraktik; opting out deletes the row."""

    __tablename__ = "praktik_opt_ins"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    opted_in_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    member: Mapped[Member] = relationship()


class RoundState(StrEnum):
    """DRAFT: paired, for staff to look at and adjust. SENT: the introductions went out."""

    DRAFT = "draft"
    SENT = "sent"


class PraktikRound(Base):
    __tablename__ = "praktik_rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_start: Mapped[date] = mapped_column(Date, unique=True)
    state: Mapped[RoundState] = mapped_column(str_enum(RoundState), default=RoundState.DRAFT)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    sent_by: Mapped[str | None] = mapped_column(String(32), nullable=True)

    pairs: Mapped[list["PraktikPair"]] = relationship(back_populates="round", order_by="PraktikPair.id", cascade="all, delete-orphan")


class PraktikPair(Base):
    """Two mayors (a third when the count is odd) introduced to each other in one round. The
    introduction is claimed (``introduced_at``) before the group DM is posted, so a retry never
    posts it twice."""

    __tablename__ = "praktik_pairs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("praktik_rounds.id", ondelete="CASCADE"), index=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    third_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), nullable=True)
    introduced_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    ts: Mapped[str | None] = mapped_column(String(32), nullable=True)
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)

    round: Mapped[PraktikRound] = relationship(back_populates="pairs")

    @property
    def member_ids(self) -> tuple[int, ...]:
        return (self.first_id, self.second_id) + ((self.third_id,) if self.third_id is not None else ())
