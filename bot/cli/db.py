"""`borgmesterbot db upgrade|current`: the schema by hand (it is also upgraded at every start)."""
from __future__ import annotations

import argparse

from bot.config import load_settings
from bot.storage.db import Database
from bot.storage.migrate import current, upgrade


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("db", help="databasens skema (Alembic-migreringer)")
    actions = parser.add_subparsers(dest="db_action", required=True, metavar="HANDLING")
    actions.add_parser("upgrade", help="opgradér skemaet til nyeste version").set_defaults(handler=_upgrade)
    actions.add_parser("current", help="vis skemaets nuværende version").set_defaults(handler=_current)


def _database() -> Database:
    return Database(load_settings().database_url)


def _upgrade(_args: argparse.Namespace) -> int:
    db = _database()
    upgrade(db.engine)
    print(f"Databasen er opdateret: {', '.join(sorted(current(db.engine)))}")
    return 0


def _current(_args: argparse.Namespace) -> int:
    heads = current(_database().engine)
    print(", ".join(sorted(heads)) if heads else "Databasen har intet skema endnu: kør 'borgmesterbot db upgrade'.")
    return 0
