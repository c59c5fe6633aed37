"""Alembic driven from code: the migrations ship inside the package and run at start, so the
bot never needs an alembic.ini at the project's top level. They are named as a package resource
("bot.storage:migrations"), which Alembic finds through importlib.resources wherever the package
is installed."""
from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = "bot.storage:migrations"

# APScheduler's job store keeps its own table in the same database; it is not ours to migrate.
FOREIGN_TABLES = frozenset({"apscheduler_jobs"})


def include_name(name: str | None, type_: str, _parents: MutableMapping[Any, str | None]) -> bool:
    """Alembic's filter: leave the tables of other libraries alone."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def current(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())
