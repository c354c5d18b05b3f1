"""Train the candidate scorer on development data, choosing its settings by cross-validation.

    python eval/train_scorer.py [--devset DIR]           # writes scorer.json, disabled
    python eval/train_scorer.py [--devset DIR] --enable  # the same, enabled: only once the
                                                         # measuring part shows it beats the
                                                         # rules alone

Data: the real-reporting corpus's development part (every language) and the shared dev set
(`--devset`, by default `../shared/data/devset` beside the repository). The measuring part is
never read here.

Labels follow the shared scorer's matching (type and key party, under any of the gold's
names): the rule events of a document take their gold events first; a candidate
(`extract/candidates.py`) that no rule event states is true where a gold event still
unmatched has its type and names its key party (the target; for an answer, the platform),
false where none does, and left out of training where only an optional gold event does.
The candidates of one document with the same type and key party are one group: the scorer
keeps at most one of them (`scorer.keep_scored`), and the group is kept where its best
candidate's probability reaches the threshold.

The model is a logistic regression (L2 on all weights but the bias, Newton's method, a fixed
number of steps: the same data gives the same weights). Its feature set, L2 strength and
threshold are chosen by five-fold cross-validation over documents (the fold of a document is
a hash of its id): each document's candidates are scored by a model trained on the other
folds, and the threshold is the one giving the pooled development event F1 its best value
without lowering precision more than 0.01 below the rules'. The figures printed are those
cross-validated ones, rules alone against rules and scorer; the shipped weights are then
trained on all the development data.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from clampdown.extract.candidates import FEATURES
from clampdown.extract.pipeline import extract
from clampdown.extract.scorer import key_party
from clampdown.ingest import read_documents
from clampdown.model import RESPONSE_TYPES, Document, Event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval" / "corpus"))
from build import norm  # noqa: E402  (the scorer's name normalisation, kept in one place)

CORPUS = ROOT / "eval" / "corpus"
OUT = ROOT / "src" / "clampdown" / "extract" / "scorer.json"
DEVSET = ROOT.parent / "shared" / "data" / "devset"
FOLDS = 5
STEPS = 30
L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(t / 100 for t in range(30, 96))
PRECISION_SLACK = 0.01
MIN_GAIN = 0.002  # a threshold must lift the pooled F1 by this much over the rules alone
# Feature sets tried: every feature; without the per-type trigger interactions; without
# those and the trigger's voice.
FEATURE_SETS: dict[str, tuple[str, ...]] = {
    "all": FEATURES,
    "no_type_interactions": tuple(f for f in FEATURES if not f.startswith("from_trigger:")),
    "no_voice": tuple(
        f for f in FEATURES if not f.startswith(("from_trigger:", "voice=")) or f == "voice=word"
    ),
}


@dataclass
class Group:
    """The candidates of one document with the same type and key party."""

    features: list[dict[str, float]]
    label: int | None  # 1 true, 0 false, None: only an optional gold event matches


@dataclass
class Labelled:
    """One document's rule figures and candidate groups."""

    doc_id: str
    lang: str
    corpus: bool = True  # from the real-reporting corpus (else the dev set)
    rules_tp: int = 0
    rules_fp: int = 0
    gold: int = 0  # gold events that are not optional
    groups: list[Group] = field(default_factory=list)


def key_names(ev: dict) -> set[str]:
    """The normalised names a gold event's key party may be given."""
    names = ev.get("actor" if ev["type"] in RESPONSE_TYPES else "target") or []
    return {norm(n) for n in names} - {""}


def key_of(ev: Event) -> str:
    """The normalised name of an event's key party, as the shared scorer reads it."""
    return norm(ev.actor if ev.type in RESPONSE_TYPES else ev.target)


def label_document(doc_id: str, lang: str, events: list[Event], gold: list[dict]) -> Labelled:
    """Match the rule events to the gold (required gold events first, as the shared scorer
    does), then label each group of candidates the rules do not state by the gold left."""
    out = Labelled(doc_id, lang, gold=sum(1 for g in gold if not g.get("optional")))
    left = sorted(gold, key=lambda g: bool(g.get("optional")))
    rules = [e for e in events if not e.candidate]
    for ev in rules:
        hit = next((g for g in left if g["type"] == ev.type and key_of(ev) in key_names(g)), None)
        if hit is None:
            out.rules_fp += 1
            continue
        left.remove(hit)
        out.rules_tp += not hit.get("optional")
    stated = {(e.type, key_party(e)) for e in rules}
    groups: dict[tuple[str, str | None], list[Event]] = {}
    for ev in events:
        if ev.candidate and (ev.type, key_party(ev)) not in stated:
            groups.setdefault((ev.type, key_party(ev)), []).append(ev)
    for members in groups.values():
        first = members[0]
        hit = next(
            (g for g in left if g["type"] == first.type and key_of(first) in key_names(g)), None
        )
        label: int | None = 0
        if hit is not None:
            left.remove(hit)
            label = None if hit.get("optional") else 1
        out.groups.append(Group([dict(e.features) for e in members], label))
    return out


