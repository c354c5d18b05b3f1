"""Extraction for `POST /api/ingest`, in worker processes the server can stop at any time.

Extracting a large, entity-dense document is seconds to minutes of CPU. Run on the server's
own threads it would hold Python's lock against every other request, and a signal could not
stop it. So each ingest request borrows a worker process: documents go to it one at a time,
and a document that overruns `max_extract_seconds` (the extractor checks the budget between
sentences; the process is killed if it still has not answered a little after) is reported
and skipped, the worker replaced. When the server stops, `stop()` kills every worker and
requests waiting on one end with `Stopped` at once.

Workers are forked from a fork server that has built the knowledge base once, so a new one
starts in milliseconds and shares that memory; the fork server is a clean single-threaded
process, so forking never copies a lock held by one of the server's threads.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from clampdown.errors import ExtractionError
from clampdown.model import Document
from clampdown.settings import Settings
from clampdown.store.prepare import Identity, Prepared

GRACE_S = 10.0  # after the budget, for what follows extraction (linking keys, signature)
_PRELOAD = "clampdown.api.warm"  # imported once by the fork server: builds the KB
BUDGET_VAR = "CLAMPDOWN_MAX_EXTRACT_SECONDS"


class Stopped(Exception):
    """The server is stopping; the request's remaining documents were not extracted."""


def _context() -> Any:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([_PRELOAD])
    return ctx


def _serve(conn: Connection, budget_s: float) -> None:
    """A worker: extract each document it is sent, until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(Exception):  # die with the fork server, hence with the server
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    # The fork server's environment is that of the server when it started; the budget is
    # the server's now.
    os.environ[BUDGET_VAR] = f"{budget_s!r}" if budget_s > 0 else "0"
    from clampdown.api import warm  # noqa: F401  (already imported when forked warm)
    from clampdown.extract import pipeline
    from clampdown.store.ingest import _prepare_one

    pipeline._time_budget.cache_clear()

    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_prepare_one(item))


class _Worker:
    def __init__(self, ctx: Any, budget_s: float) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, budget_s), daemon=True,
                                   name="clampdown-extract")
        self.process.start()
        child.close()

    def kill(self) -> None:
        """Only a signal: the thread reading the pipe sees its end and closes it."""
        with contextlib.suppress(Exception):
            self.process.kill()

    def discard(self) -> None:
        self.kill()
        with contextlib.suppress(Exception):
            self.process.join(timeout=1)
        with contextlib.suppress(Exception):
            self.conn.close()


class ExtractionWorkers:
    """Worker processes lent to ingest requests, one per request, kept for the next."""

    def __init__(self, budget_s: float | None = None) -> None:
        self.budget_s = Settings.from_env().max_extract_seconds if budget_s is None else budget_s
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._stopped = False
        self._ctx: Any = None

    @contextlib.contextmanager
    def borrow(self) -> Iterator[Any]:
        """A function that extracts one batch (as `store.ingest.ingest` wants it), on a
        worker process held for as long as the block runs."""
        holder: list[_Worker] = []
        try:
            yield lambda docs: [self._one(holder, d) for d in docs]
        finally:
            with self._lock:
                for w in holder:
                    self._busy.discard(w)
                    if self._stopped or not w.process.is_alive():
                        w.discard()
                    else:
                        self._idle.append(w)

    def reopen(self) -> None:
        """Lend workers again after `stop` (an application served once more)."""
        self._stopped = False

    def stop(self) -> None:
        """Kill every worker; extractions in progress and to come raise `Stopped`. Safe to
        call from a signal handler (it only sends signals and closes pipes)."""
        self._stopped = True
        for w in list(self._idle) + list(self._busy):
            w.kill()

    def close(self) -> None:
        """Stop, and reap the idle workers (a busy one is reaped by its request's thread)."""
        self.stop()
        with self._lock:
            idle, self._idle = self._idle, []
        for w in idle:
            w.discard()

    def _take(self, holder: list[_Worker]) -> _Worker:
        with self._lock:
            if self._stopped:
                raise Stopped
            if holder:
                return holder[0]
            if self._ctx is None:
                self._ctx = _context()
            w = self._idle.pop() if self._idle else _Worker(self._ctx, self.budget_s)
            self._busy.add(w)
            holder.append(w)
            return w

    def _drop(self, holder: list[_Worker], w: _Worker) -> None:
        w.discard()
        with self._lock:
            self._busy.discard(w)
            if w in holder:
                holder.remove(w)

    def _one(self, holder: list[_Worker], item: tuple[Document, Identity]
             ) -> Prepared | ExtractionError:
        doc = item[0]
        name = doc.source or doc.id
        w = self._take(holder)
        limit = self.budget_s + GRACE_S if self.budget_s > 0 else None
        started = time.monotonic()
        try:
            w.conn.send(item)
            while not w.conn.poll(1.0):
                if self._stopped:
                    raise Stopped
                if limit is not None and time.monotonic() - started > limit:
                    self._drop(holder, w)
                    return ExtractionError(
                        f"{name}: extraction took over max_extract_seconds"
                        f" ({self.budget_s:g} s); skipped"
                    )
            result: Prepared | ExtractionError = w.conn.recv()
            return result
        except (EOFError, OSError, BrokenPipeError):
            if self._stopped:
                raise Stopped from None
            code = w.process.exitcode
            self._drop(holder, w)
            return ExtractionError(
                f"{name}: extraction failed (its worker process ended, exit code {code});"
                " skipped"
            )
