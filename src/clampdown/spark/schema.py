"""Spark schemas of the tables a job writes, matching the dicts of `records`.

Stated, not inferred: inference would sample rows, and a sample whose amounts happen to be
all null gives a column Parquet readers then disagree about.
"""

from __future__ import annotations

from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    BooleanType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)


def _fields(*spec: tuple[str, object]) -> list[StructField]:
    return [StructField(name, kind, True) for name, kind in spec]  # type: ignore[arg-type]


EVENT_FIELDS = _fields(
    ("seq", IntegerType()),
    ("type", StringType()),
    ("actor", StringType()),
    ("target", StringType()),
    ("actor_id", StringType()),
    ("target_id", StringType()),
    ("country", StringType()),
    ("status", StringType()),
    ("date", StringType()),
    ("amount", DoubleType()),
    ("amount_low", DoubleType()),
    ("amount_high", DoubleType()),
    ("currency", StringType()),
    ("evidence", StringType()),
    ("start", IntegerType()),
    ("end", IntegerType()),
    ("date_basis", StringType()),  # `model.DateBasis`, encoded
)
EVENT = StructType(EVENT_FIELDS)
SURFACE = StructType(_fields(("key", StringType()), ("names", ArrayType(StringType()))))

POSITION = _fields(("file", IntegerType()), ("record", LongType()))

DOCUMENT = StructType(
    [
        *POSITION,
        *_fields(
            ("id", StringType()),
            ("text", StringType()),
            ("published", DateType()),
            ("lang", StringType()),
            ("url", StringType()),
            ("title", StringType()),
            ("source", StringType()),
            ("key", StringType()),
            ("url_key", StringType()),
            ("signature", BinaryType()),
            ("bands", ArrayType(LongType())),
            ("outlet", StringType()),
            ("wire", StringType()),
            ("cited", ArrayType(StringType())),
            ("republished", BooleanType()),
            ("cues", ArrayType(StringType())),
            ("surfaces", ArrayType(SURFACE)),
            ("events", ArrayType(EVENT)),
            ("month", StringType()),
        ),
    ]
)

ERROR = StructType(
    [
        *POSITION,
        *_fields(("source", StringType()), ("reason", StringType()), ("outcome", StringType())),
    ]
)

# One row per document or error, so one pass over the input makes both tables.
ITEM = StructType(
    [
        StructField("document", DOCUMENT, True),
        StructField("error", ERROR, True),
    ]
)

CASE = StructType(
    _fields(
        ("case", StringType()),
        ("type", StringType()),
        ("subject_id", StringType()),
        ("actor_id", StringType()),
        ("actor", StringType()),
        ("target_id", StringType()),
        ("target", StringType()),
        ("country", StringType()),
        ("status", StringType()),
        ("date", StringType()),
        ("date_lo", DateType()),
        ("date_hi", DateType()),
        ("amount", DoubleType()),
        ("amount_low", DoubleType()),
        ("amount_high", DoubleType()),
        ("currency", StringType()),
        ("amount_eur", DoubleType()),
        ("amount_usd", DoubleType()),
        ("n_mentions", IntegerType()),
        ("n_documents", IntegerType()),
        ("n_sources", IntegerType()),
        ("origin_doc_key", StringType()),
        ("origin_source", StringType()),
        ("conflicts", StringType()),
        ("has_conflict", BooleanType()),
        ("conversion_flag", BooleanType()),
        ("month", StringType()),
    )
)

# Which stored event (the store's deterministic key) joined which case.
CASE_EVENT = StructType(
    _fields(
        ("case", StringType()),
        ("event_key", StringType()),
        ("doc_key", StringType()),
        ("seq", IntegerType()),
        ("type", StringType()),
        ("start", IntegerType()),
        ("end", IntegerType()),
        ("actor_id", StringType()),
        ("target_id", StringType()),
        ("date", StringType()),
    )
)

# Disputes (`spark/disputes.py`): one row each, and one row per step.
DISPUTE = StructType(
    _fields(
        ("dispute", StringType()),
        ("state", StringType()),
        ("platform_key", StringType()),
        ("first_date", StringType()),
        ("last_date", StringType()),
        ("first_day", DateType()),
        ("last_day", DateType()),
        ("n_steps", IntegerType()),
        ("outcome", StringType()),
        ("stage", StringType()),
        ("harshest", StringType()),
        ("harshest_status", StringType()),
        ("start_day", DateType()),
        ("days_to_compliance", IntegerType()),
        ("days_to_harshest", IntegerType()),
        ("fines_eur", DoubleType()),
        ("fines_usd", DoubleType()),
        ("n_fines", IntegerType()),
        ("n_unconverted", IntegerType()),
        ("matter", ArrayType(StringType())),
        ("month", StringType()),
    )
)

DISPUTE_STEP = StructType(
    _fields(
        ("dispute", StringType()),
        ("seq", IntegerType()),
        ("case", StringType()),  # the job's case key (`cases.case`)
        ("case_key", StringType()),  # the smallest key of its events, as the store keeps it
        ("type", StringType()),
        ("status", StringType()),
        ("date", StringType()),
        ("day", DateType()),
        ("cues", ArrayType(StringType())),
        ("targets", ArrayType(StringType())),  # case keys of the steps it continues
        ("link", StringType()),
    )
)
