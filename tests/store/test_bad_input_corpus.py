"""The generated bad-input corpus (tests/poison.py) through every way in: `clampdown extract`,
`clampdown ingest` on SQLite and PostgreSQL, and POST /api/ingest.

For each case: no traceback, the good documents on either side come through (stored, for
ingest), and the case costs under 5 s of CPU and the run 512 MiB of memory, measured on the
command run as a child process (RLIMIT_DATA set to 512 MiB: a run that needs more fails
with MemoryError, and that is a traceback). A case's CPU is the run's less that of the same
command on the good documents alone (starting Python and building the knowledge base take
seconds of their own). A rerun of ingest completes and adds nothing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from poison import BadCase, bad_input_corpus
from sqlalchemy import select

from clampdown.api.app import create_app
from clampdown.store.db import open_store
from clampdown.store.schema import documents

MiB = 1024 * 1024
CPU_S = 5.0
MEMORY = 512 * MiB
TOKEN = "corpus-token-0123456789"
pytestmark = pytest.mark.slow


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    cpu_s: float
    max_rss: int


# The command runs under a small launcher that sets the limits, forks it and reports what
# that child alone cost: a child forked straight from this test process would start with
# this process's pages resident, and its peak memory (`ru_maxrss`) would count them.
_LAUNCHER = """
import json, os, resource, sys
memory, cpu, report = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))  # a runaway is killed, not waited on
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "clampdown", *sys.argv[4:]])
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as f:
    json.dump([usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024], f)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def clampdown(*args: str) -> Run:
    """`clampdown ARGS` in a child process under the limits; what it printed and what that
    child alone cost (`wait4` in the launcher: the children's totals here would count every
    earlier child of this test process, a Spark JVM included)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    fd, report = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    launcher = [sys.executable, "-c", _LAUNCHER, str(MEMORY), "60", report, *args]
    with open(os.devnull, "rb") as stdin:
        proc = subprocess.Popen(launcher, stdin=stdin, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, start_new_session=True)
    streams: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda n=name, f=f: streams.__setitem__(n, f.read()))
        for name, f in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for r in readers:
        r.start()
    killer = threading.Timer(120, os.killpg, (proc.pid, signal.SIGKILL))
    killer.start()
    try:
        proc.wait()
    finally:
        killer.cancel()
    for r in readers:
        r.join()
    if proc.returncode == -signal.SIGKILL:
        raise AssertionError(f"clampdown {' '.join(args)}: still running after 120 s")
    with open(report) as f:
        cpu_s, max_rss = json.load(f)
    os.unlink(report)
    return Run(proc.returncode, streams["out"].decode("utf-8", "replace"),
               streams["err"].decode("utf-8", "replace"), cpu_s, max_rss)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[BadCase]:
    return bad_input_corpus(tmp_path_factory.mktemp("bad-input"))


def _problems(case: BadCase, run: Run, baseline: float = 0.0) -> list[str]:
    out = []
    if run.code != 0:
        out.append(f"exit code {run.code}")
    if "Traceback" in run.stderr or "MemoryError" in run.stderr:
        out.append("traceback: " + run.stderr[-600:])
    if run.cpu_s - baseline > CPU_S:
        out.append(f"{run.cpu_s - baseline:.1f} s of CPU beyond the {baseline:.1f} s of a"
                   " run on good documents alone")
    if run.max_rss > MEMORY:
        out.append(f"{run.max_rss // MiB} MiB")
    return [f"{case.name}: {p}" for p in out]


def test_extract_reads_each_bad_input_and_every_good_document_around_it(
    corpus: list[BadCase],
) -> None:
    good = [p for p in corpus[0].inputs if p.suffix == ".jsonl"]
    baseline = clampdown("extract", *map(str, good), "--format", "jsonl")
    assert baseline.code == 0, baseline.stderr
    problems: list[str] = []
    for case in corpus:
        run = clampdown("extract", *map(str, case.inputs), "--format", "jsonl")
        problems += _problems(case, run, baseline.cpu_s)
        ids = {json.loads(line)["id"] for line in run.stdout.splitlines() if line.strip()}
        missing = set(case.good) - ids
        if missing:
            problems.append(f"{case.name}: good documents lost: {sorted(missing)}")
    assert not problems, "\n".join(problems)


def _stored_ids(url: str) -> set[str]:
    engine = open_store(url)
    try:
        with engine.connect() as conn:
            return set(conn.scalars(select(documents.c.ext_id)))
    finally:
        engine.dispose()


def test_ingest_stores_every_good_document_around_each_bad_input(
    corpus: list[BadCase], db_url: str
) -> None:
    good = [p for p in corpus[0].inputs if p.suffix == ".jsonl"]
    baseline = clampdown("ingest", *map(str, good), "--db", db_url, "--jobs", "1")
    assert baseline.code == 0, baseline.stderr
    problems: list[str] = []
    per_case = db_url.startswith("sqlite")  # PostgreSQL: the whole corpus at once
    runs = [(c.name, c.inputs) for c in corpus] if per_case else [
        ("all", [p for c in corpus for p in c.inputs])]
    for name, inputs in runs:
        run = clampdown("ingest", *map(str, inputs), "--db", db_url, "--jobs", "1")
        case = BadCase(name, inputs, [])
        if per_case:
            problems += _problems(case, run, baseline.cpu_s)
        else:
            problems += [p for p in _problems(case, run) if "CPU" not in p]
    stored = _stored_ids(db_url)
    for case in corpus:
        missing = set(case.good) - stored
        if missing:
            problems.append(f"{case.name}: good documents not stored: {sorted(missing)}")
    # A rerun of everything completes, stores nothing new and fails nothing new.
    again = clampdown("ingest", *(str(p) for c in corpus for p in c.inputs), "--db", db_url,
                      "--jobs", "1")
    problems += [p for p in _problems(BadCase("rerun", [], []), again) if "CPU" not in p]
    if again.code == 0 and ", 0 stored," not in again.stderr:
        problems.append("rerun stored documents again: " + again.stderr[-300:])
    assert not problems, "\n".join(problems)


def test_the_api_stores_every_good_document_around_each_bad_one(
    corpus: list[BadCase], db_url: str, run_ingest: Any
) -> None:
    first = corpus[0].inputs[0]  # a good document, so the store exists
    run_ingest(db_url, first)
    app = create_app(db_url, token=TOKEN, deliver=False)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    problems: list[str] = []
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            # The first ingest starts the extraction workers: not a cost of any case.
            warm = client.post("/api/ingest", headers=auth, json={"documents": [
                {"id": "warm-up", "text": "Roskomnadzor warned Telegram on Monday."}]})
            assert warm.status_code == 200, warm.text
            for case in corpus:
                started = time.monotonic()
                if case.api_body is not None:
                    r = client.post("/api/ingest", content=case.api_body,
                                    headers={**auth, "Content-Type": "application/json"})
                    if not 400 <= r.status_code < 500 or "error" not in r.json():
                        problems.append(f"{case.name}: {r.status_code} {r.text[:200]}")
                elif case.api_documents is not None:
                    docs = list(case.api_documents)
                    while True:
                        body = json.dumps({"documents": docs})  # \ud800 sent escaped
                        r = client.post("/api/ingest", content=body.encode(),
                                        headers={**auth, "Content-Type": "application/json"})
                        if r.status_code != 422:
                            break
                        # A document outside the published schema (a field too long or of
                        # the wrong type, text that is not Unicode) is refused with the
                        # request, naming it: without it, the rest must go in.
                        field = r.json()["error"]["field"] or ""
                        index = int(field.split(".")[1]) if field.startswith("documents.") \
                            else -1
                        if not 0 <= index < len(docs) or docs[index]["id"] in case.good:
                            break
                        docs.pop(index)
                    if r.status_code != 200:
                        problems.append(f"{case.name}: {r.status_code} {r.text[:300]}")
                if time.monotonic() - started > CPU_S:
                    problems.append(f"{case.name}: {time.monotonic() - started:.1f} s")
    finally:
        app.state.clampdown.close()
    stored = _stored_ids(db_url)
    for case in corpus:
        if case.api_documents is not None:
            missing = set(case.good) - stored
            if missing:
                problems.append(f"{case.name}: good documents not stored: {sorted(missing)}")
    assert not problems, "\n".join(problems)