def _load(docs_path: Path, gold_path: Path) -> tuple[list[Document], dict[str, list[dict]]]:
    gold = {
        rec["id"]: rec["events"]
        for rec in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())
        if rec
    }
    docs = [d for d in read_documents([str(docs_path)]) if isinstance(d, Document)]
    return docs, gold


def development(devset: Path) -> list[Labelled]:
    """Every development document, labelled; the measuring part is never read."""
    docs, gold = _load(CORPUS / "docs-dev.jsonl", CORPUS / "gold-dev.jsonl")
    in_corpus = {d.id for d in docs}
    if (devset / "docs.jsonl").is_file():
        more_docs, more_gold = _load(devset / "docs.jsonl", devset / "gold.jsonl")
        docs, gold = docs + more_docs, gold | more_gold
    out = []
    for d in sorted(docs, key=lambda d: d.id):
        events = extract(d, candidates="all").events
        out.append(label_document(d.id, d.lang or "", events, gold.get(d.id, [])))
        out[-1].corpus = d.id in in_corpus
    return out


def fold_of(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % FOLDS


def matrix(rows: Sequence[dict[str, float]], names: Sequence[str]) -> np.ndarray:
    return np.array([[row.get(n, 0.0) for n in names] for row in rows], dtype=np.float64).reshape(
        len(rows), len(names)
    )


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Logistic regression by Newton's method; the first column is the bias (unpenalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 1e-6
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -60.0, 60.0)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x.T * (p * (1.0 - p))) @ x + np.diag(penalty)
        w = w - np.linalg.solve(hess, grad)
    return w


def training_rows(docs: Sequence[Labelled]) -> tuple[list[dict[str, float]], np.ndarray]:
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for doc in docs:
        for group in doc.groups:
            if group.label is not None:
                rows.extend(group.features)
                labels.extend([group.label] * len(group.features))
    return rows, np.array(labels, dtype=np.float64)


def group_scores(docs: Sequence[Labelled], w: np.ndarray, names: Sequence[str]) -> list[float]:
    """Each group's probability: its best candidate's (in document and group order)."""
    out = []
    for doc in docs:
        for group in doc.groups:
            z = matrix(group.features, names) @ w
            out.append(float(np.max(1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0))))))
    return out


def cross_validated(docs: Sequence[Labelled], names: Sequence[str], l2: float) -> list[float]:
    """Every group's probability from a model trained on the other folds."""
    folds = [fold_of(d.doc_id) for d in docs]
    scores: list[float] = [0.0] * sum(len(d.groups) for d in docs)
    starts, n = [], 0
    for d in docs:
        starts.append(n)
        n += len(d.groups)
    for k in range(FOLDS):
        train = [d for d, f in zip(docs, folds, strict=True) if f != k]
        rows, y = training_rows(train)
        if not rows or y.min() == y.max():
            continue
        w = fit(matrix(rows, names), y, l2)
        for d, f, s in zip(docs, folds, starts, strict=True):
            if f == k:
                scores[s : s + len(d.groups)] = group_scores([d], w, names)
    return scores


