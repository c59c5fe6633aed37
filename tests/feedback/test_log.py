"""The feedback log on both databases: what is stored (and what is not), consent, and the
staff's list, most frequent first."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from bot.answers import Answerer
from bot.catalogue.loader import load_catalogue
from bot.feedback import FeedbackLog, Reason
from bot.storage.db import Database
from bot.storage.models.feedback import QuestionLog
from tests.conftest import OFFERS_PATH


def _rows(db: Database) -> list[QuestionLog]:
    with db.session() as session:
        return list(session.scalars(select(QuestionLog).order_by(QuestionLog.id)))


def test_abstentions_are_logged_without_a_name_and_small_talk_is_not(database: Database) -> None:
    answerer = Answerer(load_catalogue(OFFERS_PATH))
    log = FeedbackLog(database)
    assert log.record_abstention(answerer.answer("Hvordan bliver vejret?")) is not None
    assert log.record_abstention(answerer.answer("Hej")) is None
    assert log.record_abstention(answerer.answer("Tak for hjælpen")) is None
    assert log.record_abstention(answerer.answer("Hvad er mentorordningen?")) is None
    [row] = _rows(database)
    assert (row.question, row.reason, row.user_id, row.normalised) == (
        "Hvordan bliver vejret?", "abstained", None, "hvordan bliver vejret",
    )


def test_a_question_without_words_is_not_stored(database: Database) -> None:
    assert FeedbackLog(database).record("?!  ", Reason.UNHELPFUL) is None
    assert _rows(database) == []


def test_consent_adds_the_user_to_that_entry_only(database: Database) -> None:
    log = FeedbackLog(database)
    first = log.record("Hvad koster B98?", Reason.UNHELPFUL, ["b98"])
    log.record("Hvad koster B98?", Reason.UNHELPFUL, ["b98"])
    assert first is not None and log.consent(first, "U0ANNA")
    assert not log.consent(first + 1000, "U0ANNA")
    assert [r.user_id for r in _rows(database)] == ["U0ANNA", None]


def test_unanswered_lists_the_most_frequent_first_with_the_latest_wording(database: Database) -> None:
    log = FeedbackLog(database)
    for text in ("Hvem er statsminister?", "hvem er  statsminister", "Hvad er vejret?", "HVEM ER STATSMINISTER!"):
        log.record(text, Reason.ABSTAINED)
    weather_unhelpful = log.record("hvad er vejret", Reason.UNHELPFUL, ["kontakt-kl"])
    log.record("asdf", Reason.ABSTAINED)
    assert weather_unhelpful is not None and log.consent(weather_unhelpful, "U0BENT")
    old = datetime.now(timezone.utc) - timedelta(days=3)
    with database.session() as session:
        session.execute(update(QuestionLog).where(QuestionLog.normalised == "asdf").values(asked_at=old))

    listed = log.unanswered()
    assert [(e.question, e.count) for e in listed] == [
        ("HVEM ER STATSMINISTER!", 3), ("hvad er vejret", 2), ("asdf", 1),
    ]
    assert listed[1].reasons == (Reason.ABSTAINED, Reason.UNHELPFUL) and listed[1].users == ("U0BENT",)
    assert listed[0].users == () and listed[2].last_asked == old
    assert [e.question for e in log.unanswered(limit=1)] == ["HVEM ER STATSMINISTER!"]
