"""The catalogue in use read for `ask`, which must start in well under a second and must work on
a machine with no database: the newest version's document in one query, or the seed file when
there is no database file, no catalogue in it yet, or no database answering. Nothing is created,
migrated or written. SQLite is read with the standard library (read-only), so the default set-up
does not pay for importing SQLAlchemy."""
from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

from bot.catalogue.document import from_json
from bot.catalogue.loader import load_catalogue
from bot.catalogue.model import Catalogue

log = logging.getLogger(__name__)

NEWEST = "SELECT number, document FROM catalogue_versions ORDER BY number DESC LIMIT 1"
_SQLITE = "sqlite:///"


def _sqlite_newest(path: Path) -> tuple[int, str] | None:
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            return connection.execute(NEWEST).fetchone()
    except sqlite3.Error as exc:
        log.info("no catalogue in %s (%s)", path, exc)
        return None


def _server_newest(database_url: str) -> tuple[int, str] | None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(text(NEWEST)).first()
            return (row[0], row[1]) if row else None
    except SQLAlchemyError as exc:
        log.warning("could not read the catalogue from the database (%s)", type(exc).__name__)
        return None
    finally:
        engine.dispose()


def read_in_use(seed: Path, database_url: str) -> Catalogue:
    if database_url.startswith(_SQLITE):
        newest = _sqlite_newest(Path(database_url.removeprefix(_SQLITE)))
    else:
        newest = _server_newest(database_url)
    if newest is None:
        return load_catalogue(seed)
    number, text = newest
    return from_json(text, f"version {number}")
