"""Slack deliveries already handled, so a retry or a mention that arrives twice (as app_mention
and as a message event) is answered once. The unique key is the guard, not a lookup."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime


class HandledEvent(Base):
    __tablename__ = "handled_events"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    handled_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
