"""Meetings that run themselves: calendar sequence and cancellation, network cadence, quiet hours
and host-reminder settings, the lookup-before-resend flag, and host turns.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.base import UtcDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TURN_STATES = ("asked", "chosen", "passed", "kl", "replaced")


def upgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("changed_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("cancelled_at", UtcDateTime(), nullable=True))
    op.execute("UPDATE meetings SET changed_at = date_set_at")
    with op.batch_alter_table("meetings") as batch:
        batch.alter_column("changed_at", existing_type=UtcDateTime(), nullable=False)
    with op.batch_alter_table("offer_sessions") as batch:
        batch.add_column(sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("networks") as batch:
        batch.add_column(sa.Column("cadence_months", sa.Integer(), nullable=False, server_default="3"))
    with op.batch_alter_table("reminder_settings") as batch:
        for name in ("quiet_from_hour", "quiet_until_hour", "host_reminder_days"):
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
        for name in ("quiet_weekends", "quiet_holidays"):
            batch.add_column(sa.Column(name, sa.Boolean(), nullable=True))
    with op.batch_alter_table("reminder_deliveries") as batch:
        batch.add_column(sa.Column("needs_check", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "host_turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.Enum(*TURN_STATES, name="turnstate", native_enum=False, length=20), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("asked_at", UtcDateTime(), nullable=False),
        sa.Column("staff_told_at", UtcDateTime(), nullable=True),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["network_id"], ["networks.id"], name=op.f("fk_host_turns_network_id_networks"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_host_turns_member_id_members"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_host_turns_meeting_id_meetings"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_host_turns")),
        sa.UniqueConstraint("network_id", "period_start", "member_id", name=op.f("uq_host_turns_network_id")),
    )
    op.create_index(op.f("ix_host_turns_network_id"), "host_turns", ["network_id"])


def downgrade() -> None:
    op.drop_table("host_turns")
    with op.batch_alter_table("reminder_deliveries") as batch:
        batch.drop_column("needs_check")
    with op.batch_alter_table("reminder_settings") as batch:
        for name in ("quiet_from_hour", "quiet_until_hour", "host_reminder_days", "quiet_weekends", "quiet_holidays"):
            batch.drop_column(name)
    with op.batch_alter_table("networks") as batch:
        batch.drop_column("cadence_months")
    with op.batch_alter_table("offer_sessions") as batch:
        batch.drop_column("sequence")
    with op.batch_alter_table("meetings") as batch:
        for name in ("cancelled_at", "changed_at", "sequence"):
            batch.drop_column(name)
