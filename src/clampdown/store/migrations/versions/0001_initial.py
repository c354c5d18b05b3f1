"""The first event store: documents, stories, entities, cases, events, progress markers.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

NAME = 300
KEY = 64


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin_doc_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(NAME), nullable=True),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("url_key", sa.String(KEY), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("ext_id", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("lang", sa.String(8), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_inferred", sa.Date(), nullable=True),
        sa.Column("date_basis", sa.String(16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(NAME), nullable=True),
        sa.Column("attributed", sa.String(NAME), nullable=True),
        sa.Column("republished", sa.Boolean(), nullable=False),
        sa.Column("cues", sa.Text(), nullable=True),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_documents_story_id_stories"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("key", name="uq_documents_key"),
        sa.UniqueConstraint("url_key", name="uq_documents_url_key"),
    )
    op.create_index("ix_documents_story_id", "documents", ["story_id"])
    op.create_index("ix_documents_published", "documents", ["published"])
    # stories -> documents closes a cycle, so it is added once both tables exist.
    with op.batch_alter_table("stories") as batch:
        batch.create_foreign_key(
            "fk_stories_origin_doc_id_documents", "documents", ["origin_doc_id"], ["id"]
        )

    op.create_table(
        "doc_bands",
        sa.Column("band_key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("doc_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["documents.id"], name="fk_doc_bands_doc_id_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band_key", "doc_id", name="pk_doc_bands"),
    )

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(NAME), nullable=False),
        sa.Column("name", sa.String(NAME), nullable=False),
        sa.Column("role", sa.String(32), nullable=True),
        sa.Column("kind", sa.String(32), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("known", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.UniqueConstraint("key", name="uq_entities_key"),
    )
    op.create_table(
        "entity_names",
        sa.Column("entity_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("surface", sa.String(NAME), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name="fk_entity_names_entity_id_entities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entity_id", "surface", name="pk_entity_names"),
    )

    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("date_lo", sa.Date(), nullable=True),
        sa.Column("date_hi", sa.Date(), nullable=True),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("amount_low", sa.Float(), nullable=True),
        sa.Column("amount_high", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("amount_eur", sa.Float(), nullable=True),
        sa.Column("amount_usd", sa.Float(), nullable=True),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("origin_doc_id", sa.Integer(), nullable=True),
        sa.Column("origin_source", sa.String(NAME), nullable=True),
        sa.Column("conflicts", sa.Text(), nullable=True),
        sa.Column("has_conflict", sa.Boolean(), nullable=False),
        sa.Column("conversion_flag", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["subject_id"], ["entities.id"],
                                name="fk_cases_subject_id_entities"),
        sa.ForeignKeyConstraint(["actor_id"], ["entities.id"], name="fk_cases_actor_id_entities"),
        sa.ForeignKeyConstraint(["target_id"], ["entities.id"],
                                name="fk_cases_target_id_entities"),
        sa.ForeignKeyConstraint(["origin_doc_id"], ["documents.id"],
                                name="fk_cases_origin_doc_id_documents"),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
    )
    op.create_index("ix_cases_link", "cases", ["type", "subject_id", "date_lo"])
    op.create_index("ix_cases_date_lo", "cases", ["date_lo"])
    op.create_index("ix_cases_actor_id", "cases", ["actor_id", "date_lo"])
    op.create_index("ix_cases_target_id", "cases", ["target_id", "date_lo"])
    op.create_index("ix_cases_country", "cases", ["country", "date_lo"])
    op.create_index("ix_cases_n_sources", "cases", ["n_sources", "date_lo"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("doc_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(NAME), nullable=True),
        sa.Column("target", sa.String(NAME), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("date_lo", sa.Date(), nullable=True),
        sa.Column("date_hi", sa.Date(), nullable=True),
        sa.Column("date_completed", sa.Boolean(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("amount_low", sa.Float(), nullable=True),
        sa.Column("amount_high", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("amount_eur", sa.Float(), nullable=True),
        sa.Column("amount_usd", sa.Float(), nullable=True),
        sa.Column("rate_date", sa.Date(), nullable=True),
        sa.Column("stated_amount", sa.Float(), nullable=True),
        sa.Column("stated_currency", sa.String(3), nullable=True),
        sa.Column("stated_expected", sa.Float(), nullable=True),
        sa.Column("stated_deviation", sa.Float(), nullable=True),
        sa.Column("stated_ok", sa.Boolean(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], name="fk_events_doc_id_documents",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_events_case_id_cases"),
        sa.ForeignKeyConstraint(["actor_id"], ["entities.id"], name="fk_events_actor_id_entities"),
        sa.ForeignKeyConstraint(["target_id"], ["entities.id"],
                                name="fk_events_target_id_entities"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("key", name="uq_events_key"),
    )
    op.create_index("ix_events_date_lo", "events", ["date_lo"])
    op.create_index("ix_events_type", "events", ["type", "date_lo"])
    op.create_index("ix_events_actor_id", "events", ["actor_id", "date_lo"])
    op.create_index("ix_events_target_id", "events", ["target_id", "date_lo"])
    op.create_index("ix_events_country", "events", ["country", "date_lo"])
    op.create_index("ix_events_case_id", "events", ["case_id"])
    op.create_index("ix_events_doc_id", "events", ["doc_id"])

    op.create_table(
        "ingest_runs",
        sa.Column("key", sa.String(KEY), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_ingest_runs"),
    )


def downgrade() -> None:
    for table in ("ingest_runs", "events", "cases", "entity_names", "entities", "doc_bands"):
        op.drop_table(table)
    with op.batch_alter_table("stories") as batch:
        batch.drop_constraint("fk_stories_origin_doc_id_documents", type_="foreignkey")
    op.drop_table("documents")
    op.drop_table("stories")
