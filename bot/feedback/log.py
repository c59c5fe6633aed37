"""The log of abstentions and answers marked unhelpful, and the list staff read from it.

Who asked is not stored unless they agree to it afterwards (``consent``): a mayor's question
about, say, threats is nobody's business by default.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select, update

from bot.answers import Intent
from bot.answers.normalise import tokens
from bot.feedback.staff_items import question_item
from bot.members.directory import member_by_slack_id
from bot.staffdesk.desk import StaffDesk, who
from bot.storage.db import Database, rowcount
from bot.storage.models.feedback import QuestionLog
from bot.storage.models.members import Member
from bot.storage.models.staff import ItemKind, WorkItem

if TYPE_CHECKING:
    from bot.answers import Answer  # the answerer loads the search index; logging needs none of it

# Replies that are not answers to a question about the offers: nothing to improve there.
_NOT_QUESTIONS = frozenset({Intent.GREETING, Intent.THANKS, Intent.HELP})
_NORMALISED_LENGTH = 500
_OFFERS_LENGTH = 500


class Reason(StrEnum):
    ABSTAINED = "abstained"
    UNHELPFUL = "unhelpful"


@dataclass(frozen=True)
class Unanswered:
    question: str
    count: int
    last_asked: datetime
    reasons: tuple[Reason, ...]
    users: tuple[str, ...]
    askers: tuple[str, ...] = ()
    """Who agreed to be known, as staff read them: "Mette Mayor (Vejle)"."""
    answered: tuple[str, datetime] | None = None
    """Who at KL answered the question (any time it was asked), and when: the latest answer."""


# A question is stored up to here: staff read the log to see what mayors ask, and no real
# question is longer, while a pasted document (Slack allows 40,000 characters) would fill it.
MAX_STORED_QUESTION = 1000


def normalise(question: str) -> str:
    """One spelling per question, so "Hvad er B98?" and "hvad er b98" are counted together."""
    return " ".join(tokens(question))[:_NORMALISED_LENGTH]


class FeedbackLog:
    """With a ``desk``, each logged question also becomes a work item for KL's staff, and a
    consent given later names the asker there (the CLI reads the log without one)."""

    def __init__(self, db: Database, desk: StaffDesk | None = None) -> None:
        self._db = db
        self._desk = desk

    def record(self, question: str, reason: Reason, offers: Iterable[str] = ()) -> int | None:
        """Store a question; None when it holds no words to learn from."""
        normalised = normalise(question)
        if not normalised:
            return None
        entry = QuestionLog(
            question=question.strip()[:MAX_STORED_QUESTION], normalised=normalised, reason=reason.value,
            offers=",".join(offers)[:_OFFERS_LENGTH],
        )
        with self._db.session() as session:
            session.add(entry)
            session.flush()
            entry_id = entry.id
        if self._desk is not None:
            self._desk.open(question_item(entry_id, entry.question, reason, tuple(offers)))
        return entry_id

    def record_abstention(self, answer: Answer) -> int | None:
        """Log the answer when the bot had to say it did not know; None otherwise."""
        if not answer.abstained or answer.intent in _NOT_QUESTIONS:
            return None
        return self.record(answer.question, Reason.ABSTAINED)

    def consent(self, entry_id: int, user_id: str) -> bool:
        """The asker agreed that KL may see it was them; False when the entry is gone or someone
        else's name is on it already (a name once given is never replaced)."""
        with self._db.session() as session:
            done = session.execute(
                update(QuestionLog)
                .where(QuestionLog.id == entry_id, or_(QuestionLog.user_id.is_(None), QuestionLog.user_id == user_id))
                .values(user_id=user_id)
            )
            asker = who(member_by_slack_id(session, user_id))
        if not rowcount(done):
            return False
        item = self._desk.find(ItemKind.QUESTION, entry_id) if self._desk is not None else None
        if item is not None and self._desk is not None:
            self._desk.amend(item.id, asker_id=user_id, details=f"{item.details}\nFra: {asker}")
        return True

    def unanswered(self, limit: int = 50) -> list[Unanswered]:
        """Most asked first, then most recent."""
        with self._db.session() as session:
            groups = session.execute(
                select(QuestionLog.normalised, func.count(), func.max(QuestionLog.asked_at))
                .group_by(QuestionLog.normalised)
                .order_by(func.count().desc(), func.max(QuestionLog.asked_at).desc())
                .limit(limit)
            ).all()
            keys = [g[0] for g in groups]
            rows = session.execute(
                select(QuestionLog.id, QuestionLog.normalised, QuestionLog.question, QuestionLog.reason, QuestionLog.user_id)
                .where(QuestionLog.normalised.in_(keys))
                .order_by(QuestionLog.asked_at.desc(), QuestionLog.id.desc())
            ).all()
            group_of = {entry_id: normalised for entry_id, normalised, *_ in rows}
            names = {
                m.slack_user_id: who(m)
                for m in session.scalars(select(Member).where(Member.slack_user_id.in_({r.user_id for r in rows if r.user_id})))
            }
            answers = session.execute(
                select(WorkItem.ref_id, WorkItem.answered_by, WorkItem.answered_at)
                .where(WorkItem.kind == ItemKind.QUESTION, WorkItem.ref_id.in_(group_of), WorkItem.answered_at.is_not(None))
                .order_by(WorkItem.answered_at)
            ).all()
        latest: dict[str, str] = {}
        reasons: dict[str, set[Reason]] = {}
        users: dict[str, set[str]] = {}
        for _id, normalised, question, reason, user_id in rows:
            latest.setdefault(normalised, question)
            reasons.setdefault(normalised, set()).add(Reason(reason))
            if user_id:
                users.setdefault(normalised, set()).add(user_id)
        answered = {group_of[ref]: (by or "KL", at) for ref, by, at in answers if ref is not None and at is not None}
        return [
            Unanswered(
                question=latest[key], count=count, last_asked=last,
                reasons=tuple(sorted(reasons[key])), users=tuple(sorted(users.get(key, ()))),
                askers=tuple(sorted(names.get(u, u) for u in users.get(key, ()))), answered=answered.get(key),
            )
            for key, count, last in groups
        ]