def figures(
    docs: Sequence[Labelled], scores: Sequence[float] | None, threshold: float
) -> tuple[float, float, float]:
    """Pooled precision, recall and F1 of the rules and the groups scored at or above the
    threshold (the rules alone where `scores` is None)."""
    tp = sum(d.rules_tp for d in docs)
    fp = sum(d.rules_fp for d in docs)
    gold = sum(d.gold for d in docs)
    if scores is not None:
        groups = [g for d in docs for g in d.groups]
        for g, s in zip(groups, scores, strict=True):
            if s >= threshold and g.label is not None:
                tp += g.label
                fp += 1 - g.label
    precision, recall = tp / max(1, tp + fp), tp / max(1, gold)
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def best_threshold(docs: Sequence[Labelled], scores: Sequence[float]) -> tuple[float, float]:
    """The threshold with the best pooled F1 whose precision stays within the slack of the
    rules' (the lowest of equals), and that F1; (1.01, the rules' F1) where no threshold
    raises it: the scorer then keeps nothing."""
    rules_precision, _recall, rules_f1 = figures(docs, None, 1.0)
    best = (1.01, rules_f1)
    for t in THRESHOLDS:
        precision, _recall, f1 = figures(docs, scores, t)
        if precision >= rules_precision - PRECISION_SLACK and f1 > best[1] + 1e-12:
            best = (t, f1)
    return best


def subset(docs: Sequence[Labelled], scores: Sequence[float], langs: set[str]) -> tuple:
    kept_docs, kept_scores, i = [], [], 0
    for d in docs:
        if d.lang in langs and d.corpus:
            kept_docs.append(d)
            kept_scores.extend(scores[i : i + len(d.groups)])
        i += len(d.groups)
    return kept_docs, kept_scores


def main(argv: list[str]) -> int:
    devset = Path(argv[argv.index("--devset") + 1]) if "--devset" in argv else DEVSET
    docs = development(devset)
    rows, y = training_rows(docs)
    groups = [g for d in docs for g in d.groups]
    print(
        f"documents {len(docs)}; candidates {len(rows)} in {len(groups)} groups;"
        f" true groups {sum(g.label == 1 for g in groups)},"
        f" optional {sum(g.label is None for g in groups)}"
    )
    rules = figures(docs, None, 1.0)
    print(f"rules alone: P {rules[0]:.3f} R {rules[1]:.3f} F1 {rules[2]:.4f}")
    trials = []
    for name, names in FEATURE_SETS.items():
        for l2 in L2_GRID:
            scores = cross_validated(docs, names, l2)
            t, f1 = best_threshold(docs, scores)
            trials.append((f1, -l2, name, t, scores))
            got = figures(docs, scores, t)
            print(
                f"  {name:22s} L2 {l2:5.1f}: threshold {t:.2f}, cross-validated"
                f" P {got[0]:.3f} R {got[1]:.3f} F1 {got[2]:.4f}"
            )
    _f1, neg_l2, name, t, scores = max(trials, key=lambda x: (x[0], x[1]))
    l2, names = -neg_l2, FEATURE_SETS[name]
    cv = figures(docs, scores, t)
    beats = cv[2] >= rules[2] + MIN_GAIN
    print(
        f"chosen: {name}, L2 {l2}, threshold {t:.2f}: cross-validated P {cv[0]:.3f}"
        f" R {cv[1]:.3f} F1 {cv[2]:.4f} (rules alone {rules[2]:.4f});"
        f" {'beats' if beats else 'does not beat'} the rules by {MIN_GAIN}"
    )
    languages = sorted({d.lang for d in docs if d.corpus})
    for label, langs in [("en+ru", {"en", "ru"}), *((lang, {lang}) for lang in languages)]:
        part_docs, part_scores = subset(docs, scores, langs)
        alone, scored = figures(part_docs, None, 1.0), figures(part_docs, part_scores, t)
        print(
            f"corpus development part {label}: rules F1 {alone[2]:.4f} (P {alone[0]:.3f}"
            f" R {alone[1]:.3f}), rules and scorer F1 {scored[2]:.4f} (P {scored[0]:.3f}"
            f" R {scored[1]:.3f})"
        )
    w = fit(matrix(rows, names), y, l2)
    weights = dict.fromkeys(FEATURES, 0.0) | {
        n: round(float(v), 6) for n, v in zip(names, w, strict=True)
    }
    OUT.write_text(
        json.dumps(
            {
                "trained": date.today().isoformat(),
                "data": "eval/corpus development part (all languages) and the shared dev set",
                "candidates": len(rows),
                "true_groups": sum(g.label == 1 for g in groups),
                "features": name,
                "l2": l2,
                "cross_validated": {
                    "rules_f1": round(rules[2], 4),
                    "rules_precision": round(rules[0], 4),
                    "with_scorer_f1": round(cv[2], 4),
                    "with_scorer_precision": round(cv[0], 4),
                    "beats_rules": beats,
                },
                "enabled": "--enable" in argv and beats,
                "threshold": t,
                "weights": weights,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
