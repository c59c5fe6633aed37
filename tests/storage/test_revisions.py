"""The cheap "already at the newest schema?" check agrees with Alembic: the same heads read from
the migration files, a database one migration behind (or with none) is migrated, and one at the
head is left alone without Alembic being imported."""
from __future__ import annotations

import subprocess
import sys

from sqlalchemy import text

from bot.storage.db import Database
from bot.storage.migrate import current, downgrade, head_revisions
from bot.storage.revisions import at_head, shipped_heads, stored_revisions


def test_the_files_name_the_heads_alembic_finds() -> None:
    assert shipped_heads() == head_revisions()


def test_a_database_behind_is_migrated_and_one_at_head_is_recognised(database: Database) -> None:
    assert at_head(database.engine) and stored_revisions(database.engine) == head_revisions()
    (newest,) = head_revisions()
    downgrade(database.engine, "-1")
    assert current(database.engine) != head_revisions()
    assert not at_head(database.engine)
    database.migrate()
    assert current(database.engine) == {newest} and at_head(database.engine)


def test_a_new_database_has_no_revision_and_is_migrated(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    try:
        assert stored_revisions(db.engine) == frozenset() and not at_head(db.engine)
        db.migrate()
        assert current(db.engine) == head_revisions()
        with db.engine.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM alembic_version")) == 1
    finally:
        db.dispose()


def test_migrating_a_database_at_head_does_not_import_alembic(database: Database) -> None:
    url = database.engine.url.render_as_string(hide_password=False)
    probe = (
        "import sys\n"
        "from bot.storage.db import Database\n"
        f"db = Database({url!r})\n"
        "db.migrate()\n"
        "print(sorted(name for name in sys.modules if name == 'alembic' or name.startswith('alembic.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
