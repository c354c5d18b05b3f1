"""Where each missed gold event is lost: the step of reading that drops it, counted.

    python eval/miss_stages.py [--langs en,ru] [--part dev|measure] [--by-type] [--list]

For every required gold event of the corpus's development part that the rules do not find,
it asks in turn, on the gold event's evidence sentence:

- is a candidate event of its type naming its key party there before the precision gates?
  then which gate drops it (`gates.py`, in the order `apply_gates` tries them), or, where
  none does, it is lost after them (its match taken by another gold event of that party);
- was one read there and merged into another report of the same party
  (`consolidate.merge_duplicates`: taken for the same act, or a headline beside the body)?
- is another act of its type on that party found, none read in this sentence?
- is an event of its type read there with another key party (the subject or object read
  wrongly);
- does a trigger of its type fire in the sentence, and is its key party named there
  (under any of the gold's names)?

The causes are printed with their counts (`--by-type`: per event type); `--list` prints each
miss with its cause. `--part measure` counts the measuring part's misses the same way: counts
only, never a document, so the part stays one that nobody reads (`--list` is refused there).
Matching follows the shared scorer: same type, key party (the target; for an answer, the
platform) under any of the gold's names.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from copy import copy
from pathlib import Path
from typing import Any

import clampdown.extract.pipeline as pipeline
from clampdown.extract import gates
from clampdown.extract.context import DocContext
from clampdown.extract.language import casefold_same_length, language_pack
from clampdown.extract.triggers import scan_document
from clampdown.ingest import read_documents
from clampdown.model import RESPONSE_TYPES, Document, Event

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
from build import norm  # noqa: E402  (the scorer's name normalisation, kept in one place)

CORPUS = Path(__file__).resolve().parent / "corpus"

# The gates in the order `gates.apply_gates` tries them, each with the name it is counted by.
GATES: list[tuple[str, Callable[[Event, DocContext, list[Event]], bool]]] = [
    ("target is no platform", lambda ev, ctx, _: not gates._target_can_be(ev, ctx)),
    ("key party not in evidence", lambda ev, ctx, _: not gates._key_party_named(ev, ctx)),
    ("only a medium", lambda ev, ctx, _: gates._only_a_medium(ev, ctx)),
    ("hypothetical", gates._hypothetical),
    ("only possible", lambda ev, ctx, _: gates._only_possible(ev, ctx)),
    ("proposed by no authority", lambda ev, ctx, _: gates._proposed_by_no_authority(ev, ctx)),
    ("weighed, not done", lambda ev, ctx, _: gates._weighed(ev, ctx)),
    ("private suit", lambda ev, ctx, _: gates._private_suit(ev, ctx)),
    ("aimed at its own state", lambda ev, ctx, _: gates._aimed_at_own_state(ev, ctx)),
    ("carrier told to block", gates._carrier_told_to_block),
    (
        "accusation out of scope",
        lambda ev, ctx, _: ev.type == "ACCUSATION" and not gates._accusation_in_scope(ev, ctx),
    ),
    (
        "summons out of scope",
        lambda ev, ctx, _: ev.type == "SUMMONS" and not gates._summons_in_scope(ev, ctx),
    ),
    ("answer owed", lambda ev, ctx, _: ev.type == "COMPLIANCE" and gates._owed(ev, ctx)),
]


def key_names(gold: dict[str, Any]) -> set[str]:
    field = "actor" if gold["type"] in RESPONSE_TYPES else "target"
    names = gold.get(field) or []
    return {norm(n) for n in (names if isinstance(names, list) else [names])} - {""}


def _key(ev: Event) -> str | None:
    return ev.actor if ev.type in RESPONSE_TYPES else ev.target


def _names(ev: Event, wanted: set[str]) -> bool:
    return norm(_key(ev) or "") in wanted


class _Spy:
    """The events read before the gates, those merged into another report, and the
    document's context, of one extraction."""

    def __init__(self) -> None:
        self.before: list[Event] = []
        self.merged: list[Event] = []
        self.ctx: DocContext | None = None
        self.gates = pipeline.apply_gates  # type: ignore[attr-defined]
        self.merge = pipeline.merge_duplicates  # type: ignore[attr-defined]

    def __call__(self, events: list[Event], ctx: DocContext) -> list[Event]:
        self.before, self.ctx = [copy(ev) for ev in events], ctx
        return self.gates(events, ctx)

    def merging(self, events: list[Event], another: re.Pattern[str] | None = None) -> list[Event]:
        read = [copy(ev) for ev in events]
        kept: list[Event] = self.merge(events, another)
        ids = {id(ev) for ev in kept}
        self.merged = [c for ev, c in zip(events, read, strict=True) if id(ev) not in ids]
        return kept


