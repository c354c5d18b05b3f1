"""Finding triggers and anaphora: each pattern runs once over the lower-cased document,
and only when the document has a word that the pattern's first word can be."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
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
    """Every trigger match in the document, as `finditer` over the whole text would give.

    A pattern whose first word starts with a known stem can only match where a word does:
    it is tried at those words alone, left to right, skipping any inside the match before
    (which is what `finditer` does). A pattern whose start cannot be read runs over the text.
    """
    low = casefold_same_length(text) if low is None else low
    where = pack.stem_positions(low)
    hits: list[Hit] = []
    for trig in pack.triggers:
        subject = text if trig.cased else low
        if not trig.stems:
            matches: Iterable[re.Match[str]] = trig.regex.finditer(subject)
        else:
            starts = sorted({p for stem in trig.stems for p in where.get(stem, ())})
            if not starts:
                continue
            matches = _match_at(trig.regex, subject, starts)
        for m in matches:
            head = re.match(r"\S+", m.group())
            head_len = head.end() if head and not trig.objects_after_match else len(m.group())
            hits.append(Hit(trig, m.start(), m.end(), m.start() + head_len))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    return hits


def _match_at(regex: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """The non-overlapping matches of `regex` that begin at one of `starts` (sorted)."""
    end = 0
    for pos in starts:
        if pos < end:
            continue
        m = regex.match(text, pos)
        if m is not None:
            yield m
            end = max(m.end(), pos + 1)


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
