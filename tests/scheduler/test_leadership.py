"""One scheduler leads at a time, on both backends, and another takes over when it dies."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from bot import PROJECT_ROOT
from bot.storage.db import Database, make_engine
from scheduler.leadership import FileLeadership, PostgresLeadership, leadership_for

HOLD_THE_LOCK = """
import sys, time
from bot.storage.db import make_engine
from scheduler.leadership import leadership_for
leadership = leadership_for(make_engine(sys.argv[1]))
print("leading" if leadership.acquire() else "waiting", flush=True)
time.sleep(120)
"""


def _eventually(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_only_one_leads_until_it_lets_go(database: Database, db_url: str) -> None:
    other = make_engine(db_url)
    first, second = leadership_for(database.engine), leadership_for(other)
    assert isinstance(first, PostgresLeadership if db_url.startswith("postgresql") else FileLeadership)
    try:
        assert first.acquire()
        assert first.acquire(), "asking again while leading is harmless"
        assert not second.acquire()
        assert first.still_held() and not second.still_held()
        first.release()
        assert second.acquire()
        assert not first.acquire()
    finally:
        first.release()
        second.release()
        other.dispose()


@pytest.mark.postgres
def test_postgres_leader_whose_session_dies_steps_down_and_another_takes_over(postgres_url: str) -> None:
    leader_engine, standby_engine = make_engine(postgres_url), make_engine(postgres_url)
    leader, standby = PostgresLeadership(leader_engine), PostgresLeadership(standby_engine)
    try:
        assert leader.acquire() and not standby.acquire()
        with standby_engine.connect() as connection:
            killed = connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = :low"
                    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"low": leader._key & 0xFFFF_FFFF},
            ).scalars().all()
            connection.commit()
        assert killed == [True]
        assert not leader.still_held(), "the leader notices it lost its session"
        assert _eventually(standby.acquire)
    finally:
        leader.release()
        standby.release()
        leader_engine.dispose()
        standby_engine.dispose()


def test_a_killed_leader_process_is_replaced(database: Database, db_url: str) -> None:
    """A real second process holds the lock and is killed with SIGKILL: no clean-up runs, the
    operating system (SQLite's file lock) or the server (PostgreSQL's session) frees the lock."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, db_url], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    ours = leadership_for(database.engine)
    try:
        assert process.stdout.readline().strip() == "leading"
        assert not ours.acquire()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        assert _eventually(ours.acquire), "the lock is free once its holder is dead"
    finally:
        if process.poll() is None:
            process.kill()
        ours.release()
