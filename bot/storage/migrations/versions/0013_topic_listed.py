"""The offers a conversation's latest answer showed side by side, so "den første" and "den anden"
still pick from them after an answer about one of them. Rows from before have none.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversation_topics") as batch:
        batch.add_column(sa.Column("listed", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("conversation_topics") as batch:
        batch.drop_column("listed")
