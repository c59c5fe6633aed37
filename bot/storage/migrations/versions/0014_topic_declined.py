"""Whether a conversation's latest message was declined, so "og på dr2?" after "hvad er der i tv i
aften?" goes on with that matter instead of the offer before it. Rows from before were not.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversation_topics") as batch:
        batch.add_column(sa.Column("declined", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("conversation_topics") as batch:
        batch.drop_column("declined")
