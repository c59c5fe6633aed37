"""`db backup` and `db restore`: a consistent copy while the bot runs, and putting one back.

A backup is always one SQLite file at the newest schema. From SQLite it is SQLite's online backup
(one read snapshot of the whole file, while writers go on in WAL mode); from PostgreSQL every
table is copied inside one REPEATABLE READ transaction, so the file is one moment of the database
too (pg_dump is the tool for PostgreSQL's own format, see the README). A restore copies every row
of every table into an empty database of either kind, in foreign-key order, and moves
PostgreSQL's id sequences past the copied ids, so the next row gets a fresh id.
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, func, insert, select, text, update

import bot.storage.models  # noqa: F401  (registers every table on Base.metadata)
from bot.errors import UserError
from bot.storage.base import Base
from bot.storage.db import Database, is_sqlite
from bot.storage.migrate import current, head_revisions, upgrade

CHUNK = 500


class BackupError(UserError):
    """The backup or restore cannot be done; the Danish message says why and what to do."""


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _self_references(table: Table) -> list[str]:
    """Columns pointing into their own table (a secretariat acting for a mayor): copied as NULL
    first and set once every row is in, since a row may point to one with a higher id."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _copy(source: Connection, target: Connection) -> dict[str, int]:
    copied: dict[str, int] = {}
    for table in _tables():
        later = _self_references(table)
        pending: list[dict[str, object]] = []
        count = 0
        rows = source.execute(select(table).order_by(*table.primary_key.columns)).mappings()
        while chunk := rows.fetchmany(CHUNK):
            values = [dict(row) for row in chunk]
            if later:
                pending += [{**{c: v[c] for c in later}, **{f"pk_{c.name}": v[c.name] for c in table.primary_key.columns}}
                            for v in values if any(v[c] is not None for c in later)]
                values = [{**v, **{c: None for c in later}} for v in values]
            target.execute(insert(table), values)
            count += len(values)
        for row in pending:
            key = [column == row[f"pk_{column.name}"] for column in table.primary_key.columns]
            target.execute(update(table).where(*key).values({c: row[c] for c in later}))
        copied[table.name] = count
    return copied


def _advance_sequences(target: Connection) -> None:
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int):
                sequence = target.scalar(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                         {"table": table.name, "column": column.name})
                if sequence:
                    highest = target.scalar(select(func.max(column)))
                    target.execute(text("SELECT setval(:sequence, :value, :called)"),
                                   {"sequence": sequence, "value": highest or 1, "called": highest is not None})


def _require_head(db: Database, what: str) -> None:
    if current(db.engine) != head_revisions():
        raise BackupError(f"{what} er ikke på nyeste skema: kør 'borgmesterbot db upgrade' først.")


def backup(db: Database, target: Path) -> dict[str, int]:
    """Rows per table in the new file at ``target``, which must not exist yet."""
    if target.exists():
        raise BackupError(f"{target} findes allerede: vælg et nyt filnavn, så ingen backup overskrives.")
    _require_head(db, "Databasen")
    target.parent.mkdir(parents=True, exist_ok=True)
    if is_sqlite(db.engine):
        raw = db.engine.raw_connection()
        try:
            live = raw.driver_connection
            assert isinstance(live, sqlite3.Connection)
            with closing(sqlite3.connect(target)) as file:
                live.backup(file)
        finally:
            raw.close()
    copy = Database(f"sqlite:///{target}")
    try:
        if is_sqlite(db.engine):
            return counts(copy.engine)
        copy.migrate()
        with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as source, copy.engine.begin() as sink:
            source.execute(text("SET TRANSACTION READ ONLY"))
            copied = _copy(source, sink)
            source.rollback()
    finally:
        copy.dispose()
    return copied


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table of the bot's own."""
    with engine.connect() as connection:
        return {table.name: connection.scalar(select(func.count()).select_from(table)) or 0 for table in _tables()}


def restore(db: Database, source: Path) -> dict[str, int]:
    """Every row of the backup at ``source`` into ``db``, which must hold no rows yet. An older
    backup is brought to the newest schema on a temporary copy first (the file itself is never
    changed)."""
    if not source.is_file():
        raise BackupError(f"{source} findes ikke.")
    upgrade(db.engine)
    filled = sorted(name for name, n in counts(db.engine).items() if n)
    if filled:
        raise BackupError(f"Databasen er ikke tom ({', '.join(sorted(filled))}): læg backuppen ind i en ny, tom database.")
    with tempfile.TemporaryDirectory() as scratch:
        working = Path(scratch) / "backup.sqlite3"
        shutil.copyfile(source, working)
        backup_db = Database(f"sqlite:///{working}")
        try:
            upgrade(backup_db.engine)
            with backup_db.engine.connect() as reader, db.engine.begin() as writer:
                copied = _copy(reader, writer)
                if not is_sqlite(db.engine):
                    _advance_sequences(writer)
        finally:
            backup_db.dispose()
    return copied
