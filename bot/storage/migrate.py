"""Alembic driven from code: the migrations ship inside the package and run at start, so the
bot never needs an alembic.ini at the project's top level. They are named as a package resource
("bot.storage:migrations"), which Alembic finds through importlib.resources wherever the package
is installed."""
from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from bot.storage.migration_lock import migration_lock

MIGRATIONS = "bot.storage:migrations"

# APScheduler's job store keeps its own table in the same database; it is not ours to migrate.
FOREIGN_TABLES = frozenset({"apscheduler_jobs"})


def include_name(name: str | None, type_: str, _parents: MutableMapping[Any, str | None]) -> bool:
    """Alembic's filter: leave the tables of other libraries alone."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return config


def alembic_config(engine: Engine) -> Config:
    config = _config()
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Under the migration lock, so replicas that start together migrate one after the other."""
    with migration_lock(engine):
        command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def head_revisions() -> set[str]:
    """The newest revisions the package ships (`check` compares the database with them)."""
    return set(ScriptDirectory.from_config(_config()).get_heads())


def current(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())
