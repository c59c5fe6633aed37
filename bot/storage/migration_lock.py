"""One migration at a time: replicas that start together (a deployment rolling out, systemd
starting `serve` and `scheduler` at once) would otherwise both see an old schema and both run
the same migration, and the slower one fails on a table that now exists.

PostgreSQL: a session-level advisory lock, waited for, on a connection of its own; it goes with
the session if the process dies. SQLite: an OS file lock on a file next to the database, which
the kernel releases however the process ends. Whoever waited finds the schema at the newest
revision and has nothing left to do.
"""
from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

# "bbmigrat" in ASCII: recognisable in pg_locks, and not the scheduler's leadership key.
MIGRATION_KEY = int.from_bytes(b"bbmigrat", "big") & 0x7FFF_FFFF_FFFF_FFFF


def lock_file(engine: Engine) -> Path | None:
    """The SQLite lock file (None for an in-memory database, which no other process can see)."""
    database = make_url(str(engine.url)).database
    return Path(f"{database}.migrate.lock") if database and database != ":memory:" else None


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_KEY})
        return
    path = lock_file(engine)
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
