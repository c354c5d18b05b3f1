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
    # How the extractor obtained the date (`model.DateBasis`, encoded): what a publication
    # date learnt later changes of it. Null for events stored before it was kept.
    Column("date_basis", Text),
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

# Disputes (`store/disputes.py`): cases of one state against one platform over one matter.
# Every case that can be in a dispute has a `dispute_cases` row, which also keeps what
# linking needs of it (its step, and its decision: the steps it continues), so a batch
# decides its new steps from the rows just before them alone; a dispute keeps a tally its
# summary is made from, so steps join it without reading its other steps. Dispute keys are
# readable and order-independent; a key that changes (an earlier step came to light, two
# disputes joined) stays as an alias.
disputes = Table(
    "disputes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(NAME), nullable=False, unique=True),  # ru-twitter-2021-01-23
    Column("base_key", String(NAME), nullable=False),  # the key before a -2 told two apart
    Column("state", String(8), nullable=False),  # ISO code of the state's side
    Column("platform_id", Integer, ForeignKey("entities.id")),  # the platform group's root
    Column("platform_key", String(NAME), nullable=False),
    Column("first_date", String(10)),  # the first step's date as stated
    Column("last_date", String(10)),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("n_steps", Integer, nullable=False),
    Column("outcome", String(16), nullable=False),  # open, escalated, complied, refused
    Column("harshest", String(16)),  # type of the harshest state act
    Column("harshest_status", String(16)),
    Column("start_day", Date),  # the state's first act (its first demand, usually)
    Column("days_to_compliance", Integer),
    Column("days_to_harshest", Integer),
    Column("fines_eur", Float, nullable=False, default=0.0),
    Column("fines_usd", Float, nullable=False, default=0.0),
    Column("n_fines", Integer, nullable=False, default=0),
    Column("n_unconverted", Integer, nullable=False, default=0),
    Column("matter", Text),  # JSON list of the matters and laws its steps name
    Column("tally", Text, nullable=False),  # JSON: what the summary is made of
    Index("ix_disputes_last_day", "last_day"),
    Index("ix_disputes_state", "state", "last_day"),
    Index("ix_disputes_platform_id", "platform_id", "last_day"),
    Index("ix_disputes_n_steps", "n_steps", "last_day"),
    Index("ix_disputes_base_key", "base_key"),
)

dispute_cases = Table(
    "dispute_cases",
    metadata,
    Column(
        "case_id",
        Integer,
        ForeignKey("cases.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("dispute_id", Integer, ForeignKey("disputes.id"), nullable=False),
    Column("part", String(NAME), nullable=False),  # "RU twitter": state and platform group
    Column("case_key", String(KEY), nullable=False),  # the smallest key of its events
    Column("type", String(16), nullable=False),
    Column("type_order", Integer, nullable=False),  # a day's steps in the order told
    Column("status", String(16), nullable=False),
    Column("date", String(10)),
    Column("lo", Date, nullable=False),
    Column("hi", Date, nullable=False),
    Column("day", Date, nullable=False),
    Column("eur", Float),
    Column("usd", Float),
    Column("subject", String(NAME)),  # entity keys: the platform side as reported
    Column("party", String(NAME)),  # and the state side
    Column("cues", Text),  # JSON list of matter and law ids its evidence names
    Column("refers", Boolean, nullable=False, default=False),
    Column("targets", Text),  # JSON list of the case keys of the steps it continues
    Column("inherited", Text),  # JSON list of the families of matter it carries on
    Column("link", Text),  # JSON: how it joined its dispute
    Index("ix_dispute_cases_part", "part", "lo"),
    Index("ix_dispute_cases_part_hi", "part", "hi"),
    Index("ix_dispute_cases_dispute_id", "dispute_id", "day"),
)

dispute_aliases = Table(
    "dispute_aliases",
    metadata,
    Column("alias", String(NAME), primary_key=True),  # a key a dispute had
    Column("dispute_key", String(NAME), nullable=False),  # the key it goes by now
)

dispute_rules = Table(
    "dispute_rules",
    metadata,
    # The rules the stored disputes were linked under (`DisputeRules.fingerprint`); none
    # until the store is first linked when opened.
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("rules", Text, nullable=False),
    Column("linked_at", DateTime, nullable=False),
)


def migrated(name: str | None, type_: str, parent_names: object) -> bool:
    """Whether the migrations own a database object: the server's `watch_*` tables live beside
    the store's but are created by the server (`clampdown.api.watch_schema`)."""
    return not (type_ == "table" and name is not None and name.startswith("watch_"))
