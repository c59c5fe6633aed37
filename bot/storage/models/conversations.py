"""What each conversation (a DM, a channel thread, a console session) was last about, so a
follow-up ("hvad koster det?") is answered about it by whichever replica receives it. A row
expires: an old topic must not colour a question asked hours later."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, String, false
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime


class ConversationTopic(Base):
    __tablename__ = "conversation_topics"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    offer_ids: Mapped[list[str]] = mapped_column(JSON)
    earlier: Mapped[list[str]] = mapped_column(JSON)
    # None in rows written before the column (migration 0013): no list remembered.
    listed: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # The latest message was declined (migration 0014; rows before it were not).
    declined: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    intent: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
