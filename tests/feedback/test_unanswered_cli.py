"""`borgmesterbot unanswered` prints the staff's list in Danish, most frequent first."""
from __future__ import annotations

import pytest

from bot.cli import main
from bot.feedback import FeedbackLog, Reason
from bot.notify import Postman
from bot.staffdesk import AuditLog, StaffDesk, Staffer
from bot.storage.db import Database
from bot.storage.models.members import Member, Role
from bot.storage.models.staff import ItemKind


def test_an_empty_log_says_so(database_env: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["unanswered"]) == 0
    assert capsys.readouterr().out.strip() == "Ingen ubesvarede eller uhjælpsomme spørgsmål endnu."


def test_the_list_is_most_frequent_first(database_env: Database, capsys: pytest.CaptureFixture[str]) -> None:
    log = FeedbackLog(database_env)
    log.record("Hvad er vejret?", Reason.ABSTAINED)
    for _ in range(3):
        log.record("Hvem er statsminister?", Reason.ABSTAINED)
    entry = log.record("Hvem er statsminister?", Reason.UNHELPFUL)
    assert entry is not None and log.consent(entry, "U0ANNA")
    assert main(["unanswered", "--limit", "5"]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("   4 × Hvem er statsminister?")
    assert "ubesvaret, markeret som ikke nyttigt" in first and "må kontaktes: U0ANNA" in first
    assert second.startswith("   1 × Hvad er vejret?") and "må kontaktes" not in second


def test_the_list_names_who_asked_and_whether_kl_has_answered(database_env: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with database_env.session() as session:
        session.add(Member(slack_user_id="U0ANNA", name="Anna Andersen", municipality="Aarhus", role=Role.MAYOR))
    postman = Postman()
    desk = StaffDesk(database_env, postman, AuditLog(database_env))
    log = FeedbackLog(database_env, desk)
    asked = log.record("Hvem betaler for frokosten?", Reason.ABSTAINED)
    log.record("Hvad er vejret?", Reason.ABSTAINED)
    assert asked is not None and log.consent(asked, "U0ANNA")
    item = desk.find(ItemKind.QUESTION, asked)
    assert item is not None and "Fra: Anna Andersen (Aarhus)" in item.details
    desk.answer(item.id, Staffer("U0KAREN", "Karen Kristensen"), "KL betaler.")
    assert main(["unanswered"]) == 0
    lines = capsys.readouterr().out.splitlines()
    [lunch] = [line for line in lines if "frokosten" in line]
    [weather] = [line for line in lines if "vejret" in line]
    assert "må kontaktes: Anna Andersen (Aarhus)" in lunch and "U0ANNA" not in lunch
    assert "besvaret " in lunch and "af Karen Kristensen" in lunch
    assert weather.endswith("ikke besvaret)")
