"""`borgmesterbot db upgrade|current`: the schema by hand (it is also upgraded at every start);
`db backup FILE` and `db restore FILE`: a consistent copy while the bot runs, and putting it back."""
from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import load_settings
from bot.danish import count
from bot.storage.db import Database
from bot.storage.migrate import current, upgrade


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("db", help="databasens skema (Alembic-migreringer)")
    actions = parser.add_subparsers(dest="db_action", required=True, metavar="HANDLING")
    actions.add_parser("upgrade", help="opgradér skemaet til nyeste version").set_defaults(handler=_upgrade)
    actions.add_parser("current", help="vis skemaets nuværende version").set_defaults(handler=_current)
    save = actions.add_parser("backup", help="gem en backup (en SQLite-fil), også mens botten kører")
    save.add_argument("file", type=Path, metavar="FIL")
    save.set_defaults(handler=_backup)
    load = actions.add_parser("restore", help="læg en backup ind i en tom database")
    load.add_argument("file", type=Path, metavar="FIL")
    load.set_defaults(handler=_restore)


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


def _rows(counted: dict[str, int]) -> str:
    return f"{count(sum(counted.values()), 'række', 'rækker')} i {count(sum(1 for n in counted.values() if n), 'tabel', 'tabeller')}"


def _backup(args: argparse.Namespace) -> int:
    from bot.storage.backup import backup

    db = _database()
    counted = backup(db, args.file)
    db.dispose()
    print(f"Backup gemt i {args.file}: {_rows(counted)}.")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from bot.storage.backup import restore

    db = _database()
    counted = restore(db, args.file)
    db.dispose()
    print(f"Databasen er gendannet fra {args.file}: {_rows(counted)}.")
    return 0
