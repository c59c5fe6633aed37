"""Only one scheduler at a time: APScheduler's job store must never be shared by two running
schedulers, and two senders would race for the same reminders.

On PostgreSQL the leader holds a session-level advisory lock on a connection of its own; when
its process dies the server ends the session, the lock goes with it, and a waiting replica
takes it on its next try. On SQLite (one machine by nature) the leader holds an OS file lock
on a file next to the database; the kernel releases it when the process dies, however it dies.
"""
from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

# pg_try_advisory_lock takes a bigint; this one is "borgmest" in ASCII, so it is recognisable
# in pg_locks and unlikely to meet another application's key.
ADVISORY_KEY = int.from_bytes(b"borgmest", "big") & 0x7FFF_FFFF_FFFF_FFFF


class Leadership(Protocol):
    def acquire(self) -> bool:
        """Try once, without waiting; True when this process now leads."""
        ...

    def still_held(self) -> bool:
        """False when the lock has been lost (the connection died), so the leader steps down."""
        ...

    def release(self) -> None:
        ...


class PostgresLeadership:
    def __init__(self, engine: Engine, key: int = ADVISORY_KEY) -> None:
        self._engine = engine
        self._key = key
        self._connection: Connection | None = None

    def acquire(self) -> bool:
        if self._connection is not None:
            return self.still_held()
        try:
            connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            if connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}):
                self._connection = connection
                return True
            connection.close()
        except DBAPIError as error:
            log.warning("could not ask PostgreSQL for the scheduler lock: %s", error.orig)
        return False

    def still_held(self) -> bool:
        if self._connection is None:
            return False
        try:
            held = self._connection.scalar(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND pid = pg_backend_pid() AND classid = :high AND objid = :low"
                ),
                {"high": self._key >> 32, "low": self._key & 0xFFFF_FFFF},
            )
        except DBAPIError as error:
            log.error("lost the connection holding the scheduler lock: %s", error.orig)
            self._drop()
            return False
        if not held:
            self._drop()
        return bool(held)

    def release(self) -> None:
        if self._connection is None:
            return
        try:
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
        except DBAPIError:
            log.info("the scheduler lock's connection was already gone")
        self._drop()

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.invalidate()
                connection.close()
            except DBAPIError:
                pass


class FileLeadership:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        if self._file is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return True

    def still_held(self) -> bool:
        return self._file is not None

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()


def leadership_for(engine: Engine) -> Leadership:
    url = make_url(str(engine.url))
    if url.get_backend_name() == "postgresql":
        return PostgresLeadership(engine)
    if not url.database or url.database == ":memory:":
        raise ValueError("the scheduler needs a database file (or PostgreSQL) to coordinate leadership")
    return FileLeadership(Path(f"{url.database}.scheduler.lock"))
