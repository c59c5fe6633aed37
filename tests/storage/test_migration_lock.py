"""Replicas that start together migrate one after the other: two `borgmesterbot db upgrade`
processes on one fresh database both succeed and leave one schema at the newest revision. On
PostgreSQL the test holds the migration lock first and sees both replicas wait for it."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.storage.db import Database
from bot.storage.migrate import current, head_revisions
from bot.storage.migration_lock import MIGRATION_KEY, migration_lock
from tests.conftest import _reset_postgres
from tests.slack.serving import operator_env


def _replica(url: str, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "db", "upgrade"], env=operator_env(folder, DATABASE_URL=url), cwd=folder,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def _finish(replicas: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    results = []
    for replica in replicas:
        try:
            output, _ = replica.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            replica.kill()
            output, _ = replica.communicate()
        results.append((replica.returncode, output))
    return results


def _assert_one_schema_at_head(url: str) -> None:
    db = Database(url)
    assert current(db.engine) == head_revisions()
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM alembic_version")) == len(head_revisions())
    db.dispose()


def _waiting_for_the_lock(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        waiting = connection.scalar(
            text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = :high AND objid = :low"),
            {"high": MIGRATION_KEY >> 32, "low": MIGRATION_KEY & 0xFFFF_FFFF},
        )
    engine.dispose()
    return int(waiting or 0)


@pytest.mark.postgres
def test_two_replicas_wait_for_each_other_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    _reset_postgres(postgres_url)
    db_url = postgres_url
    holder = Database(db_url)
    with migration_lock(holder.engine):
        replicas = [_replica(db_url, tmp_path), _replica(db_url, tmp_path)]
        deadline = time.monotonic() + 60
        while _waiting_for_the_lock(db_url) < 2:
            assert all(r.poll() is None for r in replicas), _finish(replicas)
            assert time.monotonic() < deadline, "the replicas never waited for the migration lock"
            time.sleep(0.1)
        assert current(holder.engine) == set(), "nothing migrated while the lock was held"
    results = _finish(replicas)
    holder.dispose()
    assert [code for code, _ in results] == [0, 0], results
    _assert_one_schema_at_head(db_url)


def test_two_replicas_migrating_at_once_both_succeed(db_url: str, tmp_path: Path) -> None:
    results = _finish([_replica(db_url, tmp_path), _replica(db_url, tmp_path)])
    assert [code for code, _ in results] == [0, 0], results
    _assert_one_schema_at_head(db_url)
