"""The scorer's training script (`eval/train_scorer.py`): labels by the shared scorer's
matching, folds by a hash of the id, and a fit that gives the same weights each time."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
from scripts import eval_script

from clampdown.model import Event


@pytest.fixture(scope="module")
def train() -> ModuleType:
    return eval_script("train_scorer")


def _ev(etype: str, target: str, candidate: bool, actor: str = "Roskomnadzor", **f: float) -> Event:
    ev = Event(type=etype, actor=actor, target=target, country=None, evidence="x", start=0, end=1)
    ev.actor_id, ev.target_id = actor.lower(), target.lower()
    ev.candidate, ev.features = candidate, {"bias": 1.0, **f}
    return ev


def _gold(etype: str, key: str, optional: bool = False) -> dict:
    field = "actor" if etype in ("COMPLIANCE", "REFUSAL") else "target"
    g = {"type": etype, field: [key, f"{key} Inc."]}
    return g | ({"optional": True} if optional else {})


def test_labels_follow_the_shared_scorers_matching(train: ModuleType) -> None:
    events = [
        _ev("FINE", "Telegram", False),  # a rule event, true
        _ev("BLOCK", "Telegram", False),  # a rule event, false
        _ev("FINE", "Telegram", True),  # stated by a rule: never a training row
        _ev("DEMAND", "Google", True, money=1.0),  # true: gold names Google's demand
        _ev("DEMAND", "Google", True),  # the same group
        _ev("WARNING", "Apple", True),  # false: no such gold event
        _ev("BLOCK", "VK", True),  # matches an optional gold event: left out
        # an answer is matched by the platform that gives it (gold names it "Apple Inc.")
        _ev("REFUSAL", "Roskomnadzor", True, actor="Apple Inc."),
    ]
    gold = [
        _gold("FINE", "Telegram"),
        _gold("DEMAND", "Google"),
        _gold("BLOCK", "VK", optional=True),
        _gold("REFUSAL", "Apple"),
        _gold("SUMMONS", "Twitter"),
    ]
    out = train.label_document("d", "en", events, gold)
    assert (out.rules_tp, out.rules_fp, out.gold) == (1, 1, 4)
    assert [(len(g.features), g.label) for g in out.groups] == [(2, 1), (1, 0), (1, None), (1, 1)]
    rows, y = train.training_rows([out])
    assert len(rows) == 4 and list(y) == [1.0, 1.0, 0.0, 1.0]


def test_pooled_figures_count_a_group_once(train: ModuleType) -> None:
    doc = train.Labelled("d", "en", rules_tp=2, rules_fp=0, gold=4)
    doc.groups = [train.Group([{"bias": 1.0}], 1), train.Group([{"bias": 1.0}], 0)]
    assert train.figures([doc], None, 1.0) == pytest.approx((1.0, 0.5, 2 / 3))
    precision, recall, _f1 = train.figures([doc], [0.9, 0.2], 0.5)
    assert (precision, recall) == pytest.approx((1.0, 0.75))
    # Keeping nothing that helps: the rules alone, threshold above every probability.
    assert train.best_threshold([doc], [0.1, 0.9])[0] > 1.0


def test_folds_are_a_hash_of_the_id(train: ModuleType) -> None:
    ids = [f"en-{i:03d}" for i in range(200)]
    folds = [train.fold_of(i) for i in ids]
    assert folds == [train.fold_of(i) for i in ids]
    assert set(folds) == set(range(train.FOLDS))


def test_fit_is_deterministic_and_learns(train: ModuleType) -> None:
    rng = np.random.default_rng(0)
    x = np.column_stack([np.ones(200), rng.normal(size=(200, 2))])
    y = (x[:, 1] > 0).astype(np.float64)
    w = train.fit(x, y, 1.0)
    assert np.array_equal(w, train.fit(x, y, 1.0))
    assert w[1] > 1.0 and abs(w[2]) < w[1]


def test_many_features_are_fitted_the_same_each_time(train: ModuleType) -> None:
    rng = np.random.default_rng(1)
    n, d = 300, train.NEWTON_MAX + 50  # L-BFGS, not Newton's method
    x = np.column_stack([np.ones(n), (rng.random((n, d - 1)) < 0.05).astype(np.float64)])
    y = (x[:, 1] + x[:, 2] > 0).astype(np.float64)
    penalty = np.full(d, 1.0)
    penalty[3:] = 10.0  # one strength per column
    w = train.fit(x, y, penalty)
    assert np.array_equal(w, train.fit(x, y, penalty))
    assert w[1] > 1.0 and w[2] > 1.0 and np.abs(w[3:]).max() < w[1]


def test_lexical_features_are_kept_where_enough_labelled_groups_carry_them(
    train: ModuleType,
) -> None:
    doc = train.Labelled("d", "en")
    doc.groups = [
        train.Group([{"bias": 1.0, "lex:act:en:FINE:fined": 1.0}, {"lex:mid:en:by": 1.0}], 1),
        train.Group([{"lex:act:en:FINE:fined": 1.0, "lex:pre1:en:the": 1.0}], 0),
        train.Group([{"lex:mid:en:by": 1.0}], None),  # optional: not counted
    ]
    assert train.lexical_names([doc], ("act:", "mid:"), 2) == ["lex:act:en:FINE:fined"]
    assert train.lexical_names([doc], ("act:", "mid:"), 1) == [
        "lex:act:en:FINE:fined",
        "lex:mid:en:by",
    ]
    assert train.lexical_names([doc], (), 1) == []


def test_roc_auc_of_the_groups_ranking(train: ModuleType) -> None:
    doc = train.Labelled("d", "en")
    doc.groups = [train.Group([{}], label) for label in (1, 0, 0, None, 1)]
    assert train.roc_auc([doc], [0.9, 0.1, 0.5, 0.99, 0.5]) == pytest.approx(0.875)
    assert train.roc_auc([doc], [0.0, 1.0, 1.0, 0.0, 0.0]) == 0.0
