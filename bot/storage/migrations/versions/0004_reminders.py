"""Meetings, reminder settings, hotline opt-outs and the reminder delivery log.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.base import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MEETING_KINDS = ("network", "forum")
DELIVERY_STATES = ("pending", "sending", "sent", "failed", "skipped", "uncertain")


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum(*MEETING_KINDS, name="meetingkind", native_enum=False, length=20), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=True),
        sa.Column("offer_id", sa.String(80), nullable=True),
        sa.Column("starts_at", UtcDateTime(), nullable=False),
        sa.Column("date_set_at", UtcDateTime(), nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("host_member_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(32), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'network' AND network_id IS NOT NULL) OR (kind = 'forum' AND offer_id IS NOT NULL)",
            name=op.f("ck_meetings_target"),
        ),
        sa.ForeignKeyConstraint(["host_member_id"], ["members.id"], name=op.f("fk_meetings_host_member_id_members"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["network_id"], ["networks.id"], name=op.f("fk_meetings_network_id_networks"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_index(op.f("ix_meetings_network_id"), "meetings", ["network_id"])
    op.create_index(op.f("ix_meetings_starts_at"), "meetings", ["starts_at"])
    op.create_table(
        "reminder_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_offsets_days", sa.JSON(), nullable=False),
        sa.Column("hotline_every_months", sa.Integer(), nullable=False),
        sa.Column("send_hour", sa.Integer(), nullable=False),
        sa.Column("grace_hours", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=True),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_settings")),
    )
    op.create_table(
        "hotline_opt_outs",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("opted_out_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_hotline_opt_outs_member_id_members"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_hotline_opt_outs")),
    )
    op.create_table(
        "reminder_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reminder_key", sa.String(120), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.Enum(*DELIVERY_STATES, name="deliverystate", native_enum=False, length=20), nullable=False),
        sa.Column("due_at", UtcDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(100), nullable=True),
        sa.Column("claimed_at", UtcDateTime(), nullable=True),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=True),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.Column("channel", sa.String(32), nullable=True),
        sa.Column("ts", sa.String(32), nullable=True),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_reminder_deliveries_member_id_members"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_deliveries")),
        sa.UniqueConstraint("reminder_key", "member_id", name=op.f("uq_reminder_deliveries_reminder_key")),
    )
    op.create_index(op.f("ix_reminder_deliveries_member_id"), "reminder_deliveries", ["member_id"])
    op.create_index("ix_reminder_deliveries_open", "reminder_deliveries", ["state", "next_attempt_at"])


def downgrade() -> None:
    op.drop_table("reminder_deliveries")
    op.drop_table("hotline_opt_outs")
    op.drop_table("reminder_settings")
    op.drop_table("meetings")
