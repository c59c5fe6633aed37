"""The catalogue in the database: its versions, offer confirmations and stale-offer notices.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.base import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_versions",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("author_id", sa.String(100), nullable=False),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_catalogue_versions")),
    )
    op.create_table(
        "offer_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.String(100), nullable=False),
        sa.Column("confirmed_at", UtcDateTime(), nullable=False),
        sa.Column("confirmed_by_id", sa.String(100), nullable=False),
        sa.Column("confirmed_by_name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_confirmations")),
    )
    op.create_index(op.f("ix_offer_confirmations_offer_id"), "offer_confirmations", ["offer_id"])
    op.create_table(
        "stale_offer_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.String(100), nullable=False),
        sa.Column("confirmation_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stale_offer_notices")),
        sa.UniqueConstraint("confirmation_id", name="uq_stale_offer_notices_confirmation_id"),
    )


def downgrade() -> None:
    op.drop_table("stale_offer_notices")
    op.drop_index(op.f("ix_offer_confirmations_offer_id"), table_name="offer_confirmations")
    op.drop_table("offer_confirmations")
    op.drop_table("catalogue_versions")
