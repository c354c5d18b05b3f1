"""What the steps of writing one batch share: its state, and small helpers.

`write.write_batch` runs the steps in order; each is a function of its own module
(`stories`, `entities`, `linking`, `undated`) that takes the batch's `BatchState`, whose
fields say what the steps hand on to each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from clampdown.link.cases import CaseState
from clampdown.model import Document, Event
from clampdown.store.schema import entities

CHUNK = 900  # values per IN list: far below SQLite's and PostgreSQL's parameter limits


def chunks(seq: Sequence[Any], n: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def insert_for(conn: Connection, table: Any) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING (both SQLite and Postgres)."""
    mod = postgresql if conn.dialect.name == "postgresql" else sqlite
    return mod.insert(table)


class EntityCache:
    """Entity key <-> (id, name), kept across batches; cleared when a batch rolls back, as
    ids it learnt may then not exist."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        self.by_id: dict[int, tuple[str, str]] = {}

    def clear(self) -> None:
        self.by_key.clear()
        self.by_id.clear()

    def remember(self, rows: Iterable[Any]) -> None:
        for r in rows:
            self.by_key[r.key] = r.id
            self.by_id[r.id] = (r.key, r.name)

    def keys_of(self, conn: Connection, ids: Iterable[int | None]) -> None:
        missing = sorted({i for i in ids if i is not None and i not in self.by_id})
        for part in chunks(missing):
            self.remember(
                conn.execute(
                    select(entities.c.id, entities.c.key, entities.c.name).where(
                        entities.c.id.in_(part)
                    )
                )
            )

    def key(self, entity_id: int | None) -> str | None:
        return self.by_id[entity_id][0] if entity_id is not None else None


@dataclass(slots=True)
class BatchStats:
    duplicates: int = 0
    stored: int = 0
    events: int = 0
    cases: int = 0
    completed: int = 0  # undated documents whose dates were completed


@dataclass(slots=True)
class BatchTotals(BatchStats):
    """The stats of a run's batches added up, and how many batches there were."""

    batches: int = 0

    def add(self, s: BatchStats) -> None:
        self.duplicates += s.duplicates
        self.stored += s.stored
        self.events += s.events
        self.cases += s.cases
        self.completed += s.completed
        self.batches += 1


@dataclass(slots=True)
class BatchDoc:
    """A stored document as the later steps of a batch need it."""

    id: int
    key: str  # content hash
    document: Document
    story_id: int
    published: date | None  # stated or inferred
    events: list[Event] = field(default_factory=list)
    rows: list[dict[str, Any]] | None = None  # per event, from `prepare.event_rows`


class BatchState:
    """The state one batch's steps share (see the module docstring)."""

    def __init__(self, conn: Connection, cache: EntityCache) -> None:
        self.conn = conn
        self.cache = cache
        self.now = datetime.now(UTC).replace(tzinfo=None)
        self.touched_cases: set[int] = set()  # to reconcile from all their events
        self.fresh_cases: set[int] = set()  # opened by one report, written final
        # The events stored in each case (key, evidence), and the cases that lost one: a
        # case that only gained reports is a step known without reading its events again.
        self.added: dict[int, list[tuple[str, str]]] = {}
        self.shrunk: set[int] = set()
        self.touched_stories: set[int] = set()  # to recount: origin, outlet, size
        self.changed_stories: set[int] = set()  # whose credited outlet may have changed
        self.doc_source: dict[int, str | None] = {}  # outlet credited, per new document
        self.states: dict[tuple[str, str], dict[int, CaseState]] = {}
        # What `_load_candidates` has already asked the store for in this batch.
        self.dated_loaded: set[tuple[str, int, date, date]] = set()
        self.null_loaded: set[tuple[str, int]] = set()
        self.open_loaded: set[tuple[str, str]] = set()
        self.new_cases: list[tuple[CaseState, dict[str, Any]]] = []
        self.stats = BatchStats()
        self.names: dict[str, str] = {}  # entity key -> name as extracted (unknown entities)

