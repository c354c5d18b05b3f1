"""Train the candidate scorer on the development part of the real-reporting corpus.

    python eval/train_scorer.py            # writes src/clampdown/extract/scorer.json, disabled
    python eval/train_scorer.py --enable   # the same, enabled: only once the measuring part
                                           # shows it beats the rules alone

Every second-chance candidate (`extract/candidates.py`) of the development documents (the
corpus's development part and the shared dev set) is
labelled by the adjudicated gold: kept if a gold event of its type names its key party and
no rule event already states it. A logistic regression (L2, full-batch gradient descent,
fixed iterations: the same data gives the same weights) learns to tell them apart; the
threshold is the one that gives the development part its best event F1 without lowering
its precision below the rules'. The measuring third is never read here.
"""

from __future__ import annotations

import json
import math
import sys
from datetime import date
from pathlib import Path

from clampdown.extract.candidates import FEATURES
from clampdown.extract.pipeline import extract
from clampdown.ingest import read_documents
from clampdown.model import RESPONSE_TYPES, Document, Event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval" / "corpus"))
from build import norm  # noqa: E402  (the scorer's name normalisation, kept in one place)

CORPUS = ROOT / "eval" / "corpus"
OUT = ROOT / "src" / "clampdown" / "extract" / "scorer.json"
DEVSET = ROOT.parent / "shared" / "data" / "devset"
L2 = 1.0
STEPS = 4000
RATE = 0.5


def key_names(ev: dict) -> set[str]:
    names = ev.get("actor" if ev["type"] in RESPONSE_TYPES else "target") or []
    return {norm(n) for n in names} - {""}


def key_of(ev: Event) -> str:
    return norm(ev.actor if ev.type in RESPONSE_TYPES else ev.target)


def _load(docs_path: Path, gold_path: Path) -> tuple[list[Document], dict[str, list[dict]]]:
    gold = {
        rec["id"]: rec["events"]
        for rec in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())
        if rec
    }
    docs = [d for d in read_documents([str(docs_path)]) if isinstance(d, Document)]
    return docs, gold


def examples() -> tuple[list[dict[str, float]], list[int], int, int, int]:
    """Candidate features and labels; the rules' true and false events; the gold total.

    Development data only: the corpus's development part and the shared dev set.
    """
    docs, gold = _load(CORPUS / "docs-dev.jsonl", CORPUS / "gold-dev.jsonl")
    if (DEVSET / "docs.jsonl").is_file():
        more_docs, more_gold = _load(DEVSET / "docs.jsonl", DEVSET / "gold.jsonl")
        docs, gold = docs + more_docs, gold | more_gold
    feats: list[dict[str, float]] = []
    labels: list[int] = []
    rules_tp = rules_fp = total = 0
    for doc in docs:
        wanted = gold.get(doc.id, [])
        total += sum(1 for g in wanted if not g.get("optional"))
        open_gold = list(wanted)
        events = extract(doc, candidates="all").events
        for ev in (e for e in events if not e.candidate):
            hit = next(
                (g for g in open_gold if g["type"] == ev.type and key_of(ev) in key_names(g)), None
            )
            if hit is not None:
                open_gold.remove(hit)
                rules_tp += not hit.get("optional")
            else:
                rules_fp += 1
        stated = {(e.type, e.target_id) for e in events if not e.candidate}
        for ev in (e for e in events if e.candidate and (e.type, e.target_id) not in stated):
            hit = next(
                (g for g in open_gold if g["type"] == ev.type and key_of(ev) in key_names(g)), None
            )
            if hit is not None:
                open_gold.remove(hit)
            feats.append(ev.features)
            labels.append(int(hit is not None and not hit.get("optional")) if hit else 0)
    return feats, labels, rules_tp, rules_fp, total


def train(feats: list[dict[str, float]], labels: list[int]) -> dict[str, float]:
    w = dict.fromkeys(FEATURES, 0.0)
    n = max(1, len(labels))
    rows = [[f.get(name, 0.0) for name in FEATURES] for f in feats]
    for _ in range(STEPS):
        grad = [0.0] * len(FEATURES)
        for row, y in zip(rows, labels, strict=True):
            z = sum(wi * xi for wi, xi in zip(w.values(), row, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
            for i, xi in enumerate(row):
                grad[i] += (p - y) * xi
        for i, name in enumerate(FEATURES):
            reg = L2 * w[name] if name != "bias" else 0.0
            w[name] -= RATE * (grad[i] + reg) / n
    return {k: round(v, 6) for k, v in w.items()}


def probability(w: dict[str, float], f: dict[str, float]) -> float:
    z = sum(w.get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def main() -> int:
    feats, labels, rules_tp, rules_fp, total = examples()
    print(f"rules: tp {rules_tp} fp {rules_fp} of {total} gold")
    print(f"candidates {len(labels)}, true {sum(labels)}")
    w = train(feats, labels)
    probs = [probability(w, f) for f in feats]
    rules_p = rules_tp / max(1, rules_tp + rules_fp)
    best = (0.0, 1.01)
    for step in range(20, 100):
        t = step / 100
        tp = rules_tp + sum(y for p, y in zip(probs, labels, strict=True) if p >= t)
        fp = rules_fp + sum(1 - y for p, y in zip(probs, labels, strict=True) if p >= t)
        precision, recall = tp / max(1, tp + fp), tp / max(1, total)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        if precision >= rules_p and f1 > best[0]:
            best = (f1, t)
    rules_r = rules_tp / max(1, total)
    rules_f1 = 2 * rules_p * rules_r / max(1e-9, rules_p + rules_r)
    print(f"threshold {best[1]:.2f}: development F1 {best[0]:.3f} (rules alone {rules_f1:.3f})")
    OUT.write_text(
        json.dumps(
            {
                "trained": date.today().isoformat(),
                "data": "eval/corpus development part and the shared dev set",
                "candidates": len(labels),
                "true": sum(labels),
                "enabled": "--enable" in sys.argv,
                "threshold": best[1],
                "weights": w,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
