"""The rhythm the bot keeps by itself: whose turn it is to host a network's meeting in a period.

A host turn is one row per (network, period, member): the member asked to host. Passing the role
on closes the row and opens one for the next in rotation, so the history of who was asked and
who passed stays readable. The DMs a turn causes go through the reminder delivery log (keys
``host-turn:<id>:ask`` and ``host-turn:<id>:reminder``), which is what makes them exactly-once.
"""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime, str_enum
from bot.storage.models.members import Member, Network


class TurnState(StrEnum):
    """ASKED: waiting for the host. CHOSEN: the host set the meeting. PASSED: handed on to the
    next in rotation. KL: the host asked KL to help, so staff take it from here. REPLACED: staff
    gave the turn to someone else, or set the meeting themselves."""

    ASKED = "asked"
    CHOSEN = "chosen"
    PASSED = "passed"
    KL = "kl"
    REPLACED = "replaced"


class HostTurn(Base):
    __tablename__ = "host_turns"
    __table_args__ = (UniqueConstraint("network_id", "period_start", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    state: Mapped[TurnState] = mapped_column(str_enum(TurnState), default=TurnState.ASKED)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), nullable=True)
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    staff_told_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    network: Mapped[Network] = relationship()
    member: Mapped[Member] = relationship()
