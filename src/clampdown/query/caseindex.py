"""An in-memory column index of the cases table, so filtered and sorted pages stay fast.

The store's indexes serve one filter each; a page of "fines since 2019, largest first" or
"blocks in Russia" makes SQLite read and sort tens of thousands of rows, and counting the
matches costs as much again. The filterable columns of every case fit in a few bytes each
(120,000 cases: about 6 MB), so the server keeps them as numpy arrays: a filter is a few
vector comparisons, the page is a partial sort (O(n), no full sort), and the count is exact
and free. Only the ids of the page go back to the database, for the full rows.

The index is tied to the store's version (see `cache.StoreVersion`): when another process
commits, requests go back to SQL at once while a new index is built in the background, so
an answer never comes from older data than SQL would give. Text search (`q`) and databases
without a version signal always use SQL.
"""

from __future__ import annotations

import bisect
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import Connection

from clampdown.query.cases import (
    CASE_SORT_COLUMNS,
    DEFAULT_CASE_SORT,
    Page,
    case_row,
    page_rows,
)
from clampdown.query.common import dispute_case_ids, entity_ids
from clampdown.query.db import set_deadline
from clampdown.query.filters import CaseFilter
from clampdown.query.paging import PageRequest, Sort, decode_cursor, encode_cursor, parse_sort
from clampdown.store.schema import cases

log = logging.getLogger("clampdown.caseindex")
NULL = -1
MAX_ITEMS = 100_000  # cases kept in listing shape per index (about 1 KB each)
RETRY_AFTER_S = 30.0  # after a failed build, SQL alone serves for this long
SYNC_BUILD_ROWS = 500_000  # about 3 s to load; larger stores get their index in the background
_COLUMNS = (cases.c.id, cases.c.type, cases.c.actor_id, cases.c.target_id, cases.c.country,
            cases.c.status, cases.c.date_lo, cases.c.date_hi, cases.c.n_sources,
            cases.c.n_mentions, cases.c.amount_eur, cases.c.has_conflict)


def _isin(col: np.ndarray, values: Any) -> np.ndarray:
    """`np.isin`, but a few values are compared one by one: much faster on long columns."""
    values = list(values)
    if len(values) > 8:
        return np.isin(col, values)
    out = np.zeros(len(col), dtype=bool)
    for v in values:
        out |= col == v
    return out


def _ordinal(d: Any) -> int:
    if d is None:
        return NULL
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    return int(d.toordinal())


@dataclass
class Codes:
    """A text column as integer codes in sorted order, so code order is text order."""

    names: list[str]
    codes: np.ndarray

    @classmethod
    def build(cls, values: list[str | None]) -> Codes:
        names = sorted({v for v in values if v is not None})
        lookup = {n: i for i, n in enumerate(names)}
        return cls(names, np.array([lookup.get(v, NULL) if v is not None else NULL
                                    for v in values], dtype=np.int32))

    def of(self, values: tuple[str, ...]) -> list[int]:
        return [i for i, n in enumerate(self.names) if n in values]

    def bounds(self, value: str) -> tuple[int, int]:
        """Codes below `value` are < lo; codes above it are >= hi; equal ones in between."""
        return bisect.bisect_left(self.names, value), bisect.bisect_right(self.names, value)


