"""Shared fixtures: real databases (a SQLite file per test; PostgreSQL when a server answers) and
a line at the end of the run saying which backends ran.

Migrating takes seconds, so it happens once per run: every SQLite test gets a copy of one migrated
file, and the PostgreSQL run database is migrated once and emptied between tests (TRUNCATE ...
RESTART IDENTITY did it; emptying only the tables a test filled is 10 times quicker, see
_empty_migrated_postgres). Cloning a template database per test was measured
too: CREATE DATABASE ... TEMPLATE is quick, but each DROP DATABASE forces a checkpoint (1.6 to 9
seconds on a busy server), slower than migrating. A test that changes the schema (a downgrade, a
foreign table of its own) is noticed, and the next one gets a freshly migrated schema; APScheduler's
job table is simply dropped.

`make test` runs the suite in two pytest-xdist workers. Each worker has its own SQLite template
(its own temporary folder) and its own PostgreSQL database, named after the checkout and the
worker, so worktrees running their suites at the same time on one server never share a database.
The line naming the backends is printed once, by the controller, from what every worker reports."""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import OperationalError

import bot.storage.models  # noqa: F401  (registers every table on Base.metadata)
from bot import PROJECT_ROOT
from bot.resources import packaged_path
from bot.storage.base import Base
from bot.storage.db import Database
from bot.storage.migrate import FOREIGN_TABLES, alembic_config

pytest_plugins = ["tests.slack_harness.fixtures"]

SHARED = PROJECT_ROOT.parent / "shared"
OFFERS_PATH = packaged_path("offers.yaml")
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

_backends_ran: set[str] = set()
_pg_skip_reason: list[str] = []
_CHECKOUT = hashlib.sha1(str(PROJECT_ROOT).encode()).hexdigest()[:8]


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
    """A fresh PostgreSQL database for this checkout's worker, dropped at the end (and first, in
    case an interrupted run left it behind)."""
    reason = _postgres_available()
    if reason:
        _pg_skip_reason.append(reason)
        pytest.skip(reason)
    name = f"bb_test_{_CHECKOUT}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    if url in _pg_engines:
        _pg_engines.pop(url).dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


_pg_engines: dict[str, Engine] = {}


def _pg_engine(url: str) -> Engine:
    """One engine per run database, kept for the run: emptying between tests is a few
    milliseconds of SQL, and a new engine and connection each time would cost more than that."""
    if url not in _pg_engines:
        _pg_engines[url] = create_engine(url, isolation_level="AUTOCOMMIT")
    return _pg_engines[url]


def _foreign_tables_of_a_migrated(connection: Connection, heads: set[str]) -> set[str] | None:
    """None unless our tables are all there at the newest revision; then the tables beyond ours
    and Alembic's that may simply be dropped (APScheduler's job store)."""
    tables = set(connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    ours = set(Base.metadata.tables) | {"alembic_version"}
    if not ours <= tables or not tables - ours <= FOREIGN_TABLES:
        return None
    if set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars()) != heads:
        return None
    return tables - ours


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{name}"' for name in sorted(names))


def _tables_with_pages(connection: Connection, names: Iterable[str]) -> set[str]:
    """Those of ``names`` whose files are not empty: rows, or the dead rows of a DELETE."""
    return set(connection.execute(
        text("SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' "
             "AND relname = ANY(:names) AND pg_relation_size(oid) > 0"),
        {"names": list(names)},
    ).scalars())


