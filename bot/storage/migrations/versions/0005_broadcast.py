"""Broadcasts, their outbox, "Læst" acknowledgements and the audit log.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.base import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

AUDIENCE_KINDS = ("all_mayors", "new_mayors", "network", "enrolled", "municipalities")
BROADCAST_STATUSES = ("draft", "awaiting_approval", "scheduled", "sending", "done", "cancelled")
OUTBOX_STATES = ("pending", "claimed", "delivered", "failed")


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.String(32), nullable=False),
        sa.Column("audience_kind", sa.Enum(*AUDIENCE_KINDS, name="audiencekind", native_enum=False, length=20), nullable=False),
        sa.Column("audience_label", sa.String(500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("offer_id", sa.String(100), nullable=True),
        sa.Column("ack_requested", sa.Boolean(), nullable=False),
        sa.Column("scheduled_at", UtcDateTime(), nullable=True),
        sa.Column("status", sa.Enum(*BROADCAST_STATUSES, name="broadcaststatus", native_enum=False, length=20), nullable=False),
        sa.Column("recipient_count", sa.Integer(), nullable=False),
        sa.Column("requires_approval", sa.Boolean(), nullable=False),
        sa.Column("approved_by", sa.String(32), nullable=True),
        sa.Column("approved_at", UtcDateTime(), nullable=True),
        sa.Column("progress_channel", sa.String(32), nullable=True),
        sa.Column("progress_ts", sa.String(32), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=True),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcasts")),
    )
    op.create_index(op.f("ix_broadcasts_status"), "broadcasts", ["status"])
    op.create_table(
        "broadcast_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.String(32), nullable=False),
        sa.Column("state", sa.Enum(*OUTBOX_STATES, name="outboxstate", native_enum=False, length=20), nullable=False),
        sa.Column("claimed_by", sa.String(100), nullable=True),
        sa.Column("claimed_at", UtcDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("needs_check", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=True),
        sa.Column("ts", sa.String(32), nullable=True),
        sa.Column("delivered_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["broadcast_id"], ["broadcasts.id"], name=op.f("fk_broadcast_outbox_broadcast_id_broadcasts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast_outbox")),
        sa.UniqueConstraint("broadcast_id", "recipient_id", name=op.f("uq_broadcast_outbox_broadcast_id")),
    )
    op.create_index("ix_broadcast_outbox_due", "broadcast_outbox", ["state", "next_attempt_at"])
    op.create_table(
        "broadcast_acks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("acknowledged_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["broadcast_id"], ["broadcasts.id"], name=op.f("fk_broadcast_acks_broadcast_id_broadcasts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast_acks")),
        sa.UniqueConstraint("broadcast_id", "user_id", name=op.f("uq_broadcast_acks_broadcast_id")),
    )
    op.create_table(
        "broadcast_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.String(32), nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("audience_label", sa.String(500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["broadcast_id"], ["broadcasts.id"], name=op.f("fk_broadcast_audit_broadcast_id_broadcasts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast_audit")),
    )
    op.create_index(op.f("ix_broadcast_audit_broadcast_id"), "broadcast_audit", ["broadcast_id"])


def downgrade() -> None:
    op.drop_table("broadcast_audit")
    op.drop_table("broadcast_acks")
    op.drop_table("broadcast_outbox")
    op.drop_table("broadcasts")
