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

from clampdown.model import Event


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
    """Rule events, and the candidates the scorer keeps that no rule event already states."""
    stated = {(ev.type, ev.target_id) for ev in events if not ev.candidate}
    return [
        ev
        for ev in events
        if not ev.candidate
        or (scorer is not None and (ev.type, ev.target_id) not in stated and scorer.keeps(ev))
    ]
