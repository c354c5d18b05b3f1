"""How each event's date was obtained (`model.DateBasis`), so an undated document whose
date the store learns later has its events re-dated without extracting it again.

Events stored before stay without one (null): `link.undated` keeps their dates, and gives
an undated one the publication date, as the extractor does an act the text never dates.

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column with no default: SQLite adds it in place, as PostgreSQL does.
    op.add_column("events", sa.Column("date_basis", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("date_basis")
