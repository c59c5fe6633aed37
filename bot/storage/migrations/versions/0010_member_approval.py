"""Members' approval: a self-registered person is pending until KL staff approve them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

APPROVALS = ("approved", "pending", "rejected")


def upgrade() -> None:
    # Everyone already in the directory came from KL's import or was accepted before this rule.
    with op.batch_alter_table("members") as batch:
        batch.add_column(
            sa.Column(
                "approval", sa.Enum(*APPROVALS, name="approval", native_enum=False, length=20), nullable=False,
                server_default="approved",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("approval")
