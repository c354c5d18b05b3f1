"""Turkish and Portuguese reports join the cases of English reports of the same acts.

The reports are written for this test, each outlet in its own words: the Turkish regulator
BTK cutting access to Twitter after the February 2023 earthquake, and the Brazilian
Supreme Court's Alexandre de Moraes suspending X in August 2024 (X is Twitter's new name).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from store_helpers import all_cases, write_jsonl

from clampdown.store.db import open_store
from clampdown.store.schema import documents, entities, events

REPORTS = [
    {
        "id": "btk-tr", "lang": "tr", "published": "2023-02-08",
        "title": "BTK Twitter'a erişimi engelledi",
        "text": (
            "Bilgi Teknolojileri ve İletişim Kurumu (BTK), deprem bölgesindeki paylaşımlar "
            "nedeniyle Twitter'a erişimi çarşamba günü engelledi.\n"
            "Karar kullanıcıların tepkisine yol açtı."
        ),
    },
    {
        "id": "btk-en", "lang": "en", "published": "2023-02-09",
        "title": "Turkey blocks Twitter after earthquake",
        "text": (
            "Turkey's Information and Communication Technologies Authority (BTK) blocked "
            "access to Twitter on Wednesday over posts about the earthquake, internet "
            "monitors said.\nThe platform said it was in talks with the government."
        ),
    },
    {
        "id": "x-pt", "lang": "pt", "published": "2024-08-30",
        "title": "Moraes determina a suspensão do X no Brasil",
        "text": (
            "O ministro Alexandre de Moraes, do Supremo Tribunal Federal (STF), determinou "
            "nesta sexta-feira a suspensão do X no Brasil.\n"
            "A decisão vale até que a empresa cumpra as ordens judiciais."
        ),
    },
    {
        "id": "x-pt-2", "lang": "pt", "published": "2024-08-31",
        "title": "X sai do ar no Brasil",
        "text": (
            "Moraes ordenou ontem o bloqueio do X em todo o território nacional, depois que a "
            "rede social deixou de indicar um representante legal no país."
        ),
    },
    {
        "id": "x-en", "lang": "en", "published": "2024-08-31",
        "title": "Brazil judge orders X suspended",
        "text": (
            "Brazilian Supreme Court Justice Alexandre de Moraes on Friday ordered the "
            "suspension of X in Brazil after the company failed to name a legal "
            "representative.\nX called the order an attack on free speech."
        ),
    },
]


def test_turkish_and_portuguese_reports_join_the_english_reports_cases(
    db_url: str, tmp_path: Path, run_ingest: Callable[..., Any]
) -> None:
    run_ingest(db_url, write_jsonl(tmp_path / "reports.jsonl", REPORTS))

    blocks = {c["country"]: c for c in all_cases(db_url) if c["type"] == "BLOCK"}
    assert set(blocks) == {"TR", "BR"}
    turkey, brazil = blocks["TR"], blocks["BR"]
    assert (turkey["actor"], turkey["target"], turkey["date"]) == (
        "Information and Communication Technologies Authority", "Twitter", "2023-02-08"
    )
    assert (brazil["actor"], brazil["target"], brazil["date"]) == (
        "Alexandre de Moraes", "Twitter", "2024-08-30"
    )
    assert (turkey["documents"], turkey["sources"]) == (2, 2)
    assert (brazil["documents"], brazil["sources"]) == (3, 3)

    engine = open_store(db_url)
    try:
        with engine.connect() as conn:
            for case, langs in ((turkey, ["en", "tr"]), (brazil, ["en", "pt", "pt"])):
                rows = conn.execute(
                    select(documents.c.lang, events.c.actor_id, events.c.target_id)
                    .join(events, events.c.doc_id == documents.c.id)
                    .where(events.c.case_id == case["id"])
                ).all()
                assert sorted(r.lang for r in rows) == langs
                # One target entity; the actors are the court and its justice, both known.
                assert len({r.target_id for r in rows}) == 1
                keys = {
                    conn.scalar(select(entities.c.key).where(entities.c.id == r.actor_id))
                    for r in rows
                }
                assert keys <= {"tr.btk", "br.stf", "br.alexandre_de_moraes"}, keys
    finally:
        engine.dispose()
