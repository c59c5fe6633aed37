"""`borgmesterbot unanswered` prints the staff's list in Danish, most frequent first."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.feedback import FeedbackLog, Reason
from bot.storage.db import Database


@pytest.fixture
def database_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    db = Database(url)
    db.migrate()
    return db


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
