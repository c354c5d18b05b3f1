"""The candidate scorer: a linear model over a candidate's features, its weights trained on
the development part of the real-reporting corpus (`eval/train_scorer.py`) and shipped here
as data (`scorer.json`). Deterministic, no dependency; rule events never pass through it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from clampdown.model import RESPONSE_TYPES, Event


@dataclass(frozen=True, slots=True)
class Scorer:
    weights: dict[str, float]
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def keeps(self, event: Event) -> bool:
        return self.probability(event.features) >= self.threshold


@cache
def shipped_scorer() -> Scorer | None:
    """The trained scorer, or None where none is shipped or it is shipped disabled: a
    scorer is used only while it beats the rules alone on the corpus's measuring part."""
    path = files("clampdown.extract") / "scorer.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if not data.get("enabled", True):
        return None
    return Scorer(weights=data["weights"], threshold=float(data["threshold"]))


def keep_scored(events: list[Event], scorer: Scorer | None) -> list[Event]:
    """Rule events, and the candidates the scorer keeps that no rule event already states
    (its type on its key party: the target, or the platform for an answer), one for each
    type and party: the one it trusts most (the first of equals)."""
    stated = {(ev.type, key_party(ev)) for ev in events if not ev.candidate}
    best: dict[tuple[str, str | None], tuple[float, int]] = {}
    for i, ev in enumerate(events):
        if not ev.candidate or scorer is None or (ev.type, key_party(ev)) in stated:
            continue
        p = scorer.probability(ev.features)
        if p < scorer.threshold:
            continue
        key = (ev.type, key_party(ev))
        if key not in best or p > best[key][0]:
            best[key] = (p, i)
    chosen = {i for _, i in best.values()}
    return [ev for i, ev in enumerate(events) if not ev.candidate or i in chosen]


def key_party(ev: Event) -> str | None:
    """The party an event is known by: its target, or for a platform's answer the platform."""
    return ev.actor_id if ev.type in RESPONSE_TYPES else ev.target_id
