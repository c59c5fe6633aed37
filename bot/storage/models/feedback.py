"""Questions the bot could not answer well: abstentions and answers marked unhelpful. Staff read
them to improve the catalogue. Who asked is kept only when they agreed to it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.storage.base import Base, UtcDateTime


class QuestionLog(Base):
    __tablename__ = "question_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    normalised: Mapped[str] = mapped_column(String(500), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    offers: Mapped[str] = mapped_column(String(500), default="")
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    user_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
