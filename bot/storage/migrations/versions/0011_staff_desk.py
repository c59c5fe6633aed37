"""The audit log of staff actions and the staff's work items with their messages.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.base import UtcDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ITEM_KINDS = ("request", "question", "person", "delivery")
ITEM_STATES = ("open", "taken", "closed", "withdrawn")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor_id", sa.String(32), nullable=False),
        sa.Column("actor_name", sa.String(200), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_table(
        "work_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum(*ITEM_KINDS, name="itemkind", native_enum=False, length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=True),
        sa.Column("asker_id", sa.String(32), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("topic", sa.String(300), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("state", sa.Enum(*ITEM_STATES, name="itemstate", native_enum=False, length=20), nullable=False),
        sa.Column("assignee_id", sa.String(32), nullable=True),
        sa.Column("assignee_name", sa.String(200), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(200), nullable=True),
        sa.Column("answered_at", UtcDateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("closed_by", sa.String(200), nullable=True),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_items")),
    )
    op.create_index(op.f("ix_work_items_state"), "work_items", ["state"])
    op.create_table(
        "work_item_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("ts", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["work_items.id"], name=op.f("fk_work_item_messages_item_id_work_items"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_item_messages")),
    )
    op.create_index(op.f("ix_work_item_messages_item_id"), "work_item_messages", ["item_id"])


def downgrade() -> None:
    op.drop_table("work_item_messages")
    op.drop_table("work_items")
    op.drop_table("audit_log")
