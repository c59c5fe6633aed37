"""Conversation topics: what each DM or thread was last about, for follow-ups, with an expiry.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.base import UtcDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_topics",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("offer_ids", sa.JSON(), nullable=False),
        sa.Column("earlier", sa.JSON(), nullable=False),
        sa.Column("intent", sa.String(20), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_conversation_topics")),
    )
    op.create_index(op.f("ix_conversation_topics_expires_at"), "conversation_topics", ["expires_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_conversation_topics_expires_at"), table_name="conversation_topics")
    op.drop_table("conversation_topics")
