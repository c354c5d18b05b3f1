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

The model is a logistic regression (L2 on all weights but the bias; Newton's method, a fixed
number of steps, over the general features alone, L-BFGS once lexical ones join: the same data
gives the same weights). The general features (`candidates.FEATURES`) are joined by lexical
ones (`candidates.lexical`: the words around the act-word and the platform) of some families,
each kept where at least N groups of the training documents carry it. The feature sets, the
lexical families, N, the L2 strength and the threshold are chosen by five-fold
cross-validation over documents (the fold of a document is a hash of its id): each
document's candidates are scored by a model trained on the other folds (lexical features
counted on those folds alone), and the threshold is the one giving the pooled development
event F1 its best value without lowering precision more than 0.01 below the rules'. The
figures printed are those cross-validated ones, rules alone against rules and scorer, with
the area under the ROC curve of the groups' ranking; the shipped weights are then trained on
all the development data.
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
from scipy.optimize import minimize

from clampdown.extract.candidates import FEATURES, LEXICAL
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
NEWTON_MAX = 200  # more features than this are fitted by L-BFGS (Newton's Hessian grows too big)
L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(t / 100 for t in range(30, 96))
PRECISION_SLACK = 0.01
# The chosen setting must lift the pooled F1 by this much over the rules alone, both on the
# folds it was chosen on and on average over fresh draws of folds (`fold_of`): the best of
# many settings on one draw of folds is lucky (other draws gave one setting 0.003 less).
MIN_GAIN = 0.005
DRAWS = (1, 2, 3)
# Feature sets tried: every feature; without the per-type trigger interactions; without
# those and the trigger's voice.
FEATURE_SETS: dict[str, tuple[str, ...]] = {
    "all": FEATURES,
    "no_type_interactions": tuple(f for f in FEATURES if not f.startswith("from_trigger:")),
    "no_voice": tuple(
        f for f in FEATURES if not f.startswith(("from_trigger:", "voice=")) or f == "voice=word"
    ),
}
# Lexical feature families tried beside the general features (`candidates.lexical`), and the
# fewest training groups that must carry a lexical feature for it to be kept.
LEXICAL_SETS: dict[str, tuple[str, ...]] = {
    "none": (),
    "act": ("act:",),
    "between": ("mid:", "mark:"),
    "around": ("pre1:", "pre2:", "post1:", "post2:"),
    "all": ("act:", "mid:", "mark:", "pre1:", "pre2:", "post1:", "post2:"),
}
MIN_GROUPS = (3, 10, 20)
L2_WITH_LEXICAL = (0.3, 1.0)  # the general weights' L2 beside lexical ones
LEXICAL_L2_GRID = (1.0, 3.0, 10.0)


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


def fold_of(doc_id: str, draw: int = 0) -> int:
    """A document's fold: a hash of its id (in another draw of folds, of the draw and id)."""
    key = doc_id if draw == 0 else f"{draw}:{doc_id}"
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % FOLDS


def matrix(rows: Sequence[dict[str, float]], names: Sequence[str]) -> np.ndarray:
    index = {n: j for j, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)), dtype=np.float64)
    for i, row in enumerate(rows):
        for name, value in row.items():
            j = index.get(name)
            if j is not None:
                x[i, j] = value
    return x


def lexical_names(docs: Sequence[Labelled], families: tuple[str, ...], least: int) -> list[str]:
    """The lexical features of the given families that at least `least` labelled groups of
    the documents carry (in any of their candidates), sorted."""
    if not families:
        return []
    heads = tuple(LEXICAL + f for f in families)
    counts: dict[str, int] = {}
    for doc in docs:
        for group in doc.groups:
            if group.label is None:
                continue
            for name in {n for row in group.features for n in row if n.startswith(heads)}:
                counts[name] = counts.get(name, 0) + 1
    return sorted(n for n, c in counts.items() if c >= least)


def fit(x: np.ndarray, y: np.ndarray, l2: float | np.ndarray) -> np.ndarray:
    """Logistic regression, the first column the bias (unpenalised), `l2` one strength or
    one per column: Newton's method for a few features, L-BFGS from zero for many (both
    deterministic)."""
    penalty = np.broadcast_to(np.asarray(l2, dtype=np.float64), (x.shape[1],)).copy()
    penalty[0] = 1e-6
    if x.shape[1] > NEWTON_MAX:
        return _fit_lbfgs(x, y, penalty)
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -60.0, 60.0)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x.T * (p * (1.0 - p))) @ x + np.diag(penalty)
        w = w - np.linalg.solve(hess, grad)
    return w


def _fit_lbfgs(x: np.ndarray, y: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        # log(1 + e^z) - y z, written to stay finite for any z
        value = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * np.sum(penalty * w * w)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))
        return float(value), x.T @ (p - y) + penalty * w

    start = np.zeros(x.shape[1])
    got = minimize(
        loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 2000, "gtol": 1e-7}
    )
    return np.asarray(got.x, dtype=np.float64)


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


@dataclass(frozen=True)
class Setting:
    """What one model is made of: a general feature set, a lexical family (`LEXICAL_SETS`)
    whose features at least `least` training groups carry, and the L2 strengths of the
    general and the lexical weights."""

    features: str = "no_type_interactions"
    lexical: str = "none"
    least: int = 1
    l2: float = 1.0
    lexical_l2: float = 1.0

    def __str__(self) -> str:
        lexical = f"{self.lexical} N {self.least} L2 {self.lexical_l2:g}"
        if self.lexical == "none":
            lexical = "none"
        return f"{self.features} L2 {self.l2:g}, lexical {lexical}"