@dataclass
class CaseIndex:
    version: int
    ids: np.ndarray
    type: Codes
    actor: np.ndarray
    target: np.ndarray
    country: Codes
    status: Codes
    date_lo: np.ndarray
    date_hi: np.ndarray
    n_sources: np.ndarray
    n_mentions: np.ndarray
    amount: np.ndarray
    conflict: np.ndarray
    # Cases as listings show them, filled as pages are served: the store cannot change under
    # an index (it is replaced when it does), so a case read once is read once per version.
    items: dict[int, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: Connection, version: int) -> CaseIndex:
        rows = conn.execute(select(*_COLUMNS).order_by(cases.c.id)).all()
        cols = list(zip(*rows, strict=True)) if rows else [()] * len(_COLUMNS)

        def ints(values: Any, dtype: Any = np.int64) -> np.ndarray:
            return np.array([NULL if v is None else v for v in values], dtype=dtype)

        return cls(
            version=version,
            ids=ints(cols[0]),
            type=Codes.build(list(cols[1])),
            actor=ints(cols[2]),
            target=ints(cols[3]),
            country=Codes.build(list(cols[4])),
            status=Codes.build(list(cols[5])),
            date_lo=np.array([_ordinal(v) for v in cols[6]], dtype=np.int32),
            date_hi=np.array([_ordinal(v) for v in cols[7]], dtype=np.int32),
            n_sources=ints(cols[8], np.int32),
            n_mentions=ints(cols[9], np.int32),
            amount=np.array([np.nan if v is None else v for v in cols[10]], dtype=np.float64),
            conflict=np.array([bool(v) for v in cols[11]], dtype=bool),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def cursor_value(self, name: str, case_id: int) -> Any:
        """The sort value of a case as the database holds it, for its page's cursor."""
        pos = int(np.searchsorted(self.ids, case_id))
        if name == "date":
            v = int(self.date_lo[pos])
            return None if v == NULL else date.fromordinal(v)
        if name in ("sources", "mentions"):
            col = self.n_sources if name == "sources" else self.n_mentions
            return None if col[pos] == NULL else int(col[pos])
        if name == "amount":
            a = float(self.amount[pos])
            return None if np.isnan(a) else a
        if name == "type":
            code = int(self.type.codes[pos])
            return None if code == NULL else self.type.names[code]
        return case_id

    def page_items(self, conn: Connection, ids: list[int]) -> list[dict[str, Any]]:
        """The listing shape of the cases `ids`, from memory when read before."""
        missing = [i for i in ids if i not in self.items]
        if missing:
            if len(self.items) + len(missing) > MAX_ITEMS:
                self.items.clear()
            for row, evidence in page_rows(conn, missing):
                item = case_row(row)
                item["evidence"] = evidence
                self.items[row.id] = item
        return [self.items[i] for i in ids if i in self.items]

    # -- filtering ------------------------------------------------------------------------

    def mask(self, conn: Connection, f: CaseFilter) -> np.ndarray:
        """Cases matching `f` (everything but `q`), as the SQL of `case_conditions` would."""
        m = np.ones(len(self), dtype=bool)
        if f.type:
            m &= _isin(self.type.codes, self.type.of(f.type))
        for value, cols in ((f.actor, (self.actor,)), (f.target, (self.target,)),
                            (f.entity, (self.actor, self.target))):
            if value is None:
                continue
            ids = entity_ids(conn, value)
            hit = np.zeros(len(self), dtype=bool)
            for col in cols:
                hit |= _isin(col, ids)
            m &= hit
        if f.country:
            m &= _isin(self.country.codes, self.country.of(f.country))
        if f.status:
            m &= _isin(self.status.codes, self.status.of((f.status,)))
        if (since := f.since_date()) is not None:
            m &= (self.date_hi != NULL) & (self.date_hi >= since.toordinal())
        if (until := f.until_date()) is not None:
            m &= (self.date_lo != NULL) & (self.date_lo <= until.toordinal())
        if f.min_sources:
            m &= self.n_sources >= f.min_sources
        if f.conflicts is not None:
            m &= self.conflict == f.conflicts
        if f.dispute:
            m &= _isin(self.ids, list(conn.scalars(dispute_case_ids(f.dispute))))
        return m

    # -- ordering -------------------------------------------------------------------------

    def _column(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(values as float64 in ascending text/number order, null flags) of a sort column."""
        if name == "date":
            return self.date_lo.astype(np.float64), self.date_lo == NULL
        if name == "sources":
            return self.n_sources.astype(np.float64), self.n_sources == NULL
        if name == "mentions":
            return self.n_mentions.astype(np.float64), self.n_mentions == NULL
        if name == "amount":
            return self.amount, np.isnan(self.amount)
        if name == "type":
            return self.type.codes.astype(np.float64), self.type.codes == NULL
        return self.ids.astype(np.float64), np.zeros(len(self), dtype=bool)

    def _after(self, order: Sort, cursor: tuple[Any, int], values: np.ndarray,
               nulls: np.ndarray) -> np.ndarray:
        """Rows after the cursor's (value, id) in `order`: `Sort.after` on arrays."""
        value, last_id = cursor
        beyond_id = self.ids < last_id if order.descending else self.ids > last_id
        if value is None:
            return nulls & beyond_id
        if order.name == "type":
            lo, hi = self.type.bounds(str(value))
            codes = self.type.codes
            less, more = codes < lo, codes >= hi
            equal = (codes >= lo) & (codes < hi)
        else:
            v = float(_ordinal(value)) if order.name == "date" else float(value)
            less, more, equal = values < v, values > v, values == v
        beyond = less if order.descending else more
        after: np.ndarray = ((beyond | (equal & beyond_id)) & ~nulls) | nulls
        return after

    def top(self, mask: np.ndarray, order: Sort, cursor: tuple[Any, int] | None,
            k: int) -> list[int]:
        """Ids of the first `k` rows of `mask` in `order` (nulls last, ties by id)."""
        values, nulls = self._column(order.name)
        if cursor is not None:
            mask = mask & self._after(order, cursor, values, nulls)
        picked: list[np.ndarray] = []
        need = k
        for part, null_part in ((mask & ~nulls, False), (mask & nulls, True)):
            if need <= 0:
                break
            idx = np.flatnonzero(part)
            if len(idx) == 0:
                continue
            if null_part:
                key = np.zeros(len(idx))  # empty values: only the id orders them
            else:
                key = -values[idx] if order.descending else values[idx]
            ids = -self.ids[idx] if order.descending else self.ids[idx]
            chosen = _smallest(key, ids, need)
            picked.append(idx[chosen])
            need -= len(chosen)
        if not picked:
            return []
        return [int(i) for i in self.ids[np.concatenate(picked)]]


def _smallest(key: np.ndarray, tie: np.ndarray, k: int) -> np.ndarray:
    """Positions of the `k` smallest (key, tie) pairs, in order; O(n) then a sort of k."""
    n = len(key)
    if n > k:
        kth = np.partition(key, k - 1)[k - 1]
        below = np.flatnonzero(key < kth)
        equal = np.flatnonzero(key == kth)
        room = k - len(below)
        if len(equal) > room:
            equal = equal[np.argpartition(tie[equal], room - 1)[:room]]
        cand = np.concatenate([below, equal])
    else:
        cand = np.arange(n)
    return cand[np.lexsort((tie[cand], key[cand]))][:k]


class CaseIndexHolder:
    """The current index of one server, rebuilt in the background when the store moves."""

    def __init__(self, engine: Engine, max_rows: int) -> None:
        self.engine = engine
        self.max_rows = max_rows
        self.index: CaseIndex | None = None
        self._building = False
        self._lock = threading.Lock()
        self._failed_at = float("-inf")
        self.disabled = max_rows <= 0

    def current(self, version: int) -> CaseIndex | None:
        """The index if it is of `version`; else None (and a rebuild is started)."""
        idx = self.index
        if idx is not None and idx.version == version:
            return idx
        if not self.disabled:
            self._rebuild(version)
        return None

    def _rebuild(self, version: int) -> None:
        with self._lock:
            if self._building or time.monotonic() - self._failed_at < RETRY_AFTER_S:
                return
            self._building = True
        threading.Thread(target=self._build, args=(version,), daemon=True,
                         name="clampdown-caseindex").start()

    def start(self, version: int) -> None:
        """Build the index before serving when it is quick, else in the background (SQL
        answers meanwhile)."""
        if self.disabled:
            return
        with self.engine.connect() as conn:
            n = conn.scalar(select(func.count()).select_from(cases)) or 0
        if n > SYNC_BUILD_ROWS:
            self._rebuild(version)
            return
        with self._lock:
            self._building = True
        self._build(version)

    def _build(self, version: int) -> None:
        try:
            with self.engine.connect() as conn:
                n = conn.scalar(select(func.count()).select_from(cases)) or 0
                if n > self.max_rows:
                    log.info("case index off: %d cases is over case_index_max_rows", n)
                    self.disabled = True
                    return
                set_deadline(conn, 600)
                self.index = CaseIndex.load(conn, version)
        except Exception:  # the SQL path keeps answering; a later request tries again
            log.exception("building the case index failed")
            self._failed_at = time.monotonic()
        finally:
            with self._lock:
                self._building = False


def indexed_page(conn: Connection, idx: CaseIndex, f: CaseFilter, page: PageRequest) -> Page:
    """The page `list_cases` would give, found through the index, with an exact total."""
    order = parse_sort(page.sort, CASE_SORT_COLUMNS, cases.c.id, DEFAULT_CASE_SORT)
    after = decode_cursor(page.cursor, order) if page.cursor else None
    m = idx.mask(conn, f)
    ids = idx.top(m, order, after, page.limit + 1)
    rows = idx.page_items(conn, ids)
    items = rows[:page.limit]
    nxt = None
    if len(rows) > page.limit:
        last = items[-1]["id"]
        nxt = encode_cursor(order, idx.cursor_value(order.name, last), last)
    return Page(items, nxt, int(m.sum()), order.token, page.limit, True)
