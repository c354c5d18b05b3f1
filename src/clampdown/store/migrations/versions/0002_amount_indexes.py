"""Indexes for listing events and cases by amount (in euros), largest first.

A listing sorted by amount is nearly always narrowed by type (fines) or country; an index
on that column and the amount hands SQLite the rows already in order, where an index on
the filter alone makes it sort every fine of the store to show a page of a hundred.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_type_amount": ("events", ["type", "amount_eur"]),
    "ix_events_country_amount": ("events", ["country", "amount_eur"]),
    "ix_cases_type_amount": ("cases", ["type", "amount_eur"]),
    "ix_cases_country_amount": ("cases", ["country", "amount_eur"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
