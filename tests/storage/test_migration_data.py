"""Migrations keep every row: a database filled at each revision from the first to the head
still holds all of it, including when a SQLite table rebuild (batch mode) recreates a parent
table whose children are declared ON DELETE CASCADE."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from bot.storage.db import Database
from bot.storage.migrate import alembic_config, upgrade

STAMP = "2026-11-27 10:00:00.000000+00:00"
FILLS = {
    "0001": [
        "INSERT INTO handled_events (key, handled_at) VALUES ('Ev1', :t), ('Ev2', :t)",
        "INSERT INTO question_log (id, question, normalised, reason, offers, asked_at, user_id)"
        " VALUES (1, 'Hvad koster mentor?', 'hvad koster mentor', 'abstain', '', :t, NULL),"
        " (2, 'Netværk?', 'netvaerk', 'unhelpful', 'borgmesternetvaerk', :t, 'U0M1')",
    ],
    "0002": [
        "INSERT INTO members (id, slack_user_id, name, municipality, role, first_term, acts_for_id, created_at, updated_at)"
        " VALUES (1, 'U0M1', 'Mette', 'Aarhus', 'mayor', true, NULL, :t, :t),"
        " (2, 'U0S1', 'Søren', 'Aarhus', 'secretariat', false, 1, :t, :t),"
        " (3, 'U0M2', 'Åse', 'Ærø', 'mayor', false, NULL, :t, :t)",
        "INSERT INTO networks (id, name, created_at) VALUES (1, 'Netværk Øst', :t)",
        "INSERT INTO network_members (id, network_id, member_id, joined_at) VALUES (1, 1, 1, :t), (2, 1, 3, :t)",
    ],
    "0003": [
        "INSERT INTO offer_sessions (id, offer_id, title, starts_at, ends_at, place, online, capacity, fee, deadline,"
        " audience, cancelled_at, queue_counter, created_at, updated_at)"
        " VALUES (1, 'modeledelse', NULL, :t, :t, 'KL-huset', false, 1, '500 kr.', NULL, 'all', NULL, 2, :t, :t)",
        "INSERT INTO enrolments (id, session_id, member_id, enrolled_by_id, status, queue_no, offer_expires_at, created_at, updated_at)"
        " VALUES (1, 1, 1, 2, 'enrolled', 1, NULL, :t, :t), (2, 1, 3, NULL, 'waitlisted', 2, NULL, :t, :t)",
        "INSERT INTO offer_requests (id, offer_id, kind, member_id, requested_by_id, network_id, note, status, created_at, updated_at, handled_at)"
        " VALUES (1, 'borgmesternetvaerk', 'membership', 3, NULL, 1, 'Gerne Øst', 'open', :t, :t, NULL)",
    ],
    "0004": [
        "INSERT INTO meetings (id, kind, network_id, offer_id, starts_at, date_set_at, place, agenda, host_member_id,"
        " created_by, created_at, updated_at)"
        " VALUES (1, 'network', 1, NULL, :t, :t, 'Aarhus Rådhus', 'Budget', 1, 'U0K1', :t, :t)",
        "INSERT INTO hotline_opt_outs (member_id, opted_out_at) VALUES (3, :t)",
        "INSERT INTO reminder_deliveries (id, reminder_key, member_id, state, due_at, attempts, claimed_by, claimed_at,"
        " next_attempt_at, sent_at, channel, ts, error, created_at)"
        " VALUES (1, 'meeting:1:14d', 1, 'sent', :t, 1, NULL, NULL, NULL, :t, 'D0M1', '1.1', NULL, :t)",
    ],
    "0005": [
        "INSERT INTO broadcasts (id, author_id, audience_kind, audience_label, text, offer_id, ack_requested,"
        " scheduled_at, status, recipient_count, requires_approval, approved_by, approved_at, progress_channel,"
        " progress_ts, created_at, started_at, finished_at)"
        " VALUES (1, 'U0K1', 'all_mayors', 'Alle borgmestre', 'Husk B98', NULL, true, NULL, 'done', 2, false,"
        " NULL, NULL, 'D0K1', '2.2', :t, :t, :t)",
        "INSERT INTO broadcast_outbox (id, broadcast_id, recipient_id, state, claimed_by, claimed_at, attempts,"
        " needs_check, last_error, next_attempt_at, channel, ts, delivered_at)"
        " VALUES (1, 1, 'U0M1', 'delivered', NULL, NULL, 1, false, NULL, :t, 'D0M1', '3.3', :t),"
        " (2, 1, 'U0M2', 'failed', NULL, NULL, 1, false, 'account_inactive', :t, NULL, NULL, NULL)",
        "INSERT INTO broadcast_acks (id, broadcast_id, user_id, acknowledged_at) VALUES (1, 1, 'U0M1', :t)",
        "INSERT INTO broadcast_audit (id, broadcast_id, actor_id, action, audience_label, text, at)"
        " VALUES (1, 1, 'U0K1', 'sent', 'Alle borgmestre', 'Husk B98', :t)",
    ],
    "0006": [
        "INSERT INTO catalogue_versions (number, created_at, author_id, author_name, reason, document)"
        " VALUES (1, :t, 'offers.yaml', 'KL', 'Startkatalog', '{\"offers\": []}')",
        "INSERT INTO offer_confirmations (id, offer_id, confirmed_at, confirmed_by_id, confirmed_by_name)"
        " VALUES (1, 'b98', :t, 'U0K1', 'Karen KL')",
        "INSERT INTO stale_offer_notices (id, offer_id, confirmation_id, sent_at) VALUES (1, 'b98', 1, :t)",
    ],
    "0009": [
        "INSERT INTO conversation_topics (key, offer_ids, earlier, intent, language, expires_at, updated_at)"
        " VALUES ('slack:D0M1', '[\"b98\"]', '[]', 'when', 'da', :t, :t)",
    ],
    "0011": [
        "INSERT INTO audit_log (id, at, actor_id, actor_name, action, subject, detail)"
        " VALUES (1, :t, 'U0K1', 'Karen KL', 'answer_sent', 'Anmodning om mentor fra Åse', 'Vi ringer')",
        "INSERT INTO work_items (id, kind, ref_id, asker_id, title, topic, details, state, assignee_id, assignee_name, answer,"
        " answered_by, answered_at, note, closed_by, closed_at, created_at, updated_at)"
        " VALUES (1, 'request', 1, 'U0M2', 'Anmodning om mentor', 'din anmodning om mentor', 'Åse, Ærø', 'taken', 'U0K1', 'Karen KL', NULL,"
        " NULL, NULL, NULL, NULL, NULL, :t, :t)",
        "INSERT INTO work_item_messages (id, item_id, channel, ts) VALUES (1, 1, 'C0STAFF', '4.4')",
    ],
}


def _fill_at_each_revision(engine: Engine) -> None:
    for revision, statements in FILLS.items():
        upgrade(engine, revision)
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement), {"t": STAMP})


def _snapshot(engine: Engine, columns: dict[str, list[str]] | None = None) -> dict[str, Any]:
    names = inspect(engine).get_table_names()
    columns = columns or {t: [c["name"] for c in inspect(engine).get_columns(t)] for t in names if t != "alembic_version"}
    with engine.connect() as connection:
        return {
            table: (cols, sorted(tuple(row) for row in connection.execute(text(f"SELECT {', '.join(cols)} FROM {table}"))))
            for table, cols in columns.items()
        }


def _filled(sqlite_url: str) -> tuple[Database, dict[str, Any]]:
    db = Database(sqlite_url)
    _fill_at_each_revision(db.engine)
    before = _snapshot(db.engine)
    assert sum(len(rows) for _, rows in before.values()) == 29
    return db, before


def test_every_row_survives_the_upgrade_to_the_heads(sqlite_url: str) -> None:
    db, before = _filled(sqlite_url)
    upgrade(db.engine)
    assert _snapshot(db.engine, {table: cols for table, (cols, _) in before.items()}) == before
    db.dispose()


def test_a_table_rebuild_cascades_nothing(sqlite_url: str, tmp_path: Path) -> None:
    """A later migration that recreates ``members`` and ``offer_sessions`` in batch mode (as
    any ALTER beyond ADD COLUMN does on SQLite) must not take network members, enrolments or
    requests with it."""
    db, before = _filled(sqlite_url)
    upgrade(db.engine)
    scripts = tmp_path / "migrations"
    shipped = ScriptDirectory.from_config(alembic_config(db.engine))
    shutil.copytree(shipped.dir, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    heads = tuple(shipped.get_heads())
    (scripts / "versions" / "9999_rebuild.py").write_text(
        f'''"""Rebuild two parent tables."""
from alembic import op

revision = "9999"
down_revision = {heads!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("members", "offer_sessions"):
        with op.batch_alter_table(table, recreate="always"):
            pass


def downgrade() -> None:
    pass
''',
        encoding="utf-8",
    )
    config = Config()
    config.set_main_option("script_location", str(scripts))
    config.attributes["engine"] = db.engine
    command.upgrade(config, "9999")
    assert _snapshot(db.engine, {table: cols for table, (cols, _) in before.items()}) == before
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1, "foreign keys are on again afterwards"
    db.dispose()
