"""Query server speed: requests/s and p50/p99 latency of filtered /api/cases.

A synthetic store of at least 200,000 events (written straight into the real schema, since
extracting that many articles would take the benchmark's whole budget) is built once under
build/ and reused. `clampdown serve` runs on 127.0.0.1 in a child process; CONCURRENCY
clients, each on its own keep-alive connection, send filtered /api/cases requests (a
platform, a country, a type, dates, sources) for DURATION seconds after a warm-up. Nothing
leaves the loopback interface and the run stops by itself.

    python bench/api.py [--events 200000] [--clients 50] [--duration 20] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import func, insert, select

from clampdown.model import EVENT_TYPES, RESPONSE_TYPES
from clampdown.store.db import open_store
from clampdown.store.schema import cases, documents, entities, entity_names, events, stories

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "build" / "bench-api.db"
COUNTRIES = ["RU", "TR", "IN", "CN", "IR", "BY", "KZ", "PK", "BR", "EU", "US", "VN", "ID",
             "EG", "SA", "NG", "ET", "MM", "TH", "UZ"]
START = date(2012, 1, 1)
DAYS = (date(2025, 12, 31) - START).days
CHUNK = 20_000


def _zipf_pick(rng: random.Random, n: int, s: float = 1.1) -> int:
    """An index in [0, n) with a few very common values, as a few platforms dominate."""
    weights = _zipf_pick.cache.get((n, s))  # type: ignore[attr-defined]
    if weights is None:
        weights = [1 / (i + 1) ** s for i in range(n)]
        _zipf_pick.cache[(n, s)] = weights  # type: ignore[attr-defined]
    return rng.choices(range(n), weights=weights)[0]


_zipf_pick.cache = {}  # type: ignore[attr-defined]


def build_store(path: Path, n_events: int, seed: int = 7) -> None:
    """Fill a new store at `path` with `n_events` events in about 0.6 as many cases."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    engine = open_store(f"sqlite:///{path}", write=True)
    platforms = [(f"platform.p{i}", f"Platform {i}", "platform", "social_network", None)
                 for i in range(300)]
    authorities = [(f"{c.lower()}.a{i}", f"Authority {c} {i}", "authority",
                    rng.choice(["regulator", "court", "ministry", "prosecutor"]), c)
                   for c in COUNTRIES for i in range(10)]
    now = datetime.now(UTC).replace(tzinfo=None)
    with engine.begin() as conn:
        conn.execute(insert(entities), [
            {"key": k, "name": n, "role": r, "kind": kd, "country": c, "known": True}
            for k, n, r, kd, c in platforms + authorities
        ])
        ids = {k: i for k, i in conn.execute(select(entities.c.key, entities.c.id))}
        conn.execute(insert(entity_names), [
            {"entity_id": ids[k], "surface": n} for k, n, *_ in platforms + authorities
        ])
    plat_ids = [ids[p[0]] for p in platforms]
    auth_by_country = {c: [ids[a[0]] for a in authorities if a[4] == c] for c in COUNTRIES}

    n_cases = int(n_events * 0.6)
    n_docs = int(n_events / 3)
    case_rows, docs_rows, story_rows = [], [], []
    for s in range(1, n_docs + 1):
        day = START + timedelta(days=rng.randrange(DAYS))
        story_rows.append({"id": s, "origin_doc_id": None, "source": f"Outlet {s % 97}",
                           "n_documents": 1})
        docs_rows.append({
            "id": s, "key": f"{s:064x}", "url_key": None, "url": f"https://news.example/{s}",
            "ext_id": f"bench-{s}", "title": f"Report {s}", "lang": "en", "published": day,
            "text": "A regulator acted against a platform. " * 4, "origin": "bench",
            "outlet": f"Outlet {s % 97}", "republished": False, "story_id": s,
            "signature": b"", "ingested_at": now,
        })
    for c in range(1, n_cases + 1):
        country = COUNTRIES[_zipf_pick(rng, len(COUNTRIES), 0.8)]
        typ = rng.choices(EVENT_TYPES, weights=[20, 18, 3, 20, 10, 4, 10, 5, 6, 4])[0]
        platform = plat_ids[_zipf_pick(rng, len(plat_ids))]
        authority = rng.choice(auth_by_country[country])
        actor, target = (platform, authority) if typ in RESPONSE_TYPES else (authority,
                                                                              platform)
        dated = rng.random() > 0.08
        day = START + timedelta(days=rng.randrange(DAYS))
        amount = rng.choice([1e5, 5e5, 1e6, 4e6, 2e7]) if typ == "FINE" else None
        case_rows.append({
            "id": c, "type": typ, "subject_id": platform, "actor_id": actor,
            "target_id": target, "country": country,
            "status": "done" if rng.random() > 0.2 else "announced",
            "date": day.isoformat() if dated else None, "date_lo": day if dated else None,
            "date_hi": day if dated else None, "amount": amount,
            "currency": "EUR" if amount else None, "amount_eur": amount,
            "amount_usd": amount * 1.08 if amount else None, "n_mentions": 0,
            "n_documents": 0, "n_sources": 0, "origin_doc_id": rng.randrange(1, n_docs + 1),
            "has_conflict": rng.random() < 0.05, "conversion_flag": False,
        })
    event_rows = []
    counts: dict[int, int] = {}
    for e in range(1, n_events + 1):
        c = case_rows[(e - 1) % n_cases if e <= n_cases else rng.randrange(n_cases)]
        counts[c["id"]] = counts.get(c["id"], 0) + 1
        doc = c["origin_doc_id"] if counts[c["id"]] == 1 else rng.randrange(1, n_docs + 1)
        event_rows.append({
            "id": e, "key": f"{e:064x}", "doc_id": doc, "seq": e % 7, "case_id": c["id"],
            "type": c["type"], "actor_id": c["actor_id"], "target_id": c["target_id"],
            "country": c["country"], "status": c["status"], "date": c["date"],
            "date_lo": c["date_lo"], "date_hi": c["date_hi"], "amount": c["amount"],
            "currency": c["currency"], "amount_eur": c["amount_eur"],
            "amount_usd": c["amount_usd"], "evidence": f"Evidence sentence of event {e}.",
            "span_start": 0, "span_end": 10,
        })
    for c in case_rows:
        n = counts.get(c["id"], 1)
        c.update(n_mentions=n, n_documents=n, n_sources=max(1, n - (rng.random() < 0.3)))
    with engine.begin() as conn:
        for table, rows in ((stories, story_rows), (documents, docs_rows),
                            (cases, case_rows), (events, event_rows)):
            for i in range(0, len(rows), CHUNK):
                conn.execute(insert(table), rows[i:i + CHUNK])
        conn.exec_driver_sql("UPDATE stories SET origin_doc_id = id")
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def store_events(path: Path) -> int:
    if not path.exists():
        return 0
    engine = open_store(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(events)) or 0
    finally:
        engine.dispose()


