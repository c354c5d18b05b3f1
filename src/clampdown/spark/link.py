"""Near-duplicates, stories and cases of a Spark job, decided as the store decides them.

Spark does what grows with the corpus: documents are grouped by text hash and URL to find
copies, and by LSH band to find candidate pairs of near-duplicates; documents are grouped
into linking components and each component is linked by the store's own code
(`store.replay`) in a task of its own. The driver only sees what is small: documents that
share a text hash or URL, candidate pairs with their MinHash signatures (whose similarity,
the store's `similarity`, it checks), and one tuple per event for blocking (`plan`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.window import Window

from clampdown.link.provenance import DUPLICATE_THRESHOLD, similarity
from clampdown.link.stories import story_roots
from clampdown.spark import plan
from clampdown.spark.records import prepared_of
from clampdown.spark.schema import CASE, CASE_EVENT
from clampdown.spark.store import fresh, replay


@dataclass
class Linked:
    """What linking adds: per document its duplicate flag and story, and the cases."""

    marks: DataFrame  # pos, duplicate, story: the few documents that are not plain
    cases: DataFrame
    case_events: DataFrame
    duplicates: int
    near_pairs: int
    components: int
    n_cases: int
    kept: list[Any] = field(default_factory=list)  # what is cached, for `release`
    # file, record, seq, case of each event that joined a case, where the linking knows
    # them (on the driver); else the events are joined to `case_events` (`job._with_cases`)
    event_cases: DataFrame | None = None

    def documents(self, docs: DataFrame) -> DataFrame:
        """`docs` (with `pos` and `key`) with each document's `duplicate` flag and `story`
        (its story's first document's key) last. Only duplicates and documents with copies
        differ from (False, own key), and those are few, so they are joined as a broadcast:
        the documents themselves, texts and all, are not shuffled."""
        return (
            docs.join(F.broadcast(self.marks), "pos", "left")
            .select(
                *docs.columns,
                F.coalesce(self.marks["duplicate"], F.lit(False)).alias("duplicate"),
                F.when(self.marks["duplicate"].isNull(), docs["key"])
                .otherwise(self.marks["story"]).alias("story"),
            )
        )

    def release(self) -> None:
        """Drop what linking cached, once the tables are written."""
        for cached in self.kept:
            cached.unpersist()


def link(
    spark: SparkSession,
    docs: DataFrame,
    batch_size: int,
    per_file: dict[int, int] | None = None,
) -> Linked:
    """Link `docs` (the job's document rows with a `pos` column) into stories and cases.

    `per_file`, the documents of each input file when the caller has counted them already,
    spares a pass over the documents."""
    dropped, dropped_files = _duplicates(docs)
    dropped_df = spark.createDataFrame([(p,) for p in dropped], "pos long")
    kept = docs.join(F.broadcast(dropped_df), "pos", "left_anti")

    pairs, key_of = _near_pairs(spark, kept)
    story_of = story_roots(pairs)
    mentions = (
        kept.where(F.size("events") > 0)
        .select("pos", "published", "events")
        .rdd.flatMap(_mentions)
        .collect()
    )
    component = plan.components({m.pos for m in mentions}, story_of, mentions)
    comp_df = spark.createDataFrame(list(component.items()), "pos long, component long")
    if per_file is None:
        kept_per_file = {r["file"]: r["count"] for r in kept.groupBy("file").count().collect()}
    else:
        kept_per_file = {f: c - dropped_files[f] for f, c in per_file.items()}
        kept_per_file = {f: c for f, c in kept_per_file.items() if c > 0}
    batches = _batches(spark, kept, kept_per_file, batch_size)

    linked = (
        kept.join(F.broadcast(comp_df), "pos")
        .join(batches, "pos")
        .rdd.map(lambda r: (r["component"], r.asDict(recursive=True)))
        .groupByKey()
        .flatMap(replay_component)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    # Both tables are read several times (written, joined to the events, linked into
    # disputes): converted from Python rows once.
    cases = spark.createDataFrame(
        linked.filter(lambda t: t[0] == 0).map(lambda t: t[1]), CASE
    ).persist(StorageLevel.MEMORY_AND_DISK)
    case_events = spark.createDataFrame(
        linked.filter(lambda t: t[0] == 1).map(lambda t: t[1]), CASE_EVENT
    ).persist(StorageLevel.MEMORY_AND_DISK)

    marks = _marks(spark, dropped, story_of, key_of)
    return Linked(marks, cases, case_events, len(dropped), len(pairs),
                  len(set(component.values())), cases.count(), [linked, cases, case_events])


def _marks(
    spark: SparkSession,
    dropped: list[int],
    story_of: dict[int, int],
    key_of: dict[int, str],
) -> DataFrame:
    """pos, duplicate, story of the documents that are duplicates or have copies.
    `key_of` holds the text key of every document in a near-duplicate pair (so of every
    story's root)."""
    special: list[tuple[int, bool, str | None]] = [(p, True, None) for p in dropped]
    special += [(p, False, key_of[root]) for p, root in story_of.items()]
    return spark.createDataFrame(special, "pos long, duplicate boolean, story string")


def _duplicates(docs: DataFrame) -> tuple[list[int], Counter[int]]:
    """Positions the store's ingest would drop as already seen in the run (text or URL),
    and how many of them each input file holds.

    Only documents sharing a key with another can be dropped or drop one, so only those
    go through the ordered pass, on the driver. They are found in one Spark job (documents
    grouped by text key and by URL key together), not in one per grouping and join.
    """
    members = (
        docs.select("pos", "file", "key", "url_key")
        .rdd.flatMap(_identity_keys)
        .groupByKey()
        .flatMap(_shared)
        .collect()
    )
    clash = sorted(set(members))  # a document sharing both its keys comes twice
    verdicts = fresh((key, url) for _, _, key, url in clash)
    gone = [r for r, v in zip(clash, verdicts, strict=True) if not v.keep]
    return [pos for pos, _, _, _ in gone], Counter(file for _, file, _, _ in gone)


Ident = tuple[int, int, str, str | None]  # pos, file, text key, URL key


def _identity_keys(row: Any) -> list[tuple[tuple[int, str], Ident]]:
    """A document under its text key and, when it has one, its URL key."""
    ident: Ident = (row["pos"], row["file"], row["key"], row["url_key"])
    out = [((0, ident[2]), ident)]
    if ident[3] is not None:
        out.append(((1, ident[3]), ident))
    return out


def _shared(group: tuple[tuple[int, str], Iterable[Ident]]) -> list[Ident]:
    """The documents of a key when more than one has it."""
    found = list(group[1])
    return found if len(found) > 1 else []


def _near_pairs(
    spark: SparkSession, kept: DataFrame
) -> tuple[list[tuple[int, int]], dict[int, str]]:
    """Pairs of documents sharing an LSH band whose signatures are similar enough, and the
    text key of every document in one.

    Two Spark jobs: the candidate pairs (documents grouped by band), then the signatures of
    the documents in a candidate pair, whose similarity the driver checks. Candidates are
    few (LSH makes a band shared by unlike texts rare, and exact copies are gone by now),
    so this holds one small tuple per candidate pair on the driver.
    """
    candidates = (
        kept.select("pos", "bands")
        .rdd.flatMap(_band_members)
        .groupByKey()
        .flatMap(_band_pairs)
        .distinct()
        .collect()
    )
    if not candidates:
        return [], {}
    wanted = spark.createDataFrame(
        [(p,) for p in sorted({p for pair in candidates for p in pair})], "pos long"
    )
    sigs = {
        r["pos"]: (r["key"], bytes(r["signature"]))
        for r in kept.join(F.broadcast(wanted), "pos").select("pos", "key", "signature")
        .collect()
    }
    found = [
        (x, y) for x, y in candidates
        if similarity(sigs[x][1], sigs[y][1]) >= DUPLICATE_THRESHOLD
    ]
    key_of = {p: sigs[p][0] for pair in found for p in pair}
    return found, key_of


def _band_members(row: Any) -> list[tuple[int, int]]:
    return [(band, row["pos"]) for band in row["bands"]]


def _band_pairs(group: tuple[int, Iterable[int]]) -> Iterator[tuple[int, int]]:
    """Every pair (smaller position first) of the documents sharing one band."""
    members = sorted(group[1])
    for i, x in enumerate(members):
        for y in members[i + 1:]:
            yield x, y


def _mentions(row: Any) -> Iterator[plan.Mention]:
    for e in row["events"]:
        yield plan.mention(row["pos"], e["type"], e["actor_id"], e["target_id"], e["date"],
                           row["published"])


def _batches(
    spark: SparkSession, kept: DataFrame, per_file: dict[int, int], batch_size: int
) -> DataFrame:
    """Each kept document's batch in the store's ingest: its rank in input order, from the
    kept documents of earlier files (`per_file`, counted on the driver) and its rank within
    its file."""
    offsets, total = [], 0
    for file, count in sorted(per_file.items()):
        offsets.append((file, total))
        total += count
    offset_df = spark.createDataFrame(offsets, "file int, offset long")
    rank = F.row_number().over(Window.partitionBy("file").orderBy("record")) - 1
    return (
        kept.select("pos", "file", "record")
        .join(F.broadcast(offset_df), "file")
        .select("pos", F.floor((F.col("offset") + rank) / batch_size).alias("batch"))
    )


def replay_component(
    group: tuple[int, Iterable[dict[str, Any]]],
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Link one component with the store's code: (0, case row) and (1, case-event row)."""
    _, rows = group
    ordered = sorted(rows, key=lambda r: r["pos"])
    prepared = [(r["batch"], prepared_of(r)) for r in ordered]
    cases, case_events = replay(prepared, ordered[0]["key"])
    for c in cases:
        yield 0, c
    for ce in case_events:
        yield 1, ce
