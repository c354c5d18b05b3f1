"""Finding triggers and anaphora: each pattern runs once over the lower-cased document,
and only when the document has a word that the pattern's first word can be."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from clampdown.extract.language import Anaphor, LanguagePack, Trigger, casefold_same_length
from clampdown.model import Span


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger found in a sentence; offsets are document offsets."""

    trigger: Trigger
    start: int
    end: int
    head_end: int  # end of the trigger's first word: objects may sit inside a long trigger


def scan_triggers(pack: LanguagePack, text: str, low: str | None = None) -> list[Hit]:
    """Every trigger match in the document: each pattern runs once over the whole text,
    and only if the document has a word that its first word can be."""
    low = casefold_same_length(text) if low is None else low
    present = _present_stems(pack, low)
    hits: list[Hit] = []
    for trig in pack.triggers:
        if trig.stems and present.isdisjoint(trig.stems):
            continue
        for m in trig.regex.finditer(text if trig.cased else low):
            head = re.match(r"\S+", m.group())
            head_len = head.end() if head and not trig.objects_after_match else len(m.group())
            hits.append(Hit(trig, m.start(), m.end(), m.start() + head_len))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    return hits


def _present_stems(pack: LanguagePack, low: str) -> set[str]:
    """The trigger stems that begin some word of the (lower-cased) text."""
    return pack.stems_in(low)


def scan_anaphors(
    pack: LanguagePack, low: str, start: int, end: int
) -> list[tuple[int, int, Anaphor]]:
    """Every anaphor match in a stretch of the lower-cased text, in text order."""
    found = [
        (m.start(), m.end(), an) for an in pack.anaphora for m in an.regex.finditer(low, start, end)
    ]
    return sorted(found, key=lambda f: (f[0], -(f[1] - f[0])))


def find_triggers(pack: LanguagePack, sent: Span, scanned: list[Hit] | None = None) -> list[Hit]:
    """The triggers of one sentence; within a type, overlapping matches count once."""
    if scanned is None:
        scanned = [
            Hit(h.trigger, h.start + sent.start, h.end + sent.start, h.head_end + sent.start)
            for h in scan_triggers(pack, sent.text)
        ]
    lo = bisect_left(scanned, sent.start, key=lambda h: h.start)
    hits = []
    for h in scanned[lo:]:
        if h.start >= sent.end:
            break
        if h.end <= sent.end:
            hits.append(h)
    kept: list[Hit] = []
    for h in hits:
        # Within one type, a trigger overlapping an earlier (longer) one adds nothing.
        if any(
            k.trigger.type == h.trigger.type and h.start < k.end and k.start < h.end for k in kept
        ):
            continue
        kept.append(h)
    return kept


@dataclass(frozen=True, slots=True)
class AnaphorMatch:
    start: int
    end: int
    patterns: tuple[Anaphor, ...]

    @property
    def pronoun(self) -> bool:
        return all(a.pronoun for a in self.patterns)
