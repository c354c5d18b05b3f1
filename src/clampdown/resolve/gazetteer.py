"""Find knowledge-base names in text with one Aho-Corasick pass.

Names are matched as written in the knowledge base (so "Signal" the app is not "signal"
the word), with the first letter's case relaxed so that sentence-initial descriptions
("Russia's communications regulator") and mid-sentence ones both match. Word forms of
inflected languages come from the language pack (`forms`), which expands aliases at load
time, so the text itself is scanned once with no per-token analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ahocorasick

from clampdown.model import Entity, Mention

ROLE_PRIORITY = {"authority": 0, "platform": 1, "country": 2, "person": 3}


def _variants(alias: str) -> set[str]:
    out = {alias}
    if alias[:1].isalpha():
        out.add(alias[0].upper() + alias[1:])
        if any(c.islower() for c in alias[1:]) and " " in alias:
            out.add(alias[0].lower() + alias[1:])
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass(slots=True)
class Gazetteer:
    """An automaton over every alias; `find` returns the longest non-overlapping mentions."""

    automaton: ahocorasick.Automaton

    @classmethod
    def build(
        cls,
        entities: Iterable[Entity],
        forms: Callable[[str], Iterable[str]] | None = None,
    ) -> Gazetteer:
        best: dict[str, tuple[int, Entity]] = {}
        for ent in entities:
            rank = ROLE_PRIORITY.get(ent.role, 9)
            for alias in (ent.name, *ent.aliases):
                alias = alias.strip()
                if not alias:
                    continue
                surfaces = set(forms(alias)) if forms else {alias}
                surfaces.add(alias)
                for surface in surfaces:
                    for key in _variants(surface):
                        # An exact canonical name wins over someone else's alias.
                        score = rank if key == ent.name else rank + 10
                        if key not in best or score < best[key][0]:
                            best[key] = (score, ent)
        automaton = ahocorasick.Automaton()
        for key, (_, ent) in best.items():
            automaton.add_word(key, (len(key), ent))
        automaton.make_automaton()
        return cls(automaton=automaton)

    def find(self, text: str) -> list[Mention]:
        """All whole-word mentions, longest first where they overlap, in text order."""
        found: list[Mention] = []
        if not text:
            return found
        for end_idx, (length, ent) in self.automaton.iter(text):
            start = end_idx - length + 1
            end = end_idx + 1
            if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
                continue
            if end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
                continue
            found.append(Mention(entity=ent, start=start, end=end, surface=text[start:end]))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[Mention] = []
        for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
            if all(m.end <= c.start or m.start >= c.end for c in chosen):
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen
