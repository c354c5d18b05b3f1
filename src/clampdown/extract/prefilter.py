"""Whether a document may hold an event at all, decided before its money, dates and
sentences are read: most news with a trigger word names nothing the trigger could act on.

Every event is read from a trigger's sentence and needs a party there: a target (for a
platform's response, the platform itself) named in the sentence, or referred to there by
an anaphor ("the company", "it") whose antecedent is named before it; or, for a trigger
that takes its object from the story (`implicit_target`), a platform named before; or,
after an act on a kind of platform (`generic_objects`, after the act or as the whole
subject of a passive), the platforms the next sentence lists. Where a trigger's targets
are platforms (most triggers), those parties are platforms; a platform's answer may be
given by its head (a person), and a warning, demand or summons told to that head falls on
the platform; a summons or an accusation may fall on others, and needs a
name or an anaphor in its sentence. Reading fills nothing else in: the last actor, the one
default a sentence may take from outside, is set by an event only.

The names counted are every place the gazetteer's automaton finds a whole-word name,
before overlapping names are settled, any dropped (credits, amounts) or an ambiguous one
resolved (a name of several entities counts as each), and every name the text introduces:
more than reading sees, never fewer, so a document this rejects yields no event. They are
looked for only where a check asks: in the sentence of a trigger, or before an anaphor (a
pronoun's reach back); most pages with a trigger are rejected without the gazetteer ever
reading the whole text. The tests compare events with and without the check on every
corpus, record for record.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from clampdown.extract.context import PLATFORM
from clampdown.extract.events import kind_is_subject
from clampdown.extract.language import Anaphor, LanguagePack
from clampdown.extract.names import Introduced
from clampdown.extract.references import HEAD_ADDRESSED, PRONOUN_REACH
from clampdown.extract.sentences import sentence_at
from clampdown.extract.triggers import Hit, scan_anaphors
from clampdown.model import RESPONSE_TYPES, Span
from clampdown.resolve.gazetteer import Gazetteer

HEADS = PLATFORM | {"person"}


def may_hold_event(
    text: str,
    low: str,
    pack: LanguagePack,
    hits: list[Hit],
    gazetteer: Gazetteer,
    introduced: list[Introduced],
    split: dict[int, list[Span]] | None = None,
) -> bool:
    """False only where no trigger of `hits` can find a party in its sentence (as
    `sentences_near` splits the text: `sentence_at`), given the names the gazetteer may find
    and every name the text introduces (`introduced`). Only the lines of the triggers are
    split: a page this rejects is never split into sentences (`split` keeps the lines'
    sentences for the reading of a page that passes)."""
    platforms = _Names(
        text, gazetteer, [(n.start, n.end) for n in introduced if n.role == "platform"], PLATFORM
    )
    # A platform's answer may be given by its head ("Musk refused the block": a person of
    # the platform as the subject): read only for an answer
    heads: _Names | None = None
    anyone: _Names | None = None  # read only for a trigger that may act on others
    for hit in hits:
        sent = sentence_at(text, hit.start, pack.abbreviations, split)
        if sent is None or hit.end > sent.end:
            continue  # outside every sentence: never read (as `find_triggers`)
        if pack.generic_objects.match(text, hit.end) or (
            hit.trigger.voice == "passive" and kind_is_subject(pack, text, sent, hit.start)
        ):
            return True  # the platforms may be listed in the next sentence
        if hit.trigger.implicit_target and platforms.ending_by(hit.start):
            return True
        if hit.trigger.type in HEAD_ADDRESSED:
            # a head told or called in stands for the platform too ("warned Musk")
            if heads is None:
                heads = _Names(text, gazetteer, [(n.start, n.end) for n in introduced], HEADS)
            if heads.inside(sent):
                return True
        if hit.trigger.type in RESPONSE_TYPES:
            if heads is None:
                heads = _Names(text, gazetteer, [(n.start, n.end) for n in introduced], HEADS)
            if heads.inside(sent) or _referred_to(pack, low, sent, heads, HEADS):
                return True
        elif pack.roles_for(hit.trigger.type) <= PLATFORM:
            if platforms.inside(sent) or _referred_to(pack, low, sent, platforms):
                return True
        else:
            if anyone is None:
                anyone = _Names(text, gazetteer, [(n.start, n.end) for n in introduced], None)
            if anyone.inside(sent) or _anaphors(pack, low, sent, roles=None):
                return True
    return False


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


class _Names:
    """Where names of `roles` (any role where None) may be: the places the gazetteer finds
    one that may stand for an entity of those roles (`Gazetteer.places`), each looked for
    only in the stretch a check asks about, and the introduced names given."""

    def __init__(
        self,
        text: str,
        gazetteer: Gazetteer,
        introduced: list[tuple[int, int]],
        roles: frozenset[str] | None,
    ) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.roles = roles
        self.introduced = _Places(introduced)
        self._first_end: int | None = None  # where the text's first such name ends
        self._searched_first = False

    def _found(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        for begins, ends, cands in self.gazetteer.places(self.text, start, end):
            if self.roles is None or any(e.role in self.roles for e in cands):
                yield begins, ends

    def inside(self, sent: Span) -> bool:
        """A name within the sentence, as a reader's references are (start in it, end by
        its end)."""
        if self.introduced.inside(sent):
            return True
        return next(self._found(sent.start, sent.end), None) is not None

    def ending_by(self, pos: int, reach: int | None = None) -> bool:
        """A name that ends at or before `pos`, and within `reach` characters of it."""
        if self.introduced.ending_by(pos, reach):
            return True
        if reach is None:
            if not self._searched_first:
                first = next(self._found(0, len(self.text)), None)
                self._first_end = None if first is None else first[1]
                self._searched_first = True
            return self._first_end is not None and self._first_end <= pos
        # A name ending within reach starts no more than its length further back.
        start = max(0, pos - reach - _longest(self.gazetteer))
        return any(pos - ends <= reach for _, ends in self._found(start, pos))


_LONGEST: dict[int, tuple[Gazetteer, int]] = {}


def _longest(gazetteer: Gazetteer) -> int:
    """The length of the gazetteer's longest name, read once per gazetteer."""
    cached = _LONGEST.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer:
        cached = _LONGEST[id(gazetteer)] = (
            gazetteer,
            int(gazetteer.automaton.get_stats()["longest_word"]),
        )
    return cached[1]


def _anaphors(
    pack: LanguagePack, low: str, sent: Span, roles: frozenset[str] | None
) -> list[tuple[int, Anaphor]]:
    """The anaphora of the sentence (of `roles` only, where given), as the reader scans
    them before it drops those inside names: (start, pattern). `scan_anaphors` gives what
    each pattern's `finditer` over the sentence gives, trying a pattern only where a word
    starts with one of its stems (one automaton pass for all of them)."""
    return [
        (start, an)
        for start, _end, an in scan_anaphors(pack, low, sent.start, sent.end)
        if roles is None or an.role in roles
    ]


def _referred_to(
    pack: LanguagePack, low: str, sent: Span, names: _Names, roles: frozenset[str] = PLATFORM
) -> bool:
    """An anaphor of `roles` in the sentence with a name of them before it (a pronoun looks
    back `PRONOUN_REACH` characters at most)."""
    return any(
        names.ending_by(start, PRONOUN_REACH if an.pronoun else None)
        for start, an in _anaphors(pack, low, sent, roles)
    )
