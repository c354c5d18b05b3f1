"""Event store speed: ingest rate into SQLite and latency of filtered queries.

A synthetic corpus (written here, from knowledge-base names and sentence templates, no
third-party text) is ingested through the same `ingest` the CLI runs, extraction included,
until the store holds at least --events events; then filtered `events` and `cases` queries
run, each timed, and p50/p95 reported.

    python bench/store.py [--events 200000] [--jobs N] [--db PATH] [--queries 200]

Every act in the corpus is reported by one to three documents in different words, and a
tenth of the documents are republished copies, so linking and provenance do real work.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

AUTHORITIES = {
    "RU": (["Roskomnadzor", "Tagansky District Court", "Federal Antimonopoly Service",
            "Meshchansky District Court"], "roubles"),
    "TR": (["Information and Communication Technologies Authority",
            "Personal Data Protection Authority", "Turkish Competition Authority"], "lira"),
    "IN": (["Ministry of Electronics and Information Technology",
            "Competition Commission of India"], "rupees"),
    "FR": (["CNIL", "Arcom"], "euros"),
    "DE": (["Federal Cartel Office"], "euros"),
}
def _platforms() -> list[str]:
    """Every platform of the knowledge base: acts spread over hundreds of targets, as in
    real reporting, so unrelated acts rarely fall in one linking window."""
    from clampdown.resolve.kb import load_kb

    return sorted(e.name for e in load_kb().by_role("platform"))


PLATFORMS = _platforms()
FIRST_DAY, DAYS = date(2008, 1, 1), 14 * 365  # ECB ruble rates end in March 2022
RECENT = timedelta(days=30)  # how far back a news story reaches
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
# One template per event type; {a} authority, {p} platform, {d} date, {m} money.
TEMPLATES = {
    "FINE": ["{a} fined {p} {m} on {d}.", "On {d}, {a} fined {p} {m} over its content rules."],
    "BLOCK": ["On {d}, {a} blocked access to {p}.", "{a} blocked {p} on {d}."],
    "THROTTLE": ["{a} said on {d} it had slowed down {p}."],
    "WARNING": ["{a} issued a warning to {p} on {d}.", "On {d}, {a} warned {p}."],
    "LEGAL_ACTION": ["{a} opened a case against {p} on {d}."],
}
_PROSE = (
    "analysts observers lawyers officials regulators users advertisers developers critics "
    "researchers engineers executives investors activists journalists teachers students "
    "review audit inquiry hearing consultation rule policy filing appeal report statement "
    "market network service platform feature update license registry office branch server "
    "quarterly annual weekly recent detailed separate broader narrower earlier later local "
    "regional national foreign domestic technical legal financial political public private "
    "said noted argued expected warned suggested confirmed denied added explained stressed "
    "slowly quickly openly quietly formally briefly again still already rarely often"
)
WORDS = _PROSE.split()


@dataclass(frozen=True)
class Act:
    type: str
    country: str
    authority: str
    platform: str
    day: date
    amount: int | None


def _money(rng: random.Random, act: Act) -> str:
    word = AUTHORITIES[act.country][1]
    n = act.amount or 0
    if n >= 1_000_000:
        return f"{n // 1_000_000} million {word}"
    return f"{n:,} {word}"


def _filler(rng: random.Random) -> str:
    w = rng.sample(WORDS, 9)
    return f"{w[0].capitalize()} {w[1]} the {w[2]} {w[3]} {w[4]} {w[5]} {w[6]} {w[7]} {w[8]}."


def _acts(rng: random.Random, n: int) -> list[Act]:
    out = []
    for _ in range(n):
        country = rng.choice(list(AUTHORITIES))
        kind = rng.choice(list(TEMPLATES))
        out.append(
            Act(
                type=kind,
                country=country,
                authority=rng.choice(AUTHORITIES[country][0]),
                platform=rng.choice(PLATFORMS),
                day=FIRST_DAY + timedelta(days=rng.randrange(DAYS)),
                amount=rng.choice([1, 2, 3, 5, 8, 12, 20, 50]) * 1_000_000
                if kind == "FINE" else None,
            )
        )
    return out


def synthetic_corpus(
    n_docs: int, *, seed: int = 7, per_doc: int = 5
) -> Iterator[dict[str, object]]:
    """`n_docs` JSON Lines records in publication order, as a news feed delivers them:
    news-like texts of `per_doc` acts of the past month each (so every act is reported by
    about two documents in other words), a tenth republished as copies with a "Source
    link" footer."""
    rng = random.Random(seed)
    pool = sorted(_acts(rng, max(1, n_docs * per_doc // 2)), key=lambda a: a.day)
    made = 0
    while made < n_docs:
        # The acts of the month up to a point moving through time with the feed.
        at = min(len(pool) - 1, made * len(pool) // n_docs)
        month = [a for a in pool[max(0, at - 400) : at + 1] if pool[at].day - a.day <= RECENT]
        acts = rng.sample(month, min(per_doc, len(month)))
        paras = []
        for act in acts:
            tpl = rng.choice(TEMPLATES[act.type])
            d = f"{MONTHS[act.day.month - 1]} {act.day.day}, {act.day.year}"
            sent = tpl.format(a=act.authority, p=act.platform, d=d, m=_money(rng, act))
            paras.append(f"{sent} {_filler(rng)} {_filler(rng)}")
        published = max(a.day for a in acts) + timedelta(days=rng.randrange(3))
        text = "\n\n".join(paras)
        rec = {"id": f"syn-{made}", "text": text, "published": published.isoformat(),
               "lang": "en", "url": f"https://news{made % 50}.example.com/{made}"}
        yield rec
        made += 1
        if made < n_docs and rng.random() < 0.1:
            copy = dict(rec, id=f"syn-{made}", url=f"https://digest.example.net/{made}",
                        text=f"Skip to content\n{_filler(rng)}\n\n{text}\n\nSource link",
                        published=(published + timedelta(days=1)).isoformat())
            yield copy
            made += 1


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch-size", type=int, default=None, help="default: as clampdown ingest")
    ap.add_argument("--db", type=Path, default=None, help="SQLite file (default: a temp file)")
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args(argv)

    from sqlalchemy import func, select

    from clampdown.ingest import read_documents
    from clampdown.query.listing import Filters, list_cases, list_events
    from clampdown.store.db import database_url, open_store
    from clampdown.store.ingest import DEFAULT_BATCH, ingest
    from clampdown.store.schema import events

    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.db"
    n_docs = args.events // 5 + args.events // 50
    src = Path(tmp.name) / "corpus.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for rec in synthetic_corpus(n_docs):
            f.write(json.dumps(rec) + "\n")
    mb = src.stat().st_size / 1024 / 1024
    print(f"corpus: {n_docs:,} documents, {mb:.1f} MB; jobs={args.jobs}")

    engine = open_store(database_url(str(db)), write=True)
    t0, cpu0 = time.perf_counter(), time.process_time()
    report = ingest(engine, read_documents([str(src)]),
                    batch_size=args.batch_size or DEFAULT_BATCH, jobs=args.jobs)
    secs, main_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = kids.ru_utime + kids.ru_stime
    with engine.connect() as conn:
        n_events = conn.scalar(select(func.count()).select_from(events))
    print(
        f"ingest: {report.stored:,} documents, {n_events:,} events, {report.cases:,} case "
        f"updates in {secs:.1f} s = {report.stored / secs:,.0f} documents/s "
        f"({n_events / secs:,.0f} events/s), extraction included"
    )
    per_doc = 1000 / max(1, report.stored)
    print(
        f"cpu: main process {main_cpu * per_doc:.2f} ms/document (reading, linking, "
        f"writing), workers {workers_cpu * per_doc:.2f} ms/document (extraction); "
        f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    size = db.stat().st_size / 1024 / 1024
    print(f"store: {size:.0f} MB")

    rng = random.Random(1)
    countries = list(AUTHORITIES)
    types = list(TEMPLATES)

    def random_query() -> tuple[Filters, str]:
        """A filter as a user would type one; newest first, or the largest fines first."""
        pick = rng.randrange(7)
        year = rng.randrange(FIRST_DAY.year, FIRST_DAY.year + DAYS // 365)
        country = rng.choice(countries)
        if pick == 0:
            return Filters(types=(rng.choice(types),), country=country), "date"
        if pick == 1:
            return Filters(target=rng.choice(PLATFORMS), since=date(year, 1, 1)), "date"
        if pick == 2:
            return Filters(actor=rng.choice(AUTHORITIES[country][0])), "date"
        if pick == 3:
            return Filters(min_sources=2, since=date(year, 1, 1), until=date(year, 12, 31)), "date"
        if pick == 4:
            return Filters(types=("FINE",), status="done", since=date(year, 6, 1)), "amount"
        if pick == 5:
            return Filters(types=("FINE",), country=country), "amount"
        return Filters(country=country, target=rng.choice(PLATFORMS),
                       types=(rng.choice(types),)), "date"

    engine.dispose()
    reader = open_store(database_url(str(db)))
    for name, fn in (("events", list_events), ("cases", list_cases)):
        times = []
        with reader.connect() as conn:
            for _ in range(args.queries):
                f, sort = random_query()
                t = time.perf_counter()
                fn(conn, f, sort=sort, limit=100)
                times.append((time.perf_counter() - t) * 1000)
        print(
            f"{name}: {len(times)} filtered queries (page of 100), p50 "
            f"{_pct(times, 0.5):.1f} ms, p95 {_pct(times, 0.95):.1f} ms, "
            f"max {max(times):.1f} ms, mean {statistics.fmean(times):.1f} ms"
        )
    reader.dispose()
    tmp.cleanup()


if __name__ == "__main__":
    main(sys.argv[1:])