def _empty_migrated_postgres(url: str, heads: set[str]) -> None:
    """The run database as a fresh migration leaves it, the cheap way when it can be. TRUNCATE ...
    RESTART IDENTITY of every table cost 0.1 to 0.5 s per test (it gives each of 27 tables new
    files); a test writes to a few. So only the tables with pages are emptied: DELETE, then
    VACUUM, which hands the emptied pages back, so the table is as new (rows come back in the order
    they are inserted, as some tests expect of an unordered read; a table VACUUM could not shrink
    is truncated). Sequences restart, so ids start at 1 again. About 20-60 ms."""
    with _pg_engine(url).connect() as connection:
        foreign = _foreign_tables_of_a_migrated(connection, heads)
        if foreign is not None:
            tables = [table.name for table in Base.metadata.sorted_tables]
            filled = _tables_with_pages(connection, tables)
            used = list(connection.execute(text("SELECT quote_ident(sequencename) FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL")).scalars())
            statements = [f'DROP TABLE "{table}"' for table in sorted(foreign)]
            statements += [f'DELETE FROM "{name}"' for name in reversed(tables) if name in filled]
            statements += [f"ALTER SEQUENCE {sequence} RESTART" for sequence in used]
            if statements:
                connection.execute(text("BEGIN; " + "; ".join(statements) + "; COMMIT"))
            if filled:
                connection.execute(text(f"VACUUM {_quoted(filled)}"))
                unshrunk = _tables_with_pages(connection, filled)
                if unshrunk:
                    connection.execute(text(f"TRUNCATE {_quoted(unshrunk)} RESTART IDENTITY CASCADE"))
            return
    _reset_postgres(url)
    db = Database(url)
    db.migrate()
    db.dispose()


@pytest.fixture(scope="session")
def migration_heads() -> set[str]:
    engine = create_engine("sqlite://")
    heads = set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
    engine.dispose()
    return heads


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per run; each test copies it."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    db.dispose()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def place_migrated(template: Path, folder: Path) -> Path:
    """A copy of the migrated template where the bot looks when no DATABASE_URL is set (the data
    folder's borgmesterbot.sqlite3), so a process started on ``folder`` finds nothing to migrate
    (Alembic's import and twelve migrations are most of a short command's start)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, folder / "borgmesterbot.sqlite3")
    return folder


@pytest.fixture
def migrated_folder(tmp_path: Path, migrated_sqlite_template: Path) -> Path:
    """tmp_path holding a migrated, empty database, for a process started with DATA_DIR=tmp_path."""
    return place_migrated(migrated_sqlite_template, tmp_path)


@pytest.fixture
def migrated_data_dir(tmp_path: Path, migrated_sqlite_template: Path) -> Path:
    """tmp_path/data holding a migrated, empty database (see place_migrated)."""
    return place_migrated(migrated_sqlite_template, tmp_path / "data")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'bot.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Both backends: a test using this runs once on a SQLite file and once on PostgreSQL. The
    database at this URL is migrated and empty (and is the one ``database`` opens)."""
    if request.param == "sqlite":
        _backends_ran.add("sqlite")
        path = tmp_path / "bot.sqlite3"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_url")
    _empty_migrated_postgres(url, request.getfixturevalue("migration_heads"))
    _backends_ran.add("postgresql")
    return url


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """A migrated, empty database on each backend."""
    db = Database(db_url)
    yield db
    db.dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path, migrated_sqlite_template: Path) -> Iterator[Database]:
    _backends_ran.add("sqlite")
    path = tmp_path / "bot.sqlite3"
    shutil.copyfile(migrated_sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    yield db
    db.dispose()


@pytest.fixture
def database_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_sqlite_template: Path) -> Database:
    """A migrated SQLite file (a copy of the template) that the `borgmesterbot` command finds
    through DATABASE_URL."""
    path = tmp_path / "bot.sqlite3"
    shutil.copyfile(migrated_sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    return Database(url)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In an xdist worker: hand what ran to the controller, which prints the summary."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["backends_ran"] = sorted(_backends_ran)
        workeroutput["pg_skip_reason"] = list(_pg_skip_reason)


class _WorkerReports:
    """Collects each xdist worker's backends as it finishes (registered only when xdist is)."""

    @pytest.hookimpl
    def pytest_testnodedown(self, node: object, error: object) -> None:
        output = getattr(node, "workeroutput", {})
        _backends_ran.update(output.get("backends_ran", []))
        _pg_skip_reason.extend(output.get("pg_skip_reason", []))


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_WorkerReports(), "borgmesterbot-worker-reports")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if hasattr(config, "workeroutput"):
        return
    ran = ", ".join(sorted(_backends_ran)) or "ingen"
    line = f"Databaser i denne kørsel: {ran}"
    if "postgresql" not in _backends_ran and _pg_skip_reason:
        line += f" (PostgreSQL sprunget over: {_pg_skip_reason[0]})"
    terminalreporter.write_line(line)
