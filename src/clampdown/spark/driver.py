"""Copies, stories, cases and disputes of a job small enough to link on the driver.

After extraction, what linking needs is small next to the texts: per document its keys,
LSH bands, signature, date and events. For an input of up to `DRIVER_LINK_DOCUMENTS`
documents the job collects that once (as Arrow), and the full rows of the few documents
that take part in linking once more, and links them here with the same plain functions the
distributed path runs in its tasks: the store's ordered duplicate rule (`store.fresh`), its
similarity threshold and story roots, blocking (`plan`), `replay_component` per component
and `dispute_rows` per state and platform group. Only the resulting tables (a few rows per
case) go back to Spark. Each small Spark job costs the JVM and the Python worker CPU time
whatever its size, and the distributed path runs some thirty of them after extraction;
this path runs two. The tables are the distributed path's, row for row (a Spark test runs
both).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from clampdown.link.disputes import DisputeRules, Step
from clampdown.link.provenance import DUPLICATE_THRESHOLD, similarity
from clampdown.link.stories import story_roots
from clampdown.spark import plan
from clampdown.spark.disputes import Disputes, case_step, dispute_rows
from clampdown.spark.link import Linked, replay_component
from clampdown.spark.schema import CASE, CASE_EVENT, DISPUTE, DISPUTE_STEP
from clampdown.spark.store import fresh

# Above this many documents, the job links with Spark (`link.link`): the driver would hold
# about 0.5 kB per document and its events' evidence.
DRIVER_LINK_DOCUMENTS = 200_000
EVENT_PARTS = ("seq", "type", "start", "end", "actor_id", "target_id", "date", "evidence")
EVENT_CASE = "file int, record long, seq int, case string"  # an event's case, by its place
Identity = tuple[str, str, int, int, str | None, str | None]  # doc_key, type, span, parties


def link_on_driver(
    spark: SparkSession,
    docs: DataFrame,
    batch_size: int,
    rules: DisputeRules | None = None,
) -> tuple[Linked, Disputes]:
    """What `link.link` and `disputes.link_job_disputes` give for `docs` (the job's document
    rows with a `pos` column), computed on the driver."""
    rules = rules or DisputeRules.from_env()
    parts = F.transform("events", lambda e: F.struct(*(e[p].alias(p) for p in EVENT_PARTS)))
    rows = sorted(
        docs.select("pos", "file", "record", "key", "url_key", "bands", "signature", "published",
                    parts.alias("events"))
        .toArrow().to_pylist(),
        key=lambda r: r["pos"],
    )
    # The store's ingest in input order: a document whose text or URL came earlier is
    # dropped, every `batch_size` kept documents make a batch.
    batch_of: dict[int, int] = {}
    dropped: list[int] = []
    for r, v in zip(rows, fresh(((r["key"], r["url_key"]) for r in rows), batch_size),
                    strict=True):
        if v.keep:
            assert v.batch is not None
            batch_of[r["pos"]] = v.batch
        else:
            dropped.append(r["pos"])
    kept = [r for r in rows if r["pos"] in batch_of]

    pairs = _near_pairs(kept)
    story_of = story_roots(pairs)
    key_of = {r["pos"]: r["key"] for r in kept}
    mentions = [
        plan.mention(r["pos"], e["type"], e["actor_id"], e["target_id"], e["date"],
                     r["published"])
        for r in kept for e in r["events"] or ()
    ]
    component = plan.components({m.pos for m in mentions}, story_of, mentions)
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in _full_rows(spark, docs, sorted(component)):
        r["batch"] = batch_of[r["pos"]]
        members[component[r["pos"]]].append(r)
    cases: list[dict[str, Any]] = []
    case_events: list[dict[str, Any]] = []
    for group in sorted(members.items()):
        for kind, row in replay_component(group):
            (cases if kind == 0 else case_events).append(row)

    event_cases, case_key = _event_cases(rows, case_events)
    special: list[tuple[int, bool, str | None]] = [(p, True, None) for p in dropped]
    special += [(p, False, key_of[root]) for p, root in story_of.items()]
    linked = Linked(
        marks=spark.createDataFrame(special, "pos long, duplicate boolean, story string"),
        cases=spark.createDataFrame(cases, CASE),
        case_events=spark.createDataFrame(case_events, CASE_EVENT),
        duplicates=len(dropped),
        near_pairs=len(pairs),
        components=len(set(component.values())),
        n_cases=len(cases),
        event_cases=spark.createDataFrame(
            [(r["file"], r["record"], e["seq"], case) for r, e, case in event_cases],
            EVENT_CASE,
        ),
    )
    return linked, _disputes(spark, event_cases, case_key, cases, rules)


def _near_pairs(kept: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs of kept documents sharing an LSH band whose signatures are similar enough."""
    by_band: dict[int, list[int]] = defaultdict(list)
    signature: dict[int, bytes] = {}
    for r in kept:
        signature[r["pos"]] = r["signature"]
        for band in r["bands"] or ():
            by_band[band].append(r["pos"])
    candidates = {
        (x, y)
        for group in by_band.values() if len(group) > 1
        for i, x in enumerate(sorted(group)) for y in sorted(group)[i + 1:]
    }
    return [
        (x, y) for x, y in sorted(candidates)
        if similarity(signature[x], signature[y]) >= DUPLICATE_THRESHOLD
    ]


