"""Disputes of a Spark job, linked by the store's own function.

Disputes are linked from cases: each case's step needs its reconciled fields (the job's
`cases` table, which the store's code made) and the evidence of all its reports (its
events). Steps are keyed by state and platform group, and each group is linked by
`link.disputes.link_disputes` in a task of its own: disputes never cross two groups, and
the function gives the same disputes for the same cases in any order, so the job's
disputes are those `clampdown ingest` keeps in the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from clampdown.link.disputes import DisputeRules, Step, link_disputes, step_of
from clampdown.spark.records import month
from clampdown.spark.schema import DISPUTE, DISPUTE_STEP


@dataclass
class Disputes:
    disputes: DataFrame
    steps: DataFrame
    count: int


def link_job_disputes(
    spark: SparkSession,
    cases: DataFrame,
    case_events: DataFrame,
    events: DataFrame,
    rules: DisputeRules | None = None,
) -> Disputes:
    """The disputes of a job's cases; `events` must carry each event's `case`."""
    rules = rules or DisputeRules.from_env()
    keys = case_events.groupBy("case").agg(F.min("event_key").alias("case_key"))
    texts = (
        events.where(F.col("case").isNotNull())
        .groupBy("case")
        .agg(F.sort_array(F.collect_list("evidence")).alias("texts"))
    )
    rows = cases.join(keys, "case").join(texts, "case", "left")
    linked = (
        rows.rdd.flatMap(case_step)
        .keyBy(lambda s: s.part)
        .groupByKey()
        .flatMap(lambda kv: dispute_rows(kv[1], rules))
        .cache()
    )
    disputes = spark.createDataFrame(linked.filter(lambda t: t[0] == 0).map(lambda t: t[1]),
                                     DISPUTE)
    steps = spark.createDataFrame(linked.filter(lambda t: t[0] == 1).map(lambda t: t[1]),
                                  DISPUTE_STEP)
    # One pass gives both the count and the newest day (the disputes are few).
    last_days = linked.filter(lambda t: t[0] == 0).map(lambda t: t[1]["last_day"]).collect()
    newest_day = max((d for d in last_days if d is not None), default=None)
    if newest_day is not None:
        cut = newest_day - timedelta(days=rules.dispute_dormant_days)
        disputes = disputes.withColumn(
            "stage",
            F.when(F.col("last_day") < F.lit(cut), F.lit("ended")).otherwise(F.col("outcome")),
        )
    return Disputes(disputes, steps, len(last_days))


def case_step(r: Any) -> list[Step]:
    """A job's case row (with its smallest event key and its reports' evidence) as a step;
    none when the case is in no dispute."""
    step = step_of(
        r["case"], r["case_key"], r["type"], r["status"], r["country"], r["actor_id"],
        r["target_id"], r["date"], r["date_lo"], r["date_hi"], eur=r["amount_eur"],
        usd=r["amount_usd"], texts=r["texts"] or (),
    )
    return [step] if step is not None else []


def dispute_rows(
    steps: Iterable[Step], rules: DisputeRules
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(0, dispute row) and (1, step row) for one state and platform group."""
    for d in link_disputes(list(steps), rules):
        s = d.summary
        yield 0, {
            "dispute": d.key, "state": d.state, "platform_key": d.platform,
            "first_date": s.first_date, "last_date": s.last_date, "first_day": s.first_day,
            "last_day": s.last_day, "n_steps": s.n_steps, "outcome": s.outcome,
            "stage": s.outcome, "harshest": s.harshest, "harshest_status": s.harshest_status,
            "start_day": s.start_day, "days_to_compliance": s.days_to_compliance,
            "days_to_harshest": s.days_to_harshest, "fines_eur": float(s.fines_eur),
            "fines_usd": float(s.fines_usd), "n_fines": s.n_fines,
            "n_unconverted": s.n_unconverted, "matter": list(s.matter),
            "month": month(s.first_day),
        }
        for seq, (step, decision) in enumerate(zip(d.steps, d.decisions, strict=True)):
            yield 1, {
                "dispute": d.key, "seq": seq + 1, "case": str(step.case),
                "case_key": step.key, "type": step.type, "status": step.status,
                "date": step.date, "day": step.day, "cues": sorted(step.cues),
                "targets": list(decision.targets), "link": json.dumps(decision.link()),
            }
