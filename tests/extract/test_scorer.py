"""The candidate scorer: shipped weights, and candidates kept only where the rules say
nothing and the model is confident."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import clampdown.extract
from clampdown.extract.candidates import FEATURES, LEXICAL
from clampdown.extract.pipeline import extract
from clampdown.extract.scorer import Scorer, keep_scored, shipped_scorer
from clampdown.model import Document, Event

TEXT = (
    "The regulator's decision came after months of talks. "
    "The CAC restricted new Didi App downloads and new user registrations within days of the"
    " listing."
)


def _doc(text: str) -> Document:
    return Document(id="t", text=text, published=date(2021, 7, 10), lang="en")


SHIPPED = Path(clampdown.extract.__file__).parent / "scorer.json"


def test_shipped_weights_cover_every_feature_and_a_threshold() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    general = {n for n in data["weights"] if not n.startswith(LEXICAL)}
    assert general == set(FEATURES)
    # Lexical weights (`candidates.lexical`) only where cross-validation chose a family.
    places = {n.split(":")[1] for n in data["weights"] if n.startswith(LEXICAL)}
    assert places <= {"act", "mid", "mark", "pre1", "pre2", "post1", "post2"}
    assert bool(places) == (data["lexical"] != "none")
    assert data["threshold"] > 0.0
    assert (shipped_scorer() is not None) == data["enabled"]
    # Shipped enabled only where cross-validation on the development data said it helps.
    assert not data["enabled"] or data["cross_validated"]["beats_rules"]


def test_candidates_are_extra_to_the_rules_never_instead() -> None:
    for text in (TEXT, "Roskomnadzor fined Telegram 3 million roubles on Friday."):
        rules = {(e.type, e.target) for e in extract(_doc(text), candidates="none").events}
        scored = {(e.type, e.target) for e in extract(_doc(text), candidates="scored").events}
        every = extract(_doc(text), candidates="all").events
        assert rules <= scored <= {(e.type, e.target) for e in every}
        assert all(not e.candidate for e in extract(_doc(text), candidates="none").events)


def _event(target: str, candidate: bool, etype: str = "FINE", **features: float) -> Event:
    ev = Event(type=etype, actor=None, target=target, country=None, evidence="x", start=0, end=1)
    ev.target_id, ev.candidate, ev.features = target, candidate, {"bias": 1.0, **features}
    return ev


def test_keep_scored_drops_what_rules_state_and_what_scores_low() -> None:
    scorer = Scorer(weights={"bias": 0.0, "authority_named": 4.0}, threshold=0.6)
    rule = _event("A", False)
    same_as_rule = _event("A", True, authority_named=1.0)
    confident = _event("B", True, authority_named=1.0)
    doubtful = _event("C", True)
    kept = keep_scored([rule, same_as_rule, confident, doubtful], scorer)
    assert [id(e) for e in kept] == [id(rule), id(confident)]
    assert [id(e) for e in keep_scored([rule, confident], None)] == [id(rule)]


def test_keep_scored_keeps_one_candidate_per_type_and_party_the_most_trusted() -> None:
    scorer = Scorer(weights={"bias": 0.0, "authority_named": 4.0, "money": 1.0}, threshold=0.6)
    weaker = _event("B", True, authority_named=1.0)
    stronger = _event("B", True, authority_named=1.0, money=1.0)
    other_type = _event("B", True, "BLOCK", authority_named=1.0)
    kept = keep_scored([weaker, stronger, other_type], scorer)
    assert [id(e) for e in kept] == [id(stronger), id(other_type)]


def test_an_answer_is_known_by_the_platform_that_gives_it() -> None:
    scorer = Scorer(weights={"bias": 4.0}, threshold=0.5)
    rule = _event("Roskomnadzor", False, "REFUSAL")
    rule.actor_id = "telegram"
    same_platform = _event("Roskomnadzor", True, "REFUSAL")
    same_platform.actor_id = "telegram"
    other_platform = _event("Roskomnadzor", True, "REFUSAL")
    other_platform.actor_id = "google"
    kept = keep_scored([rule, same_platform, other_platform], scorer)
    assert [id(e) for e in kept] == [id(rule), id(other_platform)]


def test_scoring_is_deterministic() -> None:
    scorer = Scorer(weights={"bias": -0.3, "money": 0.7, "distance": -1.1}, threshold=0.5)
    features = {"bias": 1.0, "money": 1.0, "distance": 0.4}
    assert scorer.probability(features) == scorer.probability(dict(reversed(features.items())))
    first = [e.features for e in extract(_doc(TEXT), candidates="all").events]
    assert first == [e.features for e in extract(_doc(TEXT), candidates="all").events]
