"""The tables of the event store, as SQLAlchemy Core metadata.

The migrations in `migrations/versions` create exactly this (a test compares them), so
code reads and writes through these objects while the database's version is alembic's.

Keys are deterministic where a retry must find what a crashed run wrote: a document by the
SHA-256 of its normalised text, an event by a hash of its document and its content. Cases
and stories are numbered, as they are formed incrementally inside one transaction per batch.
Indexes serve the filters of `clampdown events` / `clampdown cases` and the linking lookup
(type and subject within dates).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

# Named constraints, so migrations on SQLite and PostgreSQL agree on every name.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

KEY = 64  # hex SHA-256
NAME = 300

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    # The copy the story started from; set once its documents are stored.
    Column(
        "origin_doc_id",
        Integer,
        ForeignKey("documents.id", use_alter=True, name="fk_stories_origin_doc_id_documents"),
    ),
    Column("source", String(NAME)),  # outlet credited with it, when one is known
    Column("n_documents", Integer, nullable=False, default=0),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(KEY), nullable=False, unique=True),  # SHA-256 of normalised text
    Column("url_key", String(KEY), unique=True),  # SHA-256 of the normalised URL
    Column("url", Text),
    Column("ext_id", Text, nullable=False),  # the id the input gave it
    Column("title", Text),
    Column("lang", String(8)),
    Column("published", Date),  # as stated by the input
    Column("published_inferred", Date),  # for undated documents, from copies or cases
    Column("date_basis", String(16)),  # "copies" or "cases" when inferred
    Column("text", Text, nullable=False),
    Column("origin", Text),  # file and line it was read from
    Column("outlet", String(NAME)),  # publisher of this copy (URL or title)
    Column("attributed", String(NAME)),  # wire or outlet the text relays
    Column("republished", Boolean, nullable=False, default=False),
    Column("cues", Text),  # JSON list of the attribution cues found
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False),
    Column("signature", LargeBinary, nullable=False),  # MinHash values
    Column("ingested_at", DateTime, nullable=False),
    Index("ix_documents_story_id", "story_id"),
    Index("ix_documents_published", "published"),
)

doc_bands = Table(
    "doc_bands",
    metadata,
    Column("band_key", BigInteger, primary_key=True, autoincrement=False),
    Column(
        "doc_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(NAME), nullable=False, unique=True),  # kb id or new.ROLE.slug
    Column("name", String(NAME), nullable=False),
    Column("role", String(32)),
    Column("kind", String(32)),
    Column("country", String(8)),
    Column("known", Boolean, nullable=False, default=True),
)

entity_names = Table(
    "entity_names",
    metadata,
    Column(
        "entity_id",
        Integer,
        ForeignKey("entities.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("surface", String(NAME), primary_key=True),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(16), nullable=False),
    Column("subject_id", Integer, ForeignKey("entities.id")),  # target; platform for responses
    Column("actor_id", Integer, ForeignKey("entities.id")),
    Column("target_id", Integer, ForeignKey("entities.id")),
    Column("country", String(8)),
    Column("status", String(16), nullable=False),
    Column("date", String(10)),  # YYYY, YYYY-MM or YYYY-MM-DD
    Column("date_lo", Date),
    Column("date_hi", Date),
    Column("amount", Float),
    Column("amount_low", Float),
    Column("amount_high", Float),
    Column("currency", String(3)),
    Column("amount_eur", Float),
    Column("amount_usd", Float),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_documents", Integer, nullable=False, default=0),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("origin_doc_id", Integer, ForeignKey("documents.id")),
    Column("origin_source", String(NAME)),
    Column("conflicts", Text),  # JSON list of {field, values: [{value, sources, documents}]}
    Column("has_conflict", Boolean, nullable=False, default=False),
    Column("conversion_flag", Boolean, nullable=False, default=False),
    Index("ix_cases_link", "type", "subject_id", "date_lo"),
    Index("ix_cases_date_lo", "date_lo"),
    Index("ix_cases_actor_id", "actor_id", "date_lo"),
    Index("ix_cases_target_id", "target_id", "date_lo"),
    Index("ix_cases_country", "country", "date_lo"),
    Index("ix_cases_n_sources", "n_sources", "date_lo"),
    Index("ix_cases_type_amount", "type", "amount_eur"),
    Index("ix_cases_country_amount", "country", "amount_eur"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(KEY), nullable=False, unique=True),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),  # order within the document
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("actor_id", Integer, ForeignKey("entities.id")),
    Column("target_id", Integer, ForeignKey("entities.id")),
    Column("actor", String(NAME)),  # canonical names as extracted
    Column("target", String(NAME)),
    Column("country", String(8)),
    Column("status", String(16), nullable=False),
    Column("date", String(10)),
    Column("date_lo", Date),
    Column("date_hi", Date),
    Column("date_completed", Boolean, nullable=False, default=False),
    Column("amount", Float),
    Column("amount_low", Float),
    Column("amount_high", Float),
    Column("currency", String(3)),
    Column("amount_eur", Float),
    Column("amount_usd", Float),
    Column("rate_date", Date),
    Column("stated_amount", Float),  # the article's own conversion of the amount
    Column("stated_currency", String(3)),
    Column("stated_expected", Float),  # the same at the reference rate
    Column("stated_deviation", Float),
    Column("stated_ok", Boolean),
    Column("evidence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Index("ix_events_date_lo", "date_lo"),
    Index("ix_events_type", "type", "date_lo"),
    Index("ix_events_actor_id", "actor_id", "date_lo"),
    Index("ix_events_target_id", "target_id", "date_lo"),
    Index("ix_events_country", "country", "date_lo"),
    Index("ix_events_case_id", "case_id"),
    Index("ix_events_doc_id", "doc_id"),
    Index("ix_events_type_amount", "type", "amount_eur"),
    Index("ix_events_country_amount", "country", "amount_eur"),
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    # Progress marker: how far through one set of inputs committed batches have got.
    Column("key", String(KEY), primary_key=True),
    Column("inputs", Text, nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("documents", Integer, nullable=False, default=0),
    Column("events", Integer, nullable=False, default=0),
    Column("finished", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime, nullable=False),
)


def migrated(name: str | None, type_: str, parent_names: object) -> bool:
    """Whether the migrations own a database object: the server's `watch_*` tables live beside
    the store's but are created by the server (`clampdown.api.watch_schema`)."""
    return not (type_ == "table" and name is not None and name.startswith("watch_"))