def queries(rng: random.Random, n: int) -> list[str]:
    """Filtered /api/cases requests of the kinds the dashboard and researchers send."""
    out = []
    for _ in range(n):
        kind = rng.randrange(6)
        p: dict[str, str] = {}
        if kind == 0:
            p = {"target": f"Platform {_zipf_pick(rng, 300)}", "country": rng.choice(COUNTRIES)}
        elif kind == 1:
            p = {"type": rng.choice(EVENT_TYPES), "country": rng.choice(COUNTRIES[:8])}
        elif kind == 2:
            p = {"target": f"Platform {_zipf_pick(rng, 300)}", "since": str(rng.randrange(2012,
                                                                                    2025))}
        elif kind == 3:
            p = {"country": rng.choice(COUNTRIES), "min_sources": "2", "sort": "-sources"}
        elif kind == 4:
            p = {"type": "FINE", "sort": "-amount", "since": f"{rng.randrange(2012, 2025)}-06"}
        else:
            p = {"actor": f"Authority {rng.choice(COUNTRIES[:6])} {rng.randrange(10)}"}
        out.append("/api/cases?" + urlencode(p))
    return out


async def _client(host: str, port: int, rng: random.Random, stop_at: float,
                  lat: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < stop_at:
            path = queries(rng, 1)[0]
            t0 = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            m = re.search(rb"content-length: (\d+)", head, re.I)
            await reader.readexactly(int(m.group(1)) if m else 0)
            lat.append(time.perf_counter() - t0)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(head.split(b"\r\n")[0].decode())
    finally:
        writer.close()


async def load(host: str, port: int, clients: int, seconds: float,
               seed: int) -> tuple[list[float], list[str]]:
    rng = random.Random(seed)
    lat: list[float] = []
    errors: list[str] = []
    stop_at = time.perf_counter() + seconds
    await asyncio.gather(*(
        _client(host, port, random.Random(rng.random()), stop_at, lat, errors)
        for _ in range(clients)
    ))
    return lat, errors


def start_server(db: Path, cache: bool, workers: int) -> tuple[subprocess.Popen[str], str, int]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("CLAMPDOWN_TOKEN", None)
    if not cache:
        env["CLAMPDOWN_RESPONSE_CACHE_ENTRIES"] = "0"
    proc = subprocess.Popen(
        [sys.executable, "-m", "clampdown", "serve", "--db", str(db), "--port", "0",
         "--workers", str(workers)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"at http://(127\.0\.0\.1):(\d+)/", line)
        if m:
            return proc, m.group(1), int(m.group(2))
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit(f"bench: the server did not start: {proc.stderr.read()[-2000:]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=20.0)
    ap.add_argument("--warmup", type=float, default=3.0)
    ap.add_argument("--db", type=Path, default=DEFAULT_DB)
    ap.add_argument("--cache", choices=("both", "off", "on"), default="both",
                    help="run with the response cache off, on, or both (default)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="server processes (default: one per core)")
    args = ap.parse_args()
    if not 1 <= args.clients <= 500 or not 0 < args.duration <= 300:
        raise SystemExit("bench: keep --clients within 1..500 and --duration within 300 s")

    have = store_events(args.db)
    if have < args.events:
        t0 = time.perf_counter()
        print(f"building a store of {args.events:,} events at {args.db} ...", flush=True)
        build_store(args.db, args.events)
        print(f"  built in {time.perf_counter() - t0:.1f} s", flush=True)
    n_events = store_events(args.db)
    modes = {"both": (False, True), "off": (False,), "on": (True,)}[args.cache]
    results = [run(args, n_events, cache) for cache in modes]
    print(json.dumps(results))


def run(args: argparse.Namespace, n_events: int, cache: bool) -> dict[str, object]:
    """One timed pass against a fresh server, with or without its response cache."""
    proc, host, port = start_server(args.db, cache, args.workers)
    served = 0
    try:
        warm, _ = asyncio.run(load(host, port, min(args.clients, 10), args.warmup, seed=1))
        t0 = time.perf_counter()
        lat, errors = asyncio.run(load(host, port, args.clients, args.duration, seed=2))
        wall = time.perf_counter() - t0
        served = len(warm) + len(lat)
    finally:
        proc.terminate()
        # the server's own CPU time (its workers included): a figure that other load on
        # the machine does not inflate the way it inflates latency
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000 / max(served, 1)
    lat.sort()
    ms = [x * 1000 for x in lat]
    result = {
        "date": date.today().isoformat(),
        "cache": cache,
        "events": n_events,
        "clients": args.clients,
        "requests": len(lat),
        "errors": len(errors),
        "requests_per_s": round(len(lat) / wall, 1),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1),
        "max_ms": round(ms[-1], 1),
        "server_cpu_ms_per_request": round(cpu_ms, 2),
        "cpus": os.cpu_count(),
        "workers": args.workers,
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }
    label = "response cache on" if cache else "response cache off (every request queries)"
    print(f"filtered /api/cases, {n_events:,} events, {args.clients} concurrent clients, "
          f"{args.duration:.0f} s on loopback, {label}:")
    print(f"  {result['requests_per_s']:,} requests/s, p50 {result['p50_ms']} ms, "
          f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms, {len(errors)} errors; "
          f"server CPU {result['server_cpu_ms_per_request']} ms/request; load average "
          f"{result['load_avg_1m']}", flush=True)
    if errors:
        print(f"  first error: {errors[0]}")
    return result

if __name__ == "__main__":
    main()
