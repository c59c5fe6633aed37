"""Borgmesterpraktik: opt-ins, rounds and their pairs, and the rounds' rhythm in the settings.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.base import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ROUND_STATES = ("draft", "sent")


def upgrade() -> None:
    with op.batch_alter_table("reminder_settings") as batch:
        batch.add_column(sa.Column("praktik_every_months", sa.Integer(), nullable=True))
    op.create_table(
        "praktik_opt_ins",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("opted_in_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_praktik_opt_ins_member_id_members"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_praktik_opt_ins")),
    )
    op.create_table(
        "praktik_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("state", sa.Enum(*ROUND_STATES, name="roundstate", native_enum=False, length=20), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.Column("sent_by", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_praktik_rounds")),
        sa.UniqueConstraint("period_start", name=op.f("uq_praktik_rounds_period_start")),
    )
    op.create_table(
        "praktik_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("third_id", sa.Integer(), nullable=True),
        sa.Column("introduced_at", UtcDateTime(), nullable=True),
        sa.Column("channel", sa.String(32), nullable=True),
        sa.Column("ts", sa.String(32), nullable=True),
        sa.Column("error", sa.String(500), nullable=True),
        sa.ForeignKeyConstraint(["round_id"], ["praktik_rounds.id"], name=op.f("fk_praktik_pairs_round_id_praktik_rounds"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["first_id"], ["members.id"], name=op.f("fk_praktik_pairs_first_id_members"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["second_id"], ["members.id"], name=op.f("fk_praktik_pairs_second_id_members"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["third_id"], ["members.id"], name=op.f("fk_praktik_pairs_third_id_members"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_praktik_pairs")),
    )
    op.create_index(op.f("ix_praktik_pairs_round_id"), "praktik_pairs", ["round_id"])


def downgrade() -> None:
    op.drop_table("praktik_pairs")
    op.drop_table("praktik_rounds")
    op.drop_table("praktik_opt_ins")
    with op.batch_alter_table("reminder_settings") as batch:
        batch.drop_column("praktik_every_months")
