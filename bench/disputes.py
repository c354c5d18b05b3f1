"""Dispute linking at scale: what keeping disputes up to date adds to ingest, and how fast
/api/disputes answers, on a store of at least 200,000 events.

A synthetic corpus (written here, from knowledge-base names and sentence templates, as
bench/store.py writes its own, with no third-party text) reports acts of five states
against the platforms of the knowledge base; two in five sentences name what the act is
about (calls to protest, banned content, a local representative, stored data) and one in
ten refers back to an earlier act ("for failing to comply with earlier demands"), so
disputes are linked by time, by matter and by reference. The store is filled through the
same `ingest` the command line runs, extraction included.

Then 1,000 new documents are ingested into copies of that store, each timed twice: once as
`clampdown ingest` does (disputes kept up to date) and once with dispute upkeep off (the
copy's record of linking rules removed, so each batch skips the dispute step); runs
alternate and the medians are compared. Two kinds of new documents: the news going on (the
days after the corpus) and a backfill (1,000 documents of the whole period held out of the
base, arriving late). Finally `clampdown serve` runs on the grown store, with its answer
cache off, and /api/disputes is asked filtered, sorted and paged questions one after
another; p50 and p95 latencies are reported.

    python bench/disputes.py [--events 200000] [--jobs N] [--runs 3] [--queries 300]
                             [--db PATH [--reuse]] [--check]

With --check, the disputes of the stores grown by each kind of new documents are compared
with linking them again from scratch.
With --reuse, a base store already at --db (built by an earlier run with the same
--events and --increment) is used as it is instead of being built again.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store import AUTHORITIES, MONTHS, PLATFORMS, _filler, _pct  # noqa: E402

FIRST_DAY, DAYS = date(2008, 1, 1), 14 * 365
RECENT = timedelta(days=30)
# Matters as reporters name them, and what the act is then said to be for.
MATTERS = [
    "over calls to join unauthorised protests",
    "for failing to remove banned content about drugs",
    "for failing to appoint a local representative",
    "for refusing to store personal data of its users locally",
    "over posts about the army",
]
REFERENCE = "for failing to comply with earlier demands"
TEMPLATES = {
    "FINE": ["{a} fined {p} {m} on {d}{c}.", "On {d}, {a} fined {p} {m}{c}."],
    "BLOCK": ["On {d}, {a} blocked access to {p}{c}.", "{a} blocked {p} on {d}{c}."],
    "THROTTLE": ["{a} said on {d} it had slowed down {p}{c}."],
    "WARNING": ["{a} issued a warning to {p} on {d}{c}.", "On {d}, {a} warned {p}{c}."],
    "LEGAL_ACTION": ["{a} opened a case against {p} on {d}{c}."],
    "DEMAND": ["On {d}, {a} demanded that {p} remove posts{c}."],
}


def _acts(rng: random.Random, n: int) -> list[dict[str, Any]]:
    out = []
    for _ in range(n):
        country = rng.choice(list(AUTHORITIES))
        kind = rng.choice(list(TEMPLATES))
        roll = rng.random()
        clause = ""
        if roll < 0.4:
            clause = " " + rng.choice(MATTERS)
        elif roll < 0.5:
            clause = " " + REFERENCE
        out.append({
            "type": kind, "country": country,
            "authority": rng.choice(AUTHORITIES[country][0]),
            "platform": rng.choice(PLATFORMS),
            "day": FIRST_DAY + timedelta(days=rng.randrange(DAYS)),
            "amount": rng.choice([1, 2, 3, 5, 8, 12, 20, 50]) * 1_000_000,
            "clause": clause,
        })
    return out


def _sentence(rng: random.Random, act: dict[str, Any]) -> str:
    word = AUTHORITIES[act["country"]][1]
    d = act["day"]
    day = f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    money = f"{act['amount'] // 1_000_000} million {word}"
    tpl = rng.choice(TEMPLATES[act["type"]])
    return tpl.format(a=act["authority"], p=act["platform"], d=day, m=money, c=act["clause"])


def corpus(n_docs: int, seed: int = 11, per_doc: int = 5) -> Iterator[dict[str, Any]]:
    """`n_docs` records in publication order: each reports `per_doc` acts of the month
    before it, so every act is reported by about two documents in other words."""
    rng = random.Random(seed)
    pool = sorted(_acts(rng, max(1, n_docs * per_doc // 2)), key=lambda a: a["day"])
    for made in range(n_docs):
        at = min(len(pool) - 1, made * len(pool) // n_docs)
        month = [a for a in pool[max(0, at - 400): at + 1]
                 if pool[at]["day"] - a["day"] <= RECENT]
        acts = rng.sample(month, min(per_doc, len(month)))
        paras = [f"{_sentence(rng, a)} {_filler(rng)} {_filler(rng)}" for a in acts]
        published = max(a["day"] for a in acts) + timedelta(days=rng.randrange(3))
        yield {"id": f"dis-{made}", "text": "\n\n".join(paras),
               "published": published.isoformat(), "lang": "en",
               "url": f"https://news{made % 50}.example.com/d/{made}"}


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    return path


def _copy(src: Path, dst: Path, *, disputes: bool) -> Path:
    """A fresh copy of the base store, its write-ahead log empty. (Backing up into the
    copy an earlier run left, a store in WAL mode, went through its log: the whole store,
    95,000 pages, stayed in the log, and the next ingest's first commit wrote them all
    back into the file.)"""
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    if not disputes:  # as a store that was never linked: each batch skips the step
        with sqlite3.connect(dst) as b:
            b.execute("DELETE FROM dispute_rules")
    return dst


class _StepClock:
    """Seconds the dispute step takes inside each batch (wrapping its two functions)."""

    def __init__(self) -> None:
        from clampdown.store import disputes

        self.seconds = 0.0
        for name in ("note_disputes", "link_batch_disputes"):
            original = getattr(disputes, name)

            def timed(*args: Any, _original: Any = original) -> Any:
                t = time.perf_counter()
                try:
                    return _original(*args)
                finally:
                    self.seconds += time.perf_counter() - t

            setattr(disputes, name, timed)


@dataclass(slots=True)
class _Run:
    """One timed ingest: wall seconds up to the store's close, the main process's CPU
    seconds over the same stretch, and the pages the batch wrote to the write-ahead log."""

    seconds: float
    cpu: float
    log_pages: int
    report: Any


def _ingest(db: Path, src: Path, jobs: int, *, disputes: bool) -> _Run:
    """Ingest `src` into `db` as `clampdown ingest` does, timed up to the store's close:
    closing its last connection is when SQLite writes back into the database file the
    pages the write-ahead log still holds (the checkpoint a command pays before it exits),
    so each run pays for the pages it wrote, whether or not its commit passed the log's
    checkpoint threshold."""
    from clampdown.ingest import read_documents
    from clampdown.store.db import database_url, make_engine, open_store
    from clampdown.store.ingest import ingest

    url = database_url(str(db))
    # With upkeep off the store is opened without linking it (open_store would link a
    # store that has no record of its rules).
    engine = open_store(url, write=True) if disputes else make_engine(url, write=True)
    t, cpu = time.perf_counter(), time.process_time()
    report = ingest(engine, read_documents([str(src)]), batch_size=2000, jobs=jobs)
    pages = _log_pages(db)
    engine.dispose()
    return _Run(time.perf_counter() - t, time.process_time() - cpu, pages, report)


def _log_pages(db: Path) -> int:
    """Frames in the write-ahead log: the pages written since the log was last started
    over (a log checkpointed whole starts over, but keeps its size on disk)."""
    wal = Path(str(db) + "-wal")
    if not wal.exists():
        return 0
    with db.open("rb") as f:
        head = f.read(18)
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    return max(0, (wal.stat().st_size - 32) // (page + 24))


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as c:
        return {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608
                for t in ("documents", "events", "cases", "disputes")}


def _multi(db: Path) -> int:
    with sqlite3.connect(db) as c:
        return int(c.execute("SELECT COUNT(*) FROM disputes WHERE n_steps >= 2").fetchone()[0])


def _serve(db: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "CLAMPDOWN_RESPONSE_CACHE_ENTRIES": "0"}
    env.pop("CLAMPDOWN_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "clampdown", "serve", "--db", str(db), "--port", "0"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        if m:
            return proc, m.group(1).rstrip("/")
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("the server did not start")


def _queries(base: str, n: int) -> dict[str, list[float]]:
    import httpx

    rng = random.Random(3)
    countries = list(AUTHORITIES)
    stages = ["open", "escalated", "complied", "refused", "ended"]
    sorts = ["-last", "last", "-steps", "-fines", "-compliance", "first"]
    times: dict[str, list[float]] = {"list": [], "detail": []}
    keys: list[str] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get("/api/disputes")  # connection and first-query warm-up
        for _ in range(n):
            params: dict[str, str] = {"sort": rng.choice(sorts)}
            pick = rng.randrange(6)
            if pick in (0, 3):
                params["country"] = rng.choice(countries)
            if pick in (1, 3):
                params["platform"] = rng.choice(PLATFORMS)
            if pick in (2, 4):
                params["stage"] = rng.choice(stages)
            if pick == 4:
                year = rng.randrange(FIRST_DAY.year, FIRST_DAY.year + DAYS // 365)
                params["since"], params["until"] = f"{year}", f"{year}"
            if pick == 5:
                params["min_steps"] = str(rng.choice([3, 5]))
            t = time.perf_counter()
            r = client.get("/api/disputes", params=params)
            times["list"].append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
            body = r.json()
            keys += [d["id"] for d in body["items"][:3]]
            if body["next_cursor"] and rng.random() < 0.3:
                t = time.perf_counter()
                client.get("/api/disputes", params={**params, "cursor": body["next_cursor"]})
                times["list"].append((time.perf_counter() - t) * 1000)
        for key in rng.sample(keys, min(len(keys), n // 2)):
            t = time.perf_counter()
            client.get(f"/api/disputes/{key}").raise_for_status()
            times["detail"].append((time.perf_counter() - t) * 1000)
    return times


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--increment", type=int, default=1000)
    ap.add_argument("--db", type=Path, default=None, help="keep the base store here")
    ap.add_argument("--reuse", action="store_true",
                    help="use the base store already at --db instead of building it")
    ap.add_argument("--check", action="store_true",
                    help="compare the grown stores' disputes with a relink from scratch")
    args = ap.parse_args(argv)

    tmp = tempfile.TemporaryDirectory()
    work = Path(tmp.name)
    n_base = args.events // 5 + args.events // 50
    records = list(corpus(n_base + args.increment))
    feed = records[n_base:]
    rng = random.Random(5)
    held = set(rng.sample(range(n_base), args.increment))
    base = [r for i, r in enumerate(records[:n_base]) if i not in held]
    backfill = [records[i] for i in sorted(held)]
    base_src = _write(work / "base.jsonl", base)
    increments = {"news going on": _write(work / "feed.jsonl", feed),
                  "backfill over the whole period": _write(work / "backfill.jsonl", backfill)}
    print(f"corpus: {len(base):,} documents for the base store, then {args.increment:,} new "
          f"documents of each kind; jobs={args.jobs}; {os.cpu_count()} cores")

    clock = _StepClock()
    db = args.db or work / "base.db"
    if args.reuse and args.db is not None and db.exists():
        counts = _counts(db)
        print(f"base store reused: {counts['documents']:,} documents, "
              f"{counts['events']:,} events, {counts['cases']:,} cases, "
              f"{counts['disputes']:,} disputes ({_multi(db):,} of two steps or more)")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        run = _ingest(db, base_src, args.jobs, disputes=True)
        secs, report = run.seconds, run.report
        counts = _counts(db)
        print(f"base store: {counts['documents']:,} documents, {counts['events']:,} events, "
              f"{counts['cases']:,} cases, {counts['disputes']:,} disputes "
              f"({_multi(db):,} of two steps or more); ingest {secs:.1f} s "
              f"({report.stored / secs:,.0f} documents/s), of which the dispute step "
              f"{clock.seconds:.1f} s ({clock.seconds / secs:.1%})")
        with sqlite3.connect(db) as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    grown: dict[str, Path] = {}
    for label, src in increments.items():
        runs: dict[bool, list[_Run]] = {True: [], False: []}
        step: list[float] = []
        for n in range(args.runs):
            for disputes in ((True, False) if n % 2 == 0 else (False, True)):
                copy = _copy(db, work / f"run-{disputes}.db", disputes=disputes)
                before = clock.seconds
                run = _ingest(copy, src, args.jobs, disputes=disputes)
                assert run.report.stored == args.increment, run.report
                runs[disputes].append(run)
                if disputes:
                    step.append(clock.seconds - before)
                    if n == args.runs - 1:
                        grown[label] = Path(shutil.copy(copy, work / f"grown-{len(grown)}.db"))
        a, b = (statistics.median(r.seconds for r in runs[k]) for k in (True, False))
        ca, cb = (statistics.median(r.cpu for r in runs[k]) for k in (True, False))
        pa, pb = (statistics.median(r.log_pages for r in runs[k]) for k in (True, False))
        s = statistics.median(step)
        # Each run's two ingests ran one after the other: the median of their differences
        # is less moved by the load of a shared machine than the difference of medians.
        paired = statistics.median(w.seconds - o.seconds
                                   for w, o in zip(runs[True], runs[False], strict=True))
        print(f"{args.increment:,} new documents, {label}: ingest {a:.2f} s with disputes "
              f"kept up to date, {b:.2f} s without (medians of {args.runs}, up to the "
              f"store's close): {a / b - 1:+.1%}; median difference of the runs in pairs "
              f"{paired:+.2f} s ({paired / b:+.1%}); the dispute step itself {s:.2f} s = "
              f"{s / a:.1%} of the ingest; main process CPU {ca:.2f} s against {cb:.2f} s "
              f"({ca / cb - 1:+.1%}); pages written to the log {pa:,.0f} against {pb:,.0f} "
              f"(runs with: {', '.join(f'{r.seconds:.2f}' for r in runs[True])}; without: "
              f"{', '.join(f'{r.seconds:.2f}' for r in runs[False])}; load average "
              f"{os.getloadavg()[0]:.2f})")

    if args.check:
        for label, db_grown in grown.items():
            _check(db_grown, label)

    proc, url = _serve(grown["news going on"])
    try:
        times = _queries(url, args.queries)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    for name, xs in times.items():
        what = "/api/disputes, filtered, sorted and paged" if name == "list" else \
            "/api/disputes/{id}"
        print(f"{what}: {len(xs)} requests one after another, answer cache off: p50 "
              f"{_pct(xs, 0.5):.1f} ms, p95 {_pct(xs, 0.95):.1f} ms, max {max(xs):.1f} ms")
    tmp.cleanup()


def _check(db: Path, label: str) -> None:
    """The incremental store's disputes against linking the same cases from scratch."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "store"))
    from dispute_helpers import signature, store_disputes

    from clampdown.link.disputes import DisputeRules
    from clampdown.store.db import database_url, open_store
    from clampdown.store.disputes import relink_all

    url = database_url(str(db))
    kept, steps = signature(store_disputes(url)), _steps(db)
    engine = open_store(url, write=True)
    t = time.perf_counter()
    with engine.begin() as conn:
        relink_all(conn, DisputeRules())
    secs = time.perf_counter() - t
    engine.dispose()
    again = signature(store_disputes(url))
    same, same_steps = kept == again, steps == _steps(db)
    print(f"check ({label}): relinking every case from scratch took {secs:.1f} s and gives "
          f"{'the same' if same else 'OTHER'} {len(again):,} disputes, and "
          f"{'the same' if same_steps else 'OTHER'} {len(steps):,} steps and decisions")
    if not (same and same_steps):
        raise SystemExit("the incremental disputes differ from a relink from scratch")


def _steps(db: Path) -> dict[int, tuple[Any, ...]]:
    """Every stored step as upkeep keeps it (its fields, what it continues and why), with
    its dispute's key for the store's number of it."""
    with sqlite3.connect(db) as c:
        cols = [r[1] for r in c.execute("PRAGMA table_info(dispute_cases)")
                if r[1] != "dispute_id"]
        return {r[0]: r[1:] for r in c.execute(
            f"SELECT {', '.join('dc.' + x for x in cols)}, d.key FROM dispute_cases dc "  # noqa: S608
            "JOIN disputes d ON d.id = dc.dispute_id")}


if __name__ == "__main__":
    main(sys.argv[1:])
