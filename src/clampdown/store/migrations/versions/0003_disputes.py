"""Disputes: cases of one state against one platform over one matter, with their steps.

The tables start empty; opening the store links the cases already in it (`store.disputes.
ensure_linked`), so a migration never runs linking code that a later version may change.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NAME = 300
KEY = 64


def upgrade() -> None:
    op.create_table(
        "disputes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(NAME), nullable=False),
        sa.Column("base_key", sa.String(NAME), nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("platform_id", sa.Integer(), nullable=True),
        sa.Column("platform_key", sa.String(NAME), nullable=False),
        sa.Column("first_date", sa.String(10), nullable=True),
        sa.Column("last_date", sa.String(10), nullable=True),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("n_steps", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("harshest", sa.String(16), nullable=True),
        sa.Column("harshest_status", sa.String(16), nullable=True),
        sa.Column("start_day", sa.Date(), nullable=True),
        sa.Column("days_to_compliance", sa.Integer(), nullable=True),
        sa.Column("days_to_harshest", sa.Integer(), nullable=True),
        sa.Column("fines_eur", sa.Float(), nullable=False),
        sa.Column("fines_usd", sa.Float(), nullable=False),
        sa.Column("n_fines", sa.Integer(), nullable=False),
        sa.Column("n_unconverted", sa.Integer(), nullable=False),
        sa.Column("matter", sa.Text(), nullable=True),
        sa.Column("tally", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["platform_id"], ["entities.id"], name="fk_disputes_platform_id_entities"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_disputes"),
        sa.UniqueConstraint("key", name="uq_disputes_key"),
    )
    op.create_index("ix_disputes_last_day", "disputes", ["last_day"])
    op.create_index("ix_disputes_state", "disputes", ["state", "last_day"])
    op.create_index("ix_disputes_platform_id", "disputes", ["platform_id", "last_day"])
    op.create_index("ix_disputes_n_steps", "disputes", ["n_steps", "last_day"])
    op.create_index("ix_disputes_base_key", "disputes", ["base_key"])

    op.create_table(
        "dispute_cases",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(NAME), nullable=False),
        sa.Column("case_key", sa.String(KEY), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("type_order", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("lo", sa.Date(), nullable=False),
        sa.Column("hi", sa.Date(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("eur", sa.Float(), nullable=True),
        sa.Column("usd", sa.Float(), nullable=True),
        sa.Column("subject", sa.String(NAME), nullable=True),
        sa.Column("party", sa.String(NAME), nullable=True),
        sa.Column("cues", sa.Text(), nullable=True),
        sa.Column("refers", sa.Boolean(), nullable=False),
        sa.Column("targets", sa.Text(), nullable=True),
        sa.Column("inherited", sa.Text(), nullable=True),
        sa.Column("link", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_dispute_cases_case_id_cases",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"], ["disputes.id"], name="fk_dispute_cases_dispute_id_disputes"
        ),
        sa.PrimaryKeyConstraint("case_id", name="pk_dispute_cases"),
    )
    op.create_index("ix_dispute_cases_part", "dispute_cases", ["part", "lo"])
    op.create_index("ix_dispute_cases_part_hi", "dispute_cases", ["part", "hi"])
    op.create_index("ix_dispute_cases_dispute_id", "dispute_cases", ["dispute_id", "day"])

    op.create_table(
        "dispute_aliases",
        sa.Column("alias", sa.String(NAME), nullable=False),
        sa.Column("dispute_key", sa.String(NAME), nullable=False),
        sa.PrimaryKeyConstraint("alias", name="pk_dispute_aliases"),
    )
    op.create_table(
        "dispute_rules",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_dispute_rules"),
    )


def downgrade() -> None:
    op.drop_table("dispute_rules")
    op.drop_table("dispute_aliases")
    op.drop_table("dispute_cases")
    op.drop_table("disputes")
