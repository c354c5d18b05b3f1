"""Evaluation gate: the shared scorer on the seed, the dev set and the real-reporting corpus
(`eval/corpus/`, both its development and its measuring part), against recorded floors; and
false events on real news pages, which report no state act.

Floors live in `tests/eval_floors.json` and only ever move up while the corpus stays the same;
when the corpus grows (by slices that no rule has seen, scored once before they join), its
floors are re-set from the grown corpus's figures (each rounded down, less 0.02), which may
lower them where the new excerpts are harder (last: 1,407 -> 1,530 excerpts); a field's floor
is held where its accuracy is taken over enough matched events to mean something. The scorer is
the shared one, run as a program, exactly as a person would run it.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from clampdown.extract.pipeline import extract
from clampdown.ingest import read_documents
from clampdown.model import Document
from clampdown.output import spec_dict

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())
CORPUS = Path(__file__).resolve().parents[1] / "eval" / "corpus"
# The two news pages that do report a state act on a platform (see the pages' README).
RELEVANT_NEWS = ("fundus__us__CNBC", "newspaper__nypost.com1")


def _run(docs: list[Document], gold: Path, tmp_path: Path, name: str, scorer: Path) -> dict:
    system = tmp_path / f"{name}.jsonl"
    with system.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(spec_dict(extract(doc)), ensure_ascii=False) + "\n")
    proc = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(system), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict = json.loads(proc.stdout)
    result["support"] = _field_support(scorer, gold, system)
    return result


# A field's accuracy over fewer matched events than this measures too little: one event more
# or less moves it by a tenth or more, so its floor is not held (F1, precision and recall
# always are). It was 5 until the corpus grew; floors over 5-9 events broke on changes that
# moved one event either way.
MIN_FIELD_SUPPORT = 10


def _field_support(scorer: Path, gold: Path, system: Path) -> Counter[str]:
    """How many matched events each field's accuracy is taken over, by the scorer's rules."""
    spec = importlib.util.spec_from_file_location("shared_score", scorer)
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold_docs, system_docs = score.load(str(gold)), score.load(str(system))
    support: Counter[str] = Counter()
    for doc_id, gold_events in gold_docs.items():
        pairs, _, _ = score.match_document(system_docs.get(doc_id, []), gold_events)
        for sys_ev, gold_ev in pairs:
            support.update(field for field, _ in score.field_checks(sys_ev, gold_ev))
    return support


def _docs(path: Path, lang: str | None = None) -> list[Document]:
    docs = [d for d in read_documents([str(path)]) if isinstance(d, Document)]
    return [d for d in docs if lang is None or d.lang == lang]


def _gold_subset(gold: Path, ids: set[str], tmp_path: Path, name: str) -> Path:
    out = tmp_path / f"gold-{name}.jsonl"
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if line.strip() and json.loads(line)["id"] in ids:
                dst.write(line)
    return out


def _check(result: dict, floors: dict) -> None:
    assert result["f1"] >= floors["f1"], result
    assert result["precision"] >= floors["precision"], result
    assert result["recall"] >= floors["recall"], result
    for field, acc in result["field_accuracy"].items():
        if result["support"][field] >= MIN_FIELD_SUPPORT:
            assert acc >= floors["fields"].get(field, 0.0), (field, acc, result)


def test_seed_is_perfect(shared: Path, tmp_path: Path) -> None:
    data = shared / "data"
    result = _run(
        _docs(data / "seed-docs.jsonl"),
        data / "seed-gold.jsonl",
        tmp_path,
        "seed",
        shared / "eval" / "score.py",
    )
    _check(result, FLOORS["seed"])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_devset_floor(shared: Path, tmp_path: Path, lang: str) -> None:
    dev = shared / "data" / "devset"
    docs = _docs(dev / "docs.jsonl", lang)
    gold = _gold_subset(dev / "gold.jsonl", {d.id for d in docs}, tmp_path, lang)
    _check(_run(docs, gold, tmp_path, lang, shared / "eval" / "score.py"), FLOORS[f"devset_{lang}"])


def test_open_web_pages_report_no_pressure(web_pages: list[Document]) -> None:
    """Precision on the open web: the 240 real pages report no state action against a
    platform, so an event found there is a false positive (or, rarely, a genuine report:
    read it before raising `web_pages_max_events`)."""
    docs = web_pages
    assert len(docs) == 240
    found = [(doc.id, ev.type, ev.evidence) for doc in docs for ev in extract(doc).events]
    assert len(found) <= FLOORS["web_pages_max_events"], found


@pytest.mark.parametrize("part", ["dev", "measure"])
@pytest.mark.parametrize("lang", ["en", "ru", "tr", "pt", "de"])
def test_real_corpus_floor(shared: Path, tmp_path: Path, part: str, lang: str) -> None:
    """Real published excerpts: two thirds for development, one third only measured on."""
    docs = _docs(CORPUS / f"docs-{part}.jsonl", lang)
    assert len(docs) >= (30 if lang in ("en", "ru") else 20)
    gold = _gold_subset(CORPUS / f"gold-{part}.jsonl", {d.id for d in docs}, tmp_path, part)
    result = _run(docs, gold, tmp_path, f"{part}-{lang}", shared / "eval" / "score.py")
    _check(result, FLOORS[f"corpus_{part}_{lang}"])


def test_news_pages_have_few_false_events(news_pages: list[Document]) -> None:
    """Ordinary real news: every event outside the two relevant pages is false."""
    docs = news_pages
    assert len(docs) == 201
    read = [d for d in docs if d.lang in ("en", "ru")]
    found = {d.id: extract(d).events for d in read}
    false = [
        (doc_id, ev.type, ev.evidence)
        for doc_id, events in found.items()
        if not doc_id.startswith(RELEVANT_NEWS)
        for ev in events
    ]
    per_100 = 100 * len(false) / len(read)
    assert per_100 <= FLOORS["news_pages_max_false_per_100"], false
    cnbc = next(events for doc_id, events in found.items() if doc_id.startswith(RELEVANT_NEWS[0]))
    assert any(ev.type == "BLOCK" and ev.target == "TikTok" for ev in cnbc), cnbc
