"""The in-memory case index gives exactly the pages SQL gives: same rows, order, cursors."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from clampdown.query.caseindex import CaseIndex, _smallest, indexed_page
from clampdown.query.cases import CASE_SORT_COLUMNS, list_cases
from clampdown.query.db import open_reader
from clampdown.query.filters import parse_filter
from clampdown.query.paging import PageRequest

FILTERS = [
    {}, {"type": "FINE"}, {"type": "BLOCK,REFUSAL"}, {"target": "Telegram"},
    {"actor": "Roskomnadzor"}, {"entity": "Twitter"}, {"country": "RU,TR"},
    {"status": "done"}, {"since": "2021-03-11"}, {"until": "2021"},
    {"since": "2020", "until": "2022-08"}, {"min_sources": "2"}, {"conflicts": "true"},
    {"conflicts": "false", "country": "RU"}, {"target": "nobody at all"}, {"country": "ZZ"},
    {"type": "FINE", "target": "Telegram", "since": "2021-03-10", "until": "2021-03-10"},
]
SORTS = [s for name in CASE_SORT_COLUMNS for s in (name, "-" + name)]


@pytest.fixture(scope="module")
def conn(store_url: str):  # type: ignore[no-untyped-def]
    engine = open_reader(store_url, 5.0)
    with engine.connect() as c:
        yield c
    engine.dispose()


@pytest.mark.parametrize("sort", SORTS)
def test_index_pages_equal_sql_pages(conn, sort: str) -> None:  # type: ignore[no-untyped-def]
    idx = CaseIndex.load(conn, version=0)
    for raw, limit in itertools.product(FILTERS, (1, 2, 50)):
        f = parse_filter(raw)
        cursor = None
        for _ in range(20):
            page = PageRequest(limit, sort, cursor)
            a = list_cases(conn, f, page)
            b = indexed_page(conn, idx, f, page)
            assert b.items == a.items, (raw, sort, limit)
            assert b.next_cursor == a.next_cursor and b.total == a.total, (raw, sort, limit)
            cursor = a.next_cursor
            if cursor is None:
                break


def test_smallest_breaks_ties_by_the_second_key() -> None:
    key = np.array([3.0, 1.0, 2.0, 1.0, 1.0, 5.0])
    tie = np.array([10, 40, 20, 30, 50, 0])
    assert list(_smallest(key, tie, 2)) == [3, 1]
    assert list(_smallest(key, tie, 4)) == [3, 1, 4, 2]
    assert list(_smallest(key, tie, 10)) == [3, 1, 4, 2, 0, 5]
