"""The catalogue in use, kept as versions: each change (an import, a staff edit, a rollback) is a
new whole version with who, when and why, so any version can be shown, exported or made current
again. The newest version is the one in use; nothing is ever updated in place.

Confirmations ("Sidst bekræftet") are kept apart from the versions: confirming an offer unchanged
changes no text, so it makes no new version and a rollback does not undo it.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime


class CatalogueVersion(Base):
    """``number`` is the version staff see (1, 2, 3 ...); two writers racing for the same number
    meet the primary key, and the loser retries on top of the winner. ``document`` is the whole
    catalogue as JSON, in the shape of offers.yaml."""

    __tablename__ = "catalogue_versions"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    author_id: Mapped[str] = mapped_column(String(100))
    author_name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(String(500))
    document: Mapped[str] = mapped_column(Text)


class OfferConfirmation(Base):
    """Someone at KL vouched for an offer's text at this time: by editing it, importing it, or
    confirming it unchanged."""

    __tablename__ = "offer_confirmations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[str] = mapped_column(String(100), index=True)
    confirmed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    confirmed_by_id: Mapped[str] = mapped_column(String(100))
    confirmed_by_name: Mapped[str] = mapped_column(String(200))


class StaleOfferNotice(Base):
    """Staff were told that this confirmation of the offer has grown old: one notice per
    confirmation, so a restart or a second scheduler never tells them twice. ``reached`` is False
    when, at ``sent_at``, there was nobody to tell (no staff channel, no staff members): the
    notice is then due again a while later, not at every tick."""

    __tablename__ = "stale_offer_notices"
    __table_args__ = (UniqueConstraint("confirmation_id", name="uq_stale_offer_notices_confirmation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[str] = mapped_column(String(100))
    confirmation_id: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    reached: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
