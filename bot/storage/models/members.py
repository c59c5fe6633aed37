"""The directory: mayors, KL staff and secretariats, and the networks mayors belong to."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ColumnElement, ForeignKey, Integer, String, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime, str_enum


class Role(StrEnum):
    MAYOR = "mayor"
    STAFF = "staff"
    SECRETARIAT = "secretariat"


class Approval(StrEnum):
    """Whether KL staff have confirmed who a member is: the import is KL's word (approved); a
    person who said who they are waits (pending) until staff approve or reject the claim."""

    APPROVED = "approved"
    PENDING = "pending"
    REJECTED = "rejected"


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slack_user_id: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str | None] = mapped_column(String(100), nullable=True)
    role: Mapped[Role] = mapped_column(str_enum(Role))
    first_term: Mapped[bool] = mapped_column(Boolean, default=False)
    approval: Mapped[Approval] = mapped_column(str_enum(Approval), default=Approval.APPROVED, server_default=Approval.APPROVED.value)
    acts_for_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    acts_for: Mapped["Member | None"] = relationship(remote_side=[id])
    networks: Mapped[list["Network"]] = relationship(secondary="network_members", back_populates="members")


def is_mayor() -> ColumnElement[bool]:
    """The one test of who counts as a mayor (broadcasts, reminders, networks, welcome DMs): the
    role, confirmed by KL. A pending or rejected claim is nobody's mayor."""
    return and_(Member.role == Role.MAYOR, Member.approval == Approval.APPROVED)


class Network(Base):
    """A borgmesternetværk: a small circle of mayors that meets once a period (by default a quarter)."""

    __tablename__ = "networks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    cadence_months: Mapped[int] = mapped_column(Integer, default=3)
    """How often the network meets: 3 = once a quarter (the catalogue's rhythm)."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    members: Mapped[list[Member]] = relationship(secondary="network_members", back_populates="networks")


class NetworkMember(Base):
    __tablename__ = "network_members"
    __table_args__ = (UniqueConstraint("network_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
