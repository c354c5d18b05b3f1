"""Blocking and listing, without Spark: what decides which documents link together, and
in what order documents are read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from clampdown.ingest import read_documents
from clampdown.link.stories import story_roots
from clampdown.model import Document
from clampdown.spark.inputs import list_inputs
from clampdown.spark.plan import BLOCK_GAP, Mention, block_pairs, components, mention
from clampdown.spark.store import fresh


def m(pos: int, day: str | None, subject: str | None = "telegram", type_: str = "FINE") -> Mention:
    published = date(2022, 3, 10) if day else None
    return mention(pos, type_, "ru.roskomnadzor", subject, day, published)


def test_reports_either_side_of_a_month_end_share_a_block() -> None:
    pairs = set(block_pairs([m(1, "2022-01-31"), m(2, "2022-02-02"), m(3, "2022-09-15")]))
    assert pairs == {(1, 2)}


def test_reports_far_apart_make_separate_blocks_but_an_unbounded_one_joins_them() -> None:
    far = [m(1, "2021-01-05"), m(2, "2022-01-05")]
    assert set(block_pairs(far)) == set()
    joined = far + [mention(3, "FINE", None, "telegram", None, None)]
    assert components([1, 2, 3], {}, [*joined]) == {1: 1, 2: 1, 3: 1}


def test_blocks_chain_within_the_gap_and_keys_do_not_mix() -> None:
    step = BLOCK_GAP.days - 1
    days = [date.fromordinal(date(2022, 1, 1).toordinal() + i * step).isoformat() for i in range(3)]
    chain = [m(i, d) for i, d in enumerate(days, 1)]
    other = [m(9, days[0], subject="google"), m(8, days[0], type_="BLOCK")]
    assert set(block_pairs(chain + other)) == {(1, 2), (2, 3)}


def test_components_follow_stories_and_leave_out_stories_without_events() -> None:
    story_of = story_roots([(10, 11), (11, 12), (20, 21)])
    assert story_of == {10: 10, 11: 10, 12: 10, 20: 20, 21: 20}
    comp = components([12, 30], story_of, [m(12, "2022-03-01"), m(30, "2022-03-02")])
    assert comp == {10: 10, 11: 10, 12: 10, 30: 10}


def test_fresh_drops_what_an_earlier_kept_document_had_and_counts_batches() -> None:
    ids = [("a", "u1"), ("b", "u1"), ("b", "u2"), ("c", None), ("a", None), ("d", None)]
    verdicts = list(fresh(ids, batch_size=2))
    assert [v.keep for v in verdicts] == [True, False, True, True, False, True]
    assert [v.batch for v in verdicts if v.keep] == [0, 0, 1, 1]


def test_listing_reads_files_in_the_order_the_cli_does(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for rel in ("b/2.txt", "a.txt", "c.jsonl", "b/1.txt", ".hidden/x.txt", "notes.md"):
        p = root / rel
        if p.suffix == ".jsonl":
            p.write_text(json.dumps({"id": "j", "text": "Some words here."}) + "\n")
        else:
            p.write_text(f"Text of {rel}, long enough to be a document.\n")
    files, errors = list_inputs([str(root), str(tmp_path / "missing.jsonl")])
    cli = [d for d in read_documents([str(root)]) if isinstance(d, Document)]
    assert [f.doc_id for f in files if not f.path.endswith(".jsonl")] == [
        d.id for d in cli if d.id != "j"
    ]
    assert [Path(f.path).name for f in files] == ["a.txt", "1.txt", "2.txt", "c.jsonl"]
    assert [e.source for e in errors] == [str(tmp_path / "missing.jsonl")]
