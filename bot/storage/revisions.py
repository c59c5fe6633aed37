"""Is the database already at the newest schema? Answered without Alembic.

Every process that opens the database (each `borgmesterbot` command, each replica) migrates first,
and importing Alembic alone takes longer than the rest of a short command. Nearly always there is
nothing to migrate, so the revisions the package ships are read straight from the migration files
(their `revision` and `down_revision` lines) and compared with the database's alembic_version
table; only when they differ is Alembic imported and run (bot.storage.migrate.upgrade, under the
migration lock). tests/storage/test_revisions.py holds this reading equal to Alembic's own."""
from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, inspect, text

VERSIONS = Path(__file__).parent / "migrations" / "versions"
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


@cache
def shipped_heads() -> frozenset[str]:
    """The revisions no other migration builds on: what `alembic upgrade heads` leads to."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        values = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        if "revision" not in values:
            continue
        revisions.add(ast.literal_eval(values["revision"]))
        down = ast.literal_eval(values.get("down_revision", "None"))
        parents.update([down] if isinstance(down, str) else (down or ()))
    return frozenset(revisions - parents)


def stored_revisions(engine: Engine) -> frozenset[str]:
    """The revisions alembic_version holds (none in a new database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return frozenset()
        return frozenset(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def at_head(engine: Engine) -> bool:
    heads = shipped_heads()
    return bool(heads) and stored_revisions(engine) == heads
