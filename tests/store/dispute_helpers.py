"""Reading a store's disputes, and scoring them against the hand-written expectations.

Imported by name (tests/store is on sys.path; tests/spark puts it there too). A dispute is
compared by content, never by the store's numbers: its key, its summary, and its cases as
the set of their order-independent keys (the smallest key of each case's events).
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

from sqlalchemy import select

from clampdown.link.disputes import platform_group
from clampdown.store.db import open_store
from clampdown.store.schema import cases, dispute_cases, disputes, documents, entities, events

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "disputes.jsonl"
EXPECTED = DATA / "disputes-expected.json"
SUMMARY = ("state", "platform_key", "first_day", "last_day", "n_steps", "outcome", "harshest",
           "harshest_status", "days_to_compliance", "days_to_harshest", "n_fines", "fines_eur",
           "fines_usd", "matter")


def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return data


def store_disputes(url: str) -> dict[str, dict[str, Any]]:
    """Dispute key -> its summary fields and `cases` (a frozenset of case keys)."""
    engine = open_store(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(disputes)).all()
            members: dict[int, set[str]] = {}
            for dispute_id, case_key in conn.execute(
                select(dispute_cases.c.dispute_id, dispute_cases.c.case_key)
            ):
                members.setdefault(dispute_id, set()).add(case_key)
    finally:
        engine.dispose()
    out = {}
    for r in rows:
        d = {k: getattr(r, k) for k in SUMMARY}
        for k in ("first_day", "last_day"):
            d[k] = str(d[k])[:10]
        d["fines_eur"] = round(d["fines_eur"], 2)
        d["fines_usd"] = round(d["fines_usd"], 2)
        d["matter"] = tuple(json.loads(d["matter"] or "[]"))
        d["cases"] = frozenset(members.get(r.id, ()))
        out[r.key] = d
    return out


def case_labels(url: str, documents_map: dict[str, dict[str, str]]) -> dict[str, set[str]]:
    """Case key -> the expected dispute labels of its reports (one, when they agree); a
    report no expectation covers gives the label "?"."""
    engine = open_store(url)
    subject = entities.alias("subject")
    q = (
        select(dispute_cases.c.case_key, documents.c.ext_id, subject.c.key)
        .select_from(
            dispute_cases.join(cases, cases.c.id == dispute_cases.c.case_id)
            .join(events, events.c.case_id == cases.c.id)
            .join(documents, documents.c.id == events.c.doc_id)
            .outerjoin(subject, subject.c.id == cases.c.subject_id)
        )
    )
    out: dict[str, set[str]] = {}
    try:
        with engine.connect() as conn:
            for case_key, doc, subject_key in conn.execute(q):
                group = platform_group(subject_key) if subject_key else None
                label = documents_map.get(doc, {}).get(group or "", "?")
                out.setdefault(case_key, set()).add(label)
    finally:
        engine.dispose()
    return out


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """Precision and recall of "these two cases are one dispute" over every pair of cases
    both sides label."""
    items = sorted(set(predicted) & set(gold))
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_pred = predicted[a] == predicted[b]
        same_gold = gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def matched(found: dict[str, dict[str, Any]], gold: dict[str, str]) -> dict[str, str]:
    """Each expected dispute to the stored dispute holding most of its cases."""
    by_label: dict[str, Counter[str]] = {}
    for key, d in found.items():
        for c in d["cases"]:
            if c in gold:
                by_label.setdefault(gold[c], Counter())[key] += 1
    return {label: counts.most_common(1)[0][0] for label, counts in by_label.items()}


def signature(found: dict[str, dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    """What two runs must agree on: each dispute's summary and cases, by key."""
    return {k: tuple(d[f] for f in (*SUMMARY, "cases")) for k, d in found.items()}
