"""A Russian and an English report of one act become one case with one actor and target.

Both reports are written for this test: the Tagansky District Court's fine on Google, told by
a Russian outlet on the day and by an English one the day after, in its own words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from store_helpers import all_cases, write_jsonl

from clampdown.store.db import open_store
from clampdown.store.schema import documents, entities, entity_names, events

REPORTS = [
    {
        "id": "fine-ru", "lang": "ru", "published": "2024-03-14",
        "title": "Суд оштрафовал Google на 3 млн рублей",
        "text": (
            "Таганский районный суд Москвы в четверг оштрафовал компанию Google на 3 млн "
            "рублей за неудаление запрещённой информации, сообщили в пресс-службе суда.\n"
            "Суд признал компанию виновной в совершении административного правонарушения."
        ),
    },
    {
        "id": "fine-en", "lang": "en", "published": "2024-03-15",
        "title": "Moscow court fines Google over banned content",
        "text": (
            "Moscow's Tagansky District Court on Thursday fined Google 3 million rubles for "
            "failing to remove content banned in Russia, the court's press service said.\n"
            "Google did not respond to a request for comment."
        ),
    },
]


def test_russian_and_english_reports_link_into_one_case(
    db_url: str, tmp_path: Path, run_ingest: Callable[..., Any]
) -> None:
    run_ingest(db_url, write_jsonl(tmp_path / "reports.jsonl", REPORTS))

    [case] = all_cases(db_url)
    assert (case["type"], case["actor"], case["target"]) == (
        "FINE", "Tagansky District Court", "Google"
    )
    assert (case["amount"], case["currency"], case["date"]) == (3_000_000, "RUB", "2024-03-14")
    assert (case["documents"], case["sources"], case["conflicts"]) == (2, 2, [])

    engine = open_store(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(documents.c.lang, events.c.actor_id, events.c.target_id)
                .join(documents, documents.c.id == events.c.doc_id)
            ).all()
            assert sorted(r.lang for r in rows) == ["en", "ru"]
            assert len({r.actor_id for r in rows}) == 1
            assert len({r.target_id for r in rows}) == 1
            court = conn.execute(
                select(entities.c.key, entities.c.known).where(entities.c.id == rows[0].actor_id)
            ).one()
            surfaces = set(
                conn.scalars(
                    select(entity_names.c.surface).where(
                        entity_names.c.entity_id == rows[0].actor_id
                    )
                )
            )
    finally:
        engine.dispose()
    assert court.known  # the knowledge-base entry, not a name minted from the text
    assert any("Таганск" in s for s in surfaces) and any("Tagansky" in s for s in surfaces)
