"""Find knowledge-base names in text with one Aho-Corasick pass.

Names are matched as written in the knowledge base (so "Signal" the app is not "signal"
the word; only camel-cased brands also match in lower case), with the first letter's case
relaxed so that sentence-initial descriptions ("Russia's communications regulator") and
mid-sentence ones both match. Word forms of
inflected languages come from the language pack (`forms`), which expands aliases at load
time, so the text itself is scanned once with no per-token analysis.

Some names mean different bodies in different countries ("the Foreign Ministry"); such a
mention carries every candidate and `resolve_generic` picks by the document's country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

import ahocorasick

from clampdown.languages import registry
from clampdown.model import Entity, Mention

ROLE_PRIORITY = {"authority": 0, "platform": 1, "country": 2, "person": 3}


# Spellings that news writes either way: typographic apostrophes, and those each language
# lists (`spellings` in its language.yaml: Russian "е" for "ё").
_APOSTROPHES = (("'", "’"),)


@cache
def _spellings() -> tuple[tuple[str, str], ...]:
    return _APOSTROPHES + tuple(pair for lang in registry().values() for pair in lang.spellings)


def _variants(alias: str, cased: bool = False) -> set[str]:
    out = {alias}
    for plain, other in _spellings():
        out |= {s.replace(plain, other) for s in out if plain in s}
    if cased:
        return out  # also an ordinary phrase: only as written
    if alias.isalpha() and alias[1:] != alias[1:].lower() and alias != alias.upper():
        # A brand written in camel case ("WhatsApp", "YouTube") is no ordinary word, and
        # news often loses its inner capital ("Whatsapp", "youtube").
        out |= {s.lower() for s in out} | {s.capitalize() for s in out}
    if alias[:1].isalpha():
        out |= {s[0].upper() + s[1:] for s in out}
        if any(c.islower() for c in alias[1:]) and " " in alias:
            out |= {s[0].lower() + s[1:] for s in out}
    return out


# The characters the automaton's start state finds first (see `Gazetteer.build`), each
# added as the start of a key that ends with a character no name holds and `_whole_words`
# skips where a text holds it.
_FIRST_CHARACTERS = (" ", "\n")
_ORDER_ONLY = "\x00"


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
        generic: dict[str, list[Entity]] = {}

        def surfaces(alias: str, cased: bool = False) -> set[str]:
            out = set(forms(alias)) if forms else set()
            out.add(alias)
            return {key for s in out for key in _variants(s, cased)}

        for ent in entities:
            rank = ROLE_PRIORITY.get(ent.role, 9)
            for alias in (ent.name, *ent.aliases):
                for key in surfaces(alias.strip(), ent.cased) if alias.strip() else ():
                    # An exact canonical name wins over someone else's alias.
                    score = rank if key == ent.name else rank + 10
                    if key not in best or score < best[key][0]:
                        best[key] = (score, ent)
            for phrase in ent.generic:
                for key in surfaces(phrase.strip()):
                    generic.setdefault(key, []).append(ent)
        automaton = ahocorasick.Automaton()
        # The automaton finds a character among a state's next characters by reading them in
        # the order they were added, and at the start state (the first characters of all the
        # names, some 170) it does so for nearly every character of a text. A text's
        # commonest characters are put first: the space and the line break (as the starts
        # of keys that only order them, see `_ORDER_ONLY`), then the names lower-case first
        # ("the Foreign Ministry" before "Twitter"), in order. The pass then reads about a
        # fifth faster than with the names in the order of a set, which changed with each
        # process (measured on the news pages).
        for ch in _FIRST_CHARACTERS:
            automaton.add_word(ch + _ORDER_ONLY, None)
        for key in sorted(set(best) | set(generic), key=lambda k: (not k[:1].islower(), k)):
            cands = list(generic.get(key, ()))
            if key in best and best[key][1] not in cands:
                cands.insert(0, best[key][1])
            automaton.add_word(key, (len(key), tuple(cands), key in generic))
        automaton.make_automaton()
        return cls(automaton=automaton)

    def places(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int, tuple[Entity, ...]]]:
        """Every whole-word name lying within `text[start:end]` (offsets of the whole text),
        with the entities it may stand for, before `find` settles overlaps: more names than
        `find` keeps, never fewer, for a check that must never miss one (`prefilter.py`)."""
        for begins, after, cands, _generic in self._whole_words(text, start, end):
            yield begins, after, cands

    def _whole_words(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int, tuple[Entity, ...], bool]]:
        """The automaton's matches within `text[start:end]` that are whole words: start,
        end, candidates and whether the name is generic."""
        stop = len(text) if end is None else end
        for end_idx, found in self.automaton.iter(text, start, stop):
            if found is None:
                continue  # a key that only orders the automaton's characters
            length, cands, generic = found
            begins = end_idx - length + 1
            after = end_idx + 1
            if begins > 0 and _is_word_char(text[begins - 1]) and _is_word_char(text[begins]):
                continue
            if after < len(text) and _is_word_char(text[after]) and _is_word_char(text[end_idx]):
                continue
            yield begins, after, cands, generic

    def find(self, text: str) -> list[Mention]:
        """All whole-word mentions, longest first where they overlap, in text order."""
        found: list[Mention] = []
        if not text:
            return found
        for start, end, cands, is_generic in self._whole_words(text):
            found.append(
                Mention(
                    entity=cands[0],
                    start=start,
                    end=end,
                    surface=text[start:end],
                    alternatives=cands if is_generic else (),
                )
            )
        # Longest first, then leftmost; a character already taken rejects a mention. The
        # marks keep this linear in the text (an all-pairs check was quadratic in
        # entity-dense text).
        taken = bytearray(len(text))
        chosen: list[Mention] = []
        for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
            if not any(taken[m.start : m.end]):
                taken[m.start : m.end] = b"\x01" * (m.end - m.start)
                chosen.append(m)
        chosen.sort(key=lambda m: m.start)
        return chosen


def resolve_generic(mentions: list[Mention], country: str | None) -> list[Mention]:
    """Settle names like "the Foreign Ministry" by the country the story is about.

    Without a candidate of that country the name is kept as written, as a body of that
    country not in the knowledge base, rather than guessed.
    """
    out: list[Mention] = []
    for m in mentions:
        if not m.alternatives:
            out.append(m)
            continue
        pick = next((e for e in m.alternatives if e.country == country), None)
        if pick is None:
            name = m.surface[:1].upper() + m.surface[1:]
            slug = re.sub(r"\W+", "-", name.lower())
            pick = Entity(
                id=f"new.authority.{country or 'xx'}.{slug}",
                name=name,
                kind=m.entity.kind,
                role=m.entity.role,
                country=country,
                known=False,
            )
        out.append(replace(m, entity=pick, alternatives=()))
    return out
