"""Whether a stale-offer notice reached anyone: without a staff channel or staff members it is
kept as an attempt and tried again a day later, instead of at every scheduler tick.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stale_offer_notices") as batch:
        batch.add_column(sa.Column("reached", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("stale_offer_notices") as batch:
        batch.drop_column("reached")
