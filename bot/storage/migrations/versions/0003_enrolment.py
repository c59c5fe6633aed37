"""Sessions of offers, enrolments with waitlists and seat offers, and requests staff follow up.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.base import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offer_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.String(80), nullable=False),
        sa.Column("title", sa.String(200), nullable=True),
        sa.Column("starts_at", UtcDateTime(), nullable=False),
        sa.Column("ends_at", UtcDateTime(), nullable=False),
        sa.Column("place", sa.String(300), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("fee", sa.String(200), nullable=True),
        sa.Column("deadline", UtcDateTime(), nullable=True),
        sa.Column("audience", sa.Enum("all", "first_term", name="audience", native_enum=False, length=20), nullable=False),
        sa.Column("cancelled_at", UtcDateTime(), nullable=True),
        sa.Column("queue_counter", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_offer_sessions_capacity_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_sessions")),
    )
    op.create_index(op.f("ix_offer_sessions_offer_id"), "offer_sessions", ["offer_id"])
    op.create_index(op.f("ix_offer_sessions_starts_at"), "offer_sessions", ["starts_at"])
    op.create_table(
        "enrolments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("enrolled_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("enrolled", "waitlisted", "offered", "withdrawn", "cancelled", "lapsed", name="enrolmentstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("queue_no", sa.Integer(), nullable=False),
        sa.Column("offer_expires_at", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["offer_sessions.id"], name=op.f("fk_enrolments_session_id_offer_sessions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_enrolments_member_id_members"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["enrolled_by_id"], ["members.id"], name=op.f("fk_enrolments_enrolled_by_id_members"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolments")),
        sa.UniqueConstraint("session_id", "member_id", name=op.f("uq_enrolments_session_id")),
    )
    op.create_index(op.f("ix_enrolments_member_id"), "enrolments", ["member_id"])
    op.create_table(
        "offer_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.String(80), nullable=False),
        sa.Column("kind", sa.Enum("request", "membership", name="requestkind", native_enum=False, length=20), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("network_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status", sa.Enum("open", "handled", "withdrawn", name="requeststatus", native_enum=False, length=20), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("handled_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], name=op.f("fk_offer_requests_member_id_members"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["requested_by_id"], ["members.id"], name=op.f("fk_offer_requests_requested_by_id_members"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["network_id"], ["networks.id"], name=op.f("fk_offer_requests_network_id_networks"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_requests")),
        sa.UniqueConstraint("offer_id", "member_id", name=op.f("uq_offer_requests_offer_id")),
    )
    op.create_index(op.f("ix_offer_requests_member_id"), "offer_requests", ["member_id"])


def downgrade() -> None:
    op.drop_table("offer_requests")
    op.drop_table("enrolments")
    op.drop_table("offer_sessions")
