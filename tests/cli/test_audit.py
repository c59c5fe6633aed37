"""`borgmesterbot audit [--siden DATO]` prints every staff action kept in the database, oldest
first, in Danish time, with the staff member's name; --siden leaves out what came before."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.cli import main
from bot.staffdesk import Action, AuditLog
from bot.storage.db import Database
from bot.storage.models.staff import AuditEntry


def test_an_empty_log_says_so(database_env: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit"]) == 0
    assert capsys.readouterr().out.strip() == "Ingen medarbejderhandlinger endnu."


def test_every_action_is_listed_and_since_filters(database_env: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with database_env.session() as session:
        session.add(
            AuditEntry(
                at=datetime(2026, 1, 14, 9, 30, tzinfo=timezone.utc), actor_id="U0OLD", actor_name=None,
                action=Action.SESSION_CREATED.value, subject="Mødeledelse 5.3.2099",
            )
        )
    AuditLog(database_env).record("U0KAREN", Action.ANSWER_SENT, "Mentorordning til Mette Mayor", "Vi ringer\ni morgen", actor_name="Karen Kristensen")
    assert main(["audit"]) == 0
    old, new = capsys.readouterr().out.splitlines()
    assert old == "onsdag d. 14. januar 2026 kl. 10.30  U0OLD oprettede en dato: Mødeledelse 5.3.2099"
    assert new.endswith("Karen Kristensen sendte et svar: Mentorordning til Mette Mayor – Vi ringer i morgen")

    assert main(["audit", "--siden", "1.2.2026"]) == 0
    [only] = capsys.readouterr().out.splitlines()
    assert "Karen Kristensen" in only


def test_a_wrong_date_is_one_danish_line(database_env: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--siden", "i går"]) == 2
    assert "er ikke en dato" in capsys.readouterr().err