def _full_rows(spark: SparkSession, docs: DataFrame, wanted: list[int]) -> list[dict[str, Any]]:
    """The whole rows (texts and all) of the documents at positions `wanted`."""
    if not wanted:
        return []
    at = spark.createDataFrame([(p,) for p in wanted], "pos long")
    found: list[dict[str, Any]] = docs.join(F.broadcast(at), "pos").toArrow().to_pylist()
    return found


def _event_cases(
    rows: list[dict[str, Any]], case_events: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any], str]], dict[str, str]]:
    """Each document's events that joined a case, with that case, as `job._with_cases` pairs
    them: the n-th of a document's events with one identity (document key, type, span,
    parties) in `seq` order is the n-th stored one; and each case's smallest event key."""
    case_key: dict[str, str] = {}
    stored: dict[tuple[Identity, int], str] = {}
    seen: dict[Identity, int] = defaultdict(int)
    for ce in sorted(case_events, key=lambda c: c["seq"]):
        ident = (ce["doc_key"], ce["type"], ce["start"], ce["end"], ce["actor_id"],
                 ce["target_id"])
        seen[ident] += 1
        stored[ident, seen[ident]] = ce["case"]
        if ce["case"] not in case_key or ce["event_key"] < case_key[ce["case"]]:
            case_key[ce["case"]] = ce["event_key"]
    found: list[tuple[dict[str, Any], dict[str, Any], str]] = []
    for r in rows:
        nth: dict[Identity, int] = defaultdict(int)
        for e in sorted(r["events"] or (), key=lambda e: e["seq"]):
            ident = (r["key"], e["type"], e["start"], e["end"], e["actor_id"], e["target_id"])
            nth[ident] += 1
            case = stored.get((ident, nth[ident]))
            if case is not None:
                found.append((r, e, case))
    return found, case_key


def _disputes(
    spark: SparkSession,
    event_cases: list[tuple[dict[str, Any], dict[str, Any], str]],
    case_key: dict[str, str],
    cases: list[dict[str, Any]],
    rules: DisputeRules,
) -> Disputes:
    """The disputes of the cases, as `disputes.link_job_disputes` links them: each case with
    its smallest event key and the sorted evidence of every event (copies' too) in it."""
    texts: dict[str, list[str]] = defaultdict(list)
    for _, e, case in event_cases:
        texts[case].append(e["evidence"])
    steps: dict[Any, list[Step]] = defaultdict(list)
    for c in cases:
        if c["case"] not in case_key:
            continue
        row = {**c, "case_key": case_key[c["case"]], "texts": sorted(texts.get(c["case"], ()))}
        for step in case_step(row):
            steps[step.part].append(step)
    disputes: list[dict[str, Any]] = []
    step_rows: list[dict[str, Any]] = []
    for group in steps.values():
        for kind, out in dispute_rows(group, rules):
            (disputes if kind == 0 else step_rows).append(out)
    _stage(disputes, rules)
    return Disputes(spark.createDataFrame(disputes, DISPUTE),
                    spark.createDataFrame(step_rows, DISPUTE_STEP), len(disputes))


def _stage(disputes: Iterable[dict[str, Any]], rules: DisputeRules) -> None:
    """A dispute whose last step is older than the dormant days before the newest one ended."""
    disputes = list(disputes)
    days: list[date] = [d["last_day"] for d in disputes if d["last_day"] is not None]
    if not days:
        return
    cut = max(days) - timedelta(days=rules.dispute_dormant_days)
    for d in disputes:
        if d["last_day"] is not None and d["last_day"] < cut:
            d["stage"] = "ended"