def train_model(docs: Sequence[Labelled], setting: Setting) -> tuple[list[str], np.ndarray]:
    """The feature names and weights of a model of the setting trained on the documents."""
    general = FEATURE_SETS[setting.features]
    names = [*general, *lexical_names(docs, LEXICAL_SETS[setting.lexical], setting.least)]
    rows, y = training_rows(docs)
    penalty = np.full(len(names), setting.lexical_l2)
    penalty[: len(general)] = setting.l2
    return names, fit(matrix(rows, names), y, penalty)


def cross_validated(docs: Sequence[Labelled], setting: Setting, draw: int = 0) -> list[float]:
    """Every group's probability from a model trained on the other folds (its lexical
    features counted on those folds alone); `draw` picks the folds (`fold_of`)."""
    folds = [fold_of(d.doc_id, draw) for d in docs]
    scores: list[float] = [0.0] * sum(len(d.groups) for d in docs)
    starts, n = [], 0
    for d in docs:
        starts.append(n)
        n += len(d.groups)
    for k in range(FOLDS):
        train = [d for d, f in zip(docs, folds, strict=True) if f != k]
        _rows, y = training_rows(train)
        if not len(y) or y.min() == y.max():
            continue
        names, w = train_model(train, setting)
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


def roc_auc(docs: Sequence[Labelled], scores: Sequence[float]) -> float:
    """The area under the ROC curve of the labelled groups' ranking (ties count half)."""
    groups = [g for d in docs for g in d.groups]
    pairs = [(s, g.label) for g, s in zip(groups, scores, strict=True) if g.label is not None]
    pos = sorted(s for s, label in pairs if label == 1)
    neg = np.array(sorted(s for s, label in pairs if label == 0))
    if not pos or not len(neg):
        return 0.5
    below = sum(np.searchsorted(neg, s, "left") + np.searchsorted(neg, s, "right") for s in pos)
    return float(below) / (2 * len(pos) * len(neg))


def subset(docs: Sequence[Labelled], scores: Sequence[float], langs: set[str]) -> tuple:
    kept_docs, kept_scores, i = [], [], 0
    for d in docs:
        if d.lang in langs and d.corpus:
            kept_docs.append(d)
            kept_scores.extend(scores[i : i + len(d.groups)])
        i += len(d.groups)
    return kept_docs, kept_scores


def settings() -> list[Setting]:
    """The settings cross-validation chooses among: each general feature set alone, and the
    best of them with each lexical family."""
    out = [Setting(name, l2=l2) for name in FEATURE_SETS for l2 in L2_GRID]
    out += [
        Setting("no_type_interactions", family, least, l2, lexical_l2)
        for family in LEXICAL_SETS
        if family != "none"
        for least in MIN_GROUPS
        for l2 in L2_WITH_LEXICAL
        for lexical_l2 in LEXICAL_L2_GRID
    ]
    return out


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
    for setting in settings():
        scores = cross_validated(docs, setting)
        t, f1 = best_threshold(docs, scores)
        trials.append((f1, -setting.l2, -setting.lexical_l2, str(setting), setting, t, scores))
        got = figures(docs, scores, t)
        print(
            f"  {setting}: threshold {t:.2f}, cross-validated P {got[0]:.3f} R {got[1]:.3f}"
            f" F1 {got[2]:.4f}, ROC AUC {roc_auc(docs, scores):.3f}"
        )
    *_, setting, t, scores = max(trials, key=lambda x: x[:4])
    cv = figures(docs, scores, t)
    general = max((x for x in trials if x[4].lexical == "none"), key=lambda x: x[:4])[4]
    fresh = []
    for draw in DRAWS:
        for label, one in (("chosen", setting), ("general features alone", general)):
            again = cross_validated(docs, one, draw)
            gain = best_threshold(docs, again)[1] - rules[2]
            print(
                f"  folds of draw {draw}, {label} ({one}): F1 {gain + rules[2]:.4f}"
                f" ({gain:+.4f}), ROC AUC {roc_auc(docs, again):.3f}"
            )
            if one is setting:
                fresh.append(gain)
    beats = cv[2] >= rules[2] + MIN_GAIN and sum(fresh) / len(fresh) >= MIN_GAIN
    print(
        f"chosen: {setting}, threshold {t:.2f}: cross-validated P {cv[0]:.3f}"
        f" R {cv[1]:.3f} F1 {cv[2]:.4f}, ROC AUC {roc_auc(docs, scores):.3f} (rules alone"
        f" {rules[2]:.4f}); {'beats' if beats else 'does not beat'} the rules by {MIN_GAIN}"
        f" (fresh draws of folds {sum(fresh) / len(fresh):+.4f} on average)"
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
    names, w = train_model(docs, setting)
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
                "features": setting.features,
                "l2": setting.l2,
                "lexical": setting.lexical,
                "lexical_min_groups": setting.least,
                "lexical_l2": setting.lexical_l2,
                "cross_validated": {
                    "rules_f1": round(rules[2], 4),
                    "rules_precision": round(rules[0], 4),
                    "with_scorer_f1": round(cv[2], 4),
                    "with_scorer_precision": round(cv[0], 4),
                    "fresh_draws_f1_gain": [round(g, 4) for g in fresh],
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