def cause(gold: dict[str, Any], doc: Document, found: list[Event], spy: _Spy) -> str:
    """The step that loses a missed gold event (see the module's docstring)."""
    text, etype, wanted = doc.text, gold["type"], key_names(gold)
    start = gold.get("start")
    if start is None:
        start = max(text.find(gold["evidence"]), 0)
    end = gold.get("end") or start + len(gold["evidence"])
    here = [ev for ev in spy.before if ev.type == etype and ev.start < end and start < ev.end]
    mine = [ev for ev in here if _names(ev, wanted)]
    if mine and spy.ctx is not None:
        for name, drops in GATES:
            if drops(mine[0], spy.ctx, spy.before):
                return f"gate: {name}"
        return "lost after the gates (its match taken by another act)"
    merged = [ev for ev in spy.merged if ev.type == etype and ev.start < end and start < ev.end]
    if any(_names(ev, wanted) for ev in merged):
        return "merged into another report of the same party"
    if any(ev.type == etype and _names(ev, wanted) for ev in found):
        return "another act on the same party found, none read here"
    if here:
        return "read with another key party"
    pack = language_pack(doc.lang or "en")
    hits = scan_document(pack, text, casefold_same_length(text))[0]
    fired = [h for h in hits if start <= h.start < end]
    typed = any(h.trigger.type == etype for h in fired)
    # The document's names as reading found them; where it stopped before (no trigger
    # anywhere, or nothing the prefilter lets through), the knowledge base's names.
    refs = spy.ctx.mentions if spy.ctx is not None else pipeline.gazetteer().find(text)
    named = any(
        start <= r.start
        and r.end <= end + 1
        and (norm(r.entity.name) in wanted or norm(text[r.start : r.end]) in wanted)
        for r in refs
    )
    if typed:
        return "trigger and party, no reading" if named else "trigger, party not named there"
    if named:
        return "party, trigger of another type" if fired else "party, no trigger"
    return "neither trigger nor party"


def misses(
    docs: list[Document], gold: dict[str, list[dict[str, Any]]], *, by_type: bool = False
) -> list[tuple[str, str, str]]:
    """(document id, cause, gold evidence) for each required gold event the rules do not
    find; with `by_type`, the cause is prefixed with the event's type ("BLOCK | party, no
    trigger")."""
    spy = _Spy()
    pipeline.apply_gates = spy  # type: ignore[attr-defined]
    pipeline.merge_duplicates = spy.merging  # type: ignore[attr-defined]
    out: list[tuple[str, str, str]] = []
    try:
        for doc in docs:
            spy.before, spy.merged, spy.ctx = [], [], None
            found = list(pipeline.extract(doc).events)
            unused = list(found)
            for g in sorted(gold.get(doc.id, []), key=lambda g: bool(g.get("optional"))):
                wanted = key_names(g)
                match = next(
                    (ev for ev in unused if ev.type == g["type"] and _names(ev, wanted)), None
                )
                if match is not None:
                    unused.remove(match)
                elif not g.get("optional"):
                    why = cause(g, doc, found, spy)
                    why = f"{g['type']} | {why}" if by_type else why
                    out.append((doc.id, why, g["evidence"]))
    finally:
        pipeline.apply_gates = spy.gates  # type: ignore[attr-defined]
        pipeline.merge_duplicates = spy.merge  # type: ignore[attr-defined]
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--langs", default="en,ru")
    parser.add_argument("--part", choices=("dev", "measure"), default="dev")
    parser.add_argument("--by-type", action="store_true", help="count causes per event type")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    if args.list and args.part == "measure":
        parser.error("the measuring part is only counted: --list would show its documents")
    langs = set(args.langs.split(","))
    docs = [
        d
        for d in read_documents([str(CORPUS / f"docs-{args.part}.jsonl")])
        if isinstance(d, Document) and d.lang in langs
    ]
    gold: dict[str, list[dict[str, Any]]] = {}
    with (CORPUS / f"gold-{args.part}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                gold[rec["id"]] = rec.get("events") or []
    found = misses(docs, gold, by_type=args.by_type)
    if args.list:
        for doc_id, why, evidence in sorted(found, key=lambda x: x[1]):
            print(f"{why}\t{doc_id}\t{' '.join(evidence.split())[:200]}")
    for why, n in Counter(why for _, why, _ in found).most_common():
        print(f"{n:5d}  {why}")
    print(f"{len(found):5d}  missed in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
