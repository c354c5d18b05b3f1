"""Whether a document may hold an event at all, decided before its money, dates and
sentences are read: most news with a trigger word names nothing the trigger could act on.

Every event is read from a trigger's sentence and needs a party there: a target (for a
platform's response, the platform itself) named in the sentence, or referred to there by
an anaphor ("the company", "it") whose antecedent is named before it; or, for a trigger
that takes its object from the story (`implicit_target`), a platform named before; or,
after an act on a kind of platform (`generic_objects`), the platforms the next sentence
lists. Where a trigger's targets are platforms (most triggers), those parties are
platforms; a summons or an accusation may fall on others, and needs a name or an anaphor
in its sentence. Reading fills nothing else in: the last actor, the one default a
sentence may take from outside, is set by an event only.

The names given here are those before any is dropped (credits, amounts) or settled (a
name of several entities counts as each), so they are more than reading sees, never
fewer: a document this rejects yields no event. The tests compare events with and without
the check on every corpus, record for record.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from clampdown.extract.context import PLATFORM
from clampdown.extract.language import Anaphor, LanguagePack
from clampdown.extract.names import Introduced
from clampdown.extract.references import PRONOUN_REACH
from clampdown.extract.triggers import Hit
from clampdown.model import Mention, Span


def may_hold_event(
    text: str,
    low: str,
    pack: LanguagePack,
    hits: list[Hit],
    sentences: list[Span],
    named: list[Mention],
    introduced: list[Introduced],
) -> bool:
    """False only where no trigger of `hits` can find a party in `sentences` (those around
    the triggers, in order), given every name the gazetteer finds (`named`) and every name
    the text introduces (`introduced`)."""
    platforms = _Places(
        [(m.start, m.end) for m in named if _may_be_platform(m)]
        + [(n.start, n.end) for n in introduced if n.role == "platform"]
    )
    anyone: _Places | None = None  # read only for a trigger that may act on others
    starts = [s.start for s in sentences]
    for hit in hits:
        i = bisect_right(starts, hit.start) - 1
        if i < 0 or hit.end > sentences[i].end:
            continue  # outside every sentence: never read (as `find_triggers`)
        sent = sentences[i]
        if pack.generic_objects.match(text, hit.end):
            return True  # the platforms may be listed in the next sentence
        if hit.trigger.implicit_target and platforms.ending_by(hit.start):
            return True
        if pack.roles_for(hit.trigger.type) <= PLATFORM:
            if platforms.inside(sent) or _referred_to(pack, low, sent, platforms):
                return True
        else:
            if anyone is None:
                anyone = _Places(
                    [(m.start, m.end) for m in named] + [(n.start, n.end) for n in introduced]
                )
            if anyone.inside(sent) or _anaphors(pack, low, sent, roles=None):
                return True
    return False


def _may_be_platform(m: Mention) -> bool:
    """A name that is a platform, or one of whose meanings is (settled later by country)."""
    return m.entity.role == "platform" or any(e.role == "platform" for e in m.alternatives)


class _Places:
    """Spans of names, by start and by end."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = sorted(e for _, e in self.spans)

    def inside(self, sent: Span) -> bool:
        """A name within the sentence, as a reader's references are (start in it, end by
        its end)."""
        lo = bisect_left(self.starts, sent.start)
        hi = bisect_left(self.starts, sent.end)
        return any(e <= sent.end for _, e in self.spans[lo:hi])

    def ending_by(self, pos: int, reach: int | None = None) -> bool:
        """A name that ends at or before `pos`, and within `reach` characters of it."""
        i = bisect_right(self.ends, pos)
        return i > 0 and (reach is None or pos - self.ends[i - 1] <= reach)


def _anaphors(
    pack: LanguagePack, low: str, sent: Span, roles: frozenset[str] | None
) -> list[tuple[int, Anaphor]]:
    """The anaphora of the sentence (of `roles` only, where given), as the reader scans
    them before it drops those inside names: (start, pattern)."""
    return [
        (m.start(), an)
        for an in pack.anaphora
        if roles is None or an.role in roles
        for m in an.regex.finditer(low, sent.start, sent.end)
    ]


def _referred_to(pack: LanguagePack, low: str, sent: Span, platforms: _Places) -> bool:
    """An anaphor of a platform in the sentence with a platform named before it (a pronoun
    looks back `PRONOUN_REACH` characters at most)."""
    return any(
        platforms.ending_by(start, PRONOUN_REACH if an.pronoun else None)
        for start, an in _anaphors(pack, low, sent, PLATFORM)
    )
