"""Handled Slack deliveries and the log of unanswered or unhelpful questions.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.base import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handled_events",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("handled_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_handled_events")),
    )
    op.create_table(
        "question_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("normalised", sa.String(500), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("offers", sa.String(500), nullable=False),
        sa.Column("asked_at", UtcDateTime(), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_log")),
    )
    op.create_index(op.f("ix_question_log_normalised"), "question_log", ["normalised"])


def downgrade() -> None:
    op.drop_index(op.f("ix_question_log_normalised"), table_name="question_log")
    op.drop_table("question_log")
    op.drop_table("handled_events")
