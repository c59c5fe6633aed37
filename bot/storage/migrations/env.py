"""Alembic environment: runs on the engine handed over by bot.storage.migrate.

On SQLite, foreign keys are switched off around the migration: a batch-mode table rebuild drops
and recreates the table, and with foreign keys on that would cascade-delete the child rows. The
PRAGMA goes to the driver connection directly because it is a no-op inside a transaction.
"""
from __future__ import annotations

from alembic import context

import bot.storage.models  # noqa: F401  (registers every table on Base.metadata)
from bot.storage.base import Base
from bot.storage.migrate import include_name

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    raw = connection.connection.driver_connection
    if sqlite:
        raw.execute("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=sqlite,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()
    if sqlite:
        raw.execute("PRAGMA foreign_keys=ON")
