"""`db backup` while the bot writes, and `db restore` into an empty database: the backup is one
moment of the database (the rows written during it are a gap-free prefix), and the restore holds
every row of every table of it, on SQLite and PostgreSQL; PostgreSQL's ids go on after it."""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from bot.cli import main
from bot.inbound import HandledEvents
from bot.storage.backup import BackupError, backup, restore
from bot.storage.base import Base
from bot.storage.db import Database
from bot.storage.models.members import Member, Role
from tests.broadcast.directory import seed
from tests.conftest import _reset_postgres


def _rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables
        }


class Writer(threading.Thread):
    """Writes numbered keys one commit at a time until stopped, as a running bot would."""

    def __init__(self, db: Database) -> None:
        super().__init__(daemon=True)
        self._events = HandledEvents(db)
        self.stop = threading.Event()
        self.written = 0

    def run(self) -> None:
        while not self.stop.is_set():
            self._events.first_time(f"write:{self.written:06d}")
            self.written += 1


def test_backup_under_writes_then_restore_every_row(database: Database, db_url: str, tmp_path: Path) -> None:
    seed(database)
    writer = Writer(database)
    writer.start()
    try:
        while writer.written < 20:
            time.sleep(0.01)
        copy = tmp_path / "backup.sqlite3"
        counted = backup(database, copy)
        time.sleep(0.1)
    finally:
        writer.stop.set()
        writer.join()

    backed_up = _rows(Database(f"sqlite:///{copy}").engine)
    assert {name: len(rows) for name, rows in backed_up.items()} == counted
    keys = [key for key, _ in backed_up["handled_events"]]
    assert keys == [f"write:{n:06d}" for n in range(len(keys))], "one moment: every write before it, none after"
    assert 20 <= len(keys) < writer.written, "the backup was taken while the writes went on"
    assert len(backed_up["members"]) == 100

    target_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    if db_url.startswith("postgresql"):
        _reset_postgres(db_url)
        database.dispose()
        target_url = db_url
    target = Database(target_url)
    restored = restore(target, copy)
    assert restored == counted
    assert _rows(target.engine) == backed_up
    with target.session() as session:
        session.add(Member(slack_user_id="U0NEWAFTER", name="Ny efter gendannelse", role=Role.MAYOR))
    with pytest.raises(BackupError, match="ikke tom"):
        restore(target, copy)
    target.dispose()


def test_the_commands_name_the_file_and_refuse_to_overwrite(
    sqlite_database: Database, sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    seed(sqlite_database, mayors=3)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    copy = tmp_path / "kopi.sqlite3"
    assert main(["db", "backup", str(copy)]) == 0
    assert f"Backup gemt i {copy}" in capsys.readouterr().out
    assert main(["db", "backup", str(copy)]) == 2
    assert "findes allerede" in capsys.readouterr().err
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ny.sqlite3'}")
    assert main(["db", "restore", str(copy)]) == 0
    assert f"Databasen er gendannet fra {copy}: " in capsys.readouterr().out
    assert main(["db", "restore", str(copy)]) == 2
    assert "ikke tom" in capsys.readouterr().err
