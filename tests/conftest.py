"""Shared fixtures: real databases (a SQLite file per test; PostgreSQL when a server answers) and
a line at the end of the run saying which backends ran."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from bot import PROJECT_ROOT
from bot.storage.db import Database

pytest_plugins = ["tests.slack_harness.fixtures"]

SHARED = PROJECT_ROOT.parent / "shared"
OFFERS_PATH = PROJECT_ROOT / "offers.yaml"
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

_backends_ran: set[str] = set()
_pg_skip_reason: list[str] = []


def _postgres_available() -> str | None:
    """None when PostgreSQL answers; otherwise why not."""
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except OperationalError as exc:
        return f"PostgreSQL svarer ikke på {PG_ADMIN_URL}: {str(exc.orig).strip().splitlines()[0]}"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, dropped at the end."""
    reason = _postgres_available()
    if reason:
        _pg_skip_reason.append(reason)
        pytest.skip(reason)
    name = f"bb_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'bot.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Both backends: a test using this runs once on a SQLite file and once on PostgreSQL."""
    if request.param == "sqlite":
        _backends_ran.add("sqlite")
        return f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    url = request.getfixturevalue("postgres_url")
    _reset_postgres(url)
    _backends_ran.add("postgresql")
    return url


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """A migrated database on each backend."""
    db = Database(db_url)
    db.migrate()
    yield db
    db.dispose()


@pytest.fixture
def sqlite_database(sqlite_url: str) -> Iterator[Database]:
    _backends_ran.add("sqlite")
    db = Database(sqlite_url)
    db.migrate()
    yield db
    db.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    ran = ", ".join(sorted(_backends_ran)) or "ingen"
    line = f"Databaser i denne kørsel: {ran}"
    if "postgresql" not in _backends_ran and _pg_skip_reason:
        line += f" (PostgreSQL sprunget over: {_pg_skip_reason[0]})"
    terminalreporter.write_line(line)
