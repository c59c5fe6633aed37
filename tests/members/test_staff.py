"""Staff access: configured ids, the Slack user group (cached, failures tolerated) and the directory."""
from __future__ import annotations

import logging

import pytest

from bot.members.staff import StaffPolicy
from bot.storage.db import Database
from bot.storage.models.members import Member, Role


def test_configured_and_directory_staff(database: Database, caplog: pytest.LogCaptureFixture) -> None:
    with database.session() as session:
        session.add(Member(slack_user_id="U_STAFF", name="Kim", role=Role.STAFF))
        session.add(Member(slack_user_id="U_MAYOR", name="Bo", role=Role.MAYOR, municipality="Aarhus"))
    policy = StaffPolicy(database, frozenset({"U_CONF"}))
    assert policy.is_staff("U_CONF")
    assert policy.is_staff("U_STAFF")
    with caplog.at_level(logging.WARNING):
        assert not policy.check("U_MAYOR", "udsend")
    assert "U_MAYOR" in caplog.text and "udsend" in caplog.text


def test_usergroup_is_cached_and_survives_a_failed_lookup(sqlite_database: Database) -> None:
    now = [0.0]
    calls: list[int] = []
    answers: list[set[str] | Exception] = [{"U_GROUP"}, RuntimeError("slack down"), set()]

    def fetch() -> set[str]:
        calls.append(1)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    policy = StaffPolicy(sqlite_database, frozenset(), cache_seconds=60, clock=lambda: now[0])
    assert not policy.is_staff("U_GROUP")
    policy.read_usergroup_with(fetch)
    assert policy.is_staff("U_GROUP")
    assert policy.is_staff("U_GROUP") and len(calls) == 1
    now[0] = 61
    assert policy.is_staff("U_GROUP"), "a failed lookup keeps the last known members"
    now[0] = 200
    assert not policy.is_staff("U_GROUP"), "removed from the group: access ends after the cache"
