"""The storage set-up itself: migrations apply on both backends and timestamps keep their zone."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from bot.storage.db import Database
from bot.storage.migrate import alembic_config, current, downgrade, upgrade
from bot.storage.models import HandledEvent


def test_migrations_reach_head_and_round_trip(database: Database) -> None:
    heads = set(ScriptDirectory.from_config(alembic_config(database.engine)).get_heads())
    assert current(database.engine) == heads
    downgrade(database.engine, "base")
    assert current(database.engine) == set()
    upgrade(database.engine)
    with database.session() as session:
        session.add(HandledEvent(key="Ev1"))
    with database.session() as session:
        stored = session.get(HandledEvent, "Ev1")
        assert stored is not None
        assert stored.handled_at.tzinfo is not None


def test_naive_datetime_is_refused(database: Database) -> None:
    with pytest.raises(Exception, match="naive"):
        with database.session() as session:
            session.add(HandledEvent(key="Ev2", handled_at=datetime(2026, 1, 1)))


def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_database: Database) -> None:
    with sqlite_database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_utc_round_trip(database: Database) -> None:
    moment = datetime(2026, 3, 29, 0, 59, tzinfo=timezone.utc)
    with database.session() as session:
        session.add(HandledEvent(key="Ev3", handled_at=moment))
    with database.session() as session:
        assert session.get(HandledEvent, "Ev3").handled_at == moment


def test_migrations_match_the_models(database: Database) -> None:
    """Every model change comes with its migration: autogenerate finds nothing left to do, and
    leaves APScheduler's job table (same database, not ours) alone."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.storage.base import Base
    from bot.storage.migrate import include_name

    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE apscheduler_jobs (id VARCHAR(191) PRIMARY KEY)"))
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        assert compare_metadata(context, Base.metadata) == []
