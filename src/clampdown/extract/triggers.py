"""Finding triggers and anaphora: each pattern runs once over the lower-cased document,
and only when the document has a word that the pattern's first word can be."""

from __future__ import annotations

import heapq
import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

import ahocorasick

from clampdown import regexcache
from clampdown.extract.language import Anaphor, LanguagePack, Trigger, casefold_same_length
from clampdown.extract.quick import (
    SPACE_RUN,
    can_match,
    digit_or_stem_starts,
    finditer_near_needed,
    matches_at,
    possessive_pattern,
    read_runs,
    readable_stems,
    required,
    required_in_text,
    word_char,
)
from clampdown.model import Span
from clampdown.regexwords import best, leading_stems


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger found in a sentence; offsets are document offsets."""

    trigger: Trigger
    start: int
    end: int
    head_end: int  # end of the trigger's first word: objects may sit inside a long trigger


def scan_triggers(pack: LanguagePack, text: str, low: str | None = None) -> list[Hit]:
    """Every trigger match in the document, as `finditer` over the whole text would give
    (see `scan_document`)."""
    return scan_document(pack, text, low)[0]


def scan_document(
    pack: LanguagePack, text: str, low: str | None = None
) -> tuple[list[Hit], list[int] | None]:
    """Every trigger match in the document, as `finditer` over the whole text would give,
    and where a word of the text starts with a stem of the pack's service nouns
    (`platform_cues`: what `quick.finditer_at_stems` tries them at; None where their
    stems cannot be read), read in the same pass: a page with a trigger needs both.

    One pass of an automaton finds where each pattern's first word may begin (its stems)
    and which of the words the patterns need the text holds (`_Index.needs`). A pattern
    missing a word it needs cannot match and is never tried; the others are tried at their
    stems' places alone, left to right, skipping any inside the match before (which is
    what `finditer` does). A pattern whose start cannot be read runs over the text, but
    for one that starts with a digit or a stem ("5 million rouble fine"): at those places.
    """
    low = casefold_same_length(text) if low is None else low
    index = _trigger_index(pack.triggers, pack.platform_cues)
    where, last, cues = _read_words(index, low)
    present = set(last)
    # At most of a stem's places no pattern starting with it matches: one pass of all those
    # patterns as alternatives finds the places where one may, for each letter case.
    found: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
    bounds: dict[int, int | None] = {}  # `_until` of each pattern, read once per text
    for stem, places in where.items():
        needs = index.stem_needs[stem]
        if needs is not None and needs.isdisjoint(present):
            continue  # no pattern starting with it can match in this text
        for cased, gate in _gates(index, stem):
            subject = text if cased else low
            if gate is None:
                kept = places
            elif cased:
                kept = [p for p in places if gate(subject, p)]
            else:
                kept = _kept(index, stem, last, gate, subject, places, bounds)
            if kept:
                found[cased][stem] = kept
    # Only the patterns one of whose stems may match there are tried (and those whose start
    # cannot be read), in the pack's order as before.
    order = sorted({i for c in found.values() for st in c for i in index.by_stem[st]})
    hits: list[Hit] = []
    for i in heapq.merge(order, index.unread):
        needs = index.needs[i]
        if needs is not None and needs.isdisjoint(present):
            continue  # a word each of its matches holds is not in the text
        trig = pack.triggers[i]
        subject = text if trig.cased else low
        if not trig.stems:
            if not can_match(trig.regex, subject):
                continue  # a word it cannot match without is not in the text
            led = digit_or_stem_starts(trig.regex, subject, low)
            matches: Iterable[re.Match[str]]
            if led is not None:
                matches = matches_at(trig.regex, subject, led)
            elif needs is not None and index.forward[i]:
                matches = finditer_near_needed(trig.regex, subject, needs)
            else:
                matches = trig.regex.finditer(subject)
        else:
            at = found[trig.cased]
            starts = sorted({p for stem in trig.stems for p in at.get(stem, ())})
            until = _bound(index, i, last, bounds)
            if until is not None:
                starts = starts[: bisect_left(starts, until)]
            if not starts:
                continue
            matches = matches_at(trig.regex, subject, starts)
        for m in matches:
            head = _HEAD.match(m.group())
            head_len = head.end() if head and not trig.objects_after_match else len(m.group())
            hits.append(Hit(trig, m.start(), m.end(), m.start() + head_len))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    return hits, cues if index.cue_stems else None


_HEAD = re.compile(r"\S+")


def _until(index: _Index, i: int, last: dict[str, int]) -> int | None:
    """The place before which pattern `i` must begin to match in a text where the last of
    each needed word it holds ends at `last[word]` (`_read_words`); None where it may begin
    anywhere. Each match of a pattern holds one of the words it needs (`_Index.needs`) in
    its text or in what its lookaheads read, all of it at or after where it begins: unless
    it reads behind itself (a lookbehind), it begins before the end of the last of them.
    Where the text holds none of them, it matches nowhere (0)."""
    needs = index.needs[i]
    if needs is None:
        return None
    ends = [last[word] for word in needs if word in last]
    if not ends:
        return 0
    return max(ends) if index.forward[i] else None


def _bound(
    index: _Index, i: int, last: dict[str, int], bounds: dict[int, int | None]
) -> int | None:
    """`_until` of pattern `i`, kept in `bounds` (one text's): a pattern of several stems
    is asked once."""
    if i not in bounds:
        bounds[i] = _until(index, i, last)
    return bounds[i]


def _kept(
    index: _Index,
    stem: str,
    last: dict[str, int],
    gate: Callable[[str, int], object],
    text: str,
    places: list[int],
    bounds: dict[int, int | None],
) -> list[int]:
    """The places of a stem (in order) where one of its uncased patterns matches, which
    `gate` finds: or where, from some place on, the text lacks a word each of most of them
    needs (`_until`, kept for the text in `bounds`: they match nowhere after it), the others
    tried one by one there, the same places kept with fewer alternatives tried at each.
    Joined, the patterns cost about a third of what each costs alone (hence
    `_ALONE_SHARE`); a join per set of patterns would cost more to compile than it saves."""
    found = index.by_stem[stem]
    if len(found) < _NARROW_FROM:
        return [p for p in places if gate(text, p)]
    if len(found) >= _NEAR_FROM:
        return _kept_near(index, stem, last, gate, text, places, bounds)
    until = [
        (_bound(index, i, last, bounds), index.triggers[i].regex.match)
        for i in found
        if not index.triggers[i].cased
    ]
    # Between two consecutive such places the same patterns may match.
    steps: list[int | None] = [*sorted({u for u, _ in until if u is not None}), None]
    kept: list[int] = []
    start = 0
    for bound in steps:
        end = len(places) if bound is None else bisect_left(places, bound, start)
        if end > start:
            live = tuple(m for u, m in until if u is None or (bound is not None and u >= bound))
            if live:
                match = gate if len(live) * _ALONE_SHARE > len(found) else partial(_first_of, live)
                kept += [p for p in places[start:end] if match(text, p)]
        start = end
        if start == len(places):
            break
    return kept


def _kept_near(
    index: _Index,
    stem: str,
    last: dict[str, int],
    gate: Callable[[str, int], object],
    text: str,
    places: list[int],
    bounds: dict[int, int | None],
) -> list[int]:
    """`_kept` for a stem with many patterns (the German perfect's auxiliary): at each
    place, a pattern that reads nothing behind where it begins and at most so many runs of
    whitespace (`quick.read_runs`) is tried only where one of the words it needs occurs
    after the place within that many runs (each of its matches holds one in what it reads
    from there on); the others as `_kept` tries them. The same places kept."""
    reach = _reach(index, stem)
    found = len(index.by_stem[stem])
    words = [(word, pats) for word, pats in reach.by_word.items() if word in last]
    others = [(i, _bound(index, i, last, bounds)) for i in reach.others]
    kept: list[int] = []
    for place in places:
        live = {i for i, bound in others if bound is None or bound > place}
        if words:
            starts = [
                m.start()
                for m in itertools.islice(SPACE_RUN.finditer(text, place), _NEAR_RUNS_CAP + 1)
            ]
            for word, pats in words:
                if last[word] <= place:
                    continue
                at = text.find(word, place)
                if at < 0:
                    continue
                runs = bisect_left(starts, at)
                live.update(i for most, i in pats if most >= runs)
        if not live:
            continue
        if len(live) * _ALONE_SHARE > found:
            if gate(text, place):
                kept.append(place)
        elif _first_of(tuple(reach.matchers[i] for i in sorted(live)), text, place):
            kept.append(place)
    return kept


@dataclass(frozen=True, slots=True)
class _Reach:
    """A stem's uncased patterns for `_kept_near`: by needed word, each with the most runs
    of whitespace it reads; the others (where they may begin is bounded by `_until` alone)."""

    by_word: dict[str, tuple[tuple[int, int], ...]]
    others: tuple[int, ...]
    matchers: dict[int, Callable[[str, int], object]]


def _reach(index: _Index, stem: str) -> _Reach:
    """The `_Reach` of a stem, read on first use."""
    reach = index.reaches.get(stem)
    if reach is None:
        by_word: dict[str, list[tuple[int, int]]] = {}
        others: list[int] = []
        matchers: dict[int, Callable[[str, int], object]] = {}
        for i in index.by_stem[stem]:
            trig = index.triggers[i]
            if trig.cased:
                continue
            matchers[i] = trig.regex.match
            needs = index.needs[i]
            runs = read_runs(trig.regex) if needs is not None and index.forward[i] else None
            if needs is not None and runs is not None and runs <= _NEAR_RUNS_CAP:
                for word in needs:
                    by_word.setdefault(word, []).append((runs, i))
            else:
                others.append(i)
        reach = index.reaches[stem] = _Reach(
            {word: tuple(pats) for word, pats in by_word.items()}, tuple(others), matchers
        )
    return reach


_NEAR_FROM = 40  # a stem with at least so many patterns: each place narrows them
_NEAR_RUNS_CAP = 40  # a pattern reading more runs than this is tried wherever `_until` allows


def _first_of(matchers: tuple[Callable[[str, int], object], ...], text: str, at: int) -> object:
    """The first match at `at` of one of `matchers`; None where none matches there."""
    for match in matchers:
        found = match(text, at)
        if found:
            return found
    return None


_NARROW_FROM = 4  # a stem with fewer patterns: its whole gate costs little
_ALONE_SHARE = 3  # tried alone where at most a third of a stem's patterns may match


def _read_words(index: _Index, low: str) -> tuple[dict[str, list[int]], dict[str, int], list[int]]:
    """Where each stem begins a word of the lower-cased text, in text order, where the last
    of each needed word the text holds anywhere ends (its keys: the needed words it holds),
    and where a word starts with a stem of the service nouns (in order, once each): one
    pass of the index's automaton."""
    where: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    cues: list[int] = []
    found = index.automaton.iter(low) if index.automaton is not None else ()
    for end, (word, back, stem, need, cue) in found:
        if need:
            last[word] = end + 1  # the finds come in the order of their ends
        if stem or cue:
            start = end - back
            if start:
                before = low[start - 1]
                if before.isalnum() or before == "_":  # `word_char`: inside a word
                    continue
            if cue:
                cues.append(start)
            if not stem:
                continue
            if word in where:
                where[word].append(start)
            else:
                where[word] = [start]
    return where, last, sorted(set(cues))


@dataclass(frozen=True, slots=True)
class _Index:
    """A pack's triggers by stem, built once per pack."""

    triggers: tuple[Trigger, ...]
    by_stem: dict[str, list[int]]  # the (indices of the) patterns that may start with a stem
    unread: list[int]  # the patterns whose start cannot be read: always tried
    # For each stem and letter case, the `match` of all the patterns that may start with it
    # as one pattern of alternatives (None where they cannot be joined: each is tried),
    # compiled when a text first holds the stem (`_gates`): most stems of a pack occur in
    # few texts, and compiling them all when the pack was first used cost as much as
    # reading a hundred documents.
    gates: dict[str, list[tuple[bool, Callable[[str, int], object] | None]]]
    # For each stem with many patterns, what `_kept_near` reads of them (on first use).
    reaches: dict[str, _Reach]
    # For each pattern, words one of which each of its matches holds (None: none known).
    needs: list[frozenset[str] | None]
    # For each pattern, whether it reads nothing behind where it begins but the character
    # before (no lookbehind): what `_until` needs.
    forward: list[bool]
    # For each stem, the words one of which a text must hold for any pattern starting with
    # it to match: all its patterns' (None where one of them needs none).
    stem_needs: dict[str, frozenset[str] | None]
    # The service nouns that introduce names (`platform_cues`) and their stems.
    cue_pattern: re.Pattern[str]
    cue_stems: tuple[str, ...]
    # The stems, the needed words and the service nouns' stems, each with its value: (the
    # word, its length less one, whether it is a stem, whether it is needed, whether it is
    # a service noun's stem), so that a find asks no set.
    automaton: ahocorasick.Automaton | None


_INDEX: dict[int, _Index] = {}
_MIN_NEEDED = 3  # shorter words are in nearly every text: they would only slow the pass
_LOOKBEHIND = "(?<="  # what a pattern reading a needed word behind where it begins holds


def _trigger_index(triggers: tuple[Trigger, ...], cues: re.Pattern[str]) -> _Index:
    key = id(triggers)
    cached = _INDEX.get(key)
    if cached is None or cached.triggers is not triggers or cached.cue_pattern is not cues:
        by_stem: dict[str, list[int]] = {}
        for i, trig in enumerate(triggers):
            for stem in trig.stems:
                by_stem.setdefault(stem, []).append(i)
        unread = [i for i, trig in enumerate(triggers) if not trig.stems]
        needs = [_needs(trig) for trig in triggers]
        needed = frozenset().union(*(n for n in needs if n is not None))
        stem_needs = {
            stem: None
            if any(needs[i] is None for i in found)
            else frozenset().union(*(needs[i] or () for i in found))
            for stem, found in by_stem.items()
        }
        cue_stems = readable_stems(cues)
        automaton = _words_automaton(set(by_stem), needed, set(cue_stems))
        forward = [_LOOKBEHIND not in trig.regex.pattern for trig in triggers]
        cached = _INDEX[key] = _Index(
            triggers,
            by_stem,
            unread,
            {},
            {},
            needs,
            forward,
            stem_needs,
            cues,
            cue_stems,
            automaton,
        )
    return cached


def _gates(index: _Index, stem: str) -> list[tuple[bool, Callable[[str, int], object] | None]]:
    """The gates of `stem` (`_Index.gates`), compiled on first use."""
    gates = index.gates.get(stem)
    if gates is None:
        found, triggers = index.by_stem[stem], index.triggers
        gates = index.gates[stem] = [
            (cased, _gate([triggers[i].regex for i in found if triggers[i].cased == cased]))
            for cased in sorted({triggers[i].cased for i in found})
        ]
    return gates


def _words_automaton(
    stems: set[str], needed: frozenset[str], cues: set[str]
) -> ahocorasick.Automaton | None:
    """The automaton `_read_words` runs: each stem, needed word and service noun's stem,
    with what it is."""
    words = stems | needed | cues
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        value = (word, len(word) - 1, word in stems, word in needed, word in cues)
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def _needs(trig: Trigger) -> frozenset[str] | None:
    """The most telling words one of which the lower-cased text holds wherever an uncased
    pattern matches in it (`quick.required_in_text`: in the match or in what its
    lookarounds read); None for a cased pattern (the pass reads the lower-cased text) or
    where no such words are long enough to tell."""
    if trig.cased:
        return None
    return best(required_in_text(trig.regex), _MIN_NEEDED)


# What a pattern may refer back to, or a group that joined patterns could not share.
_REFERS = re.compile(r"\\[1-9]|\(\?P[=<]|\(\?<[^=!]|\(\?\(")


def _gate(patterns: list[re.Pattern[str]]) -> Callable[[str, int], object] | None:
    """A `match` that succeeds at a place exactly where one of `patterns` does: the patterns
    as alternatives of one, each run of non-spaces only a space may follow taken whole
    (`quick.possessive_pattern`: the German perfect's auxiliary tries some thirty patterns,
    each reading up to sixteen words ahead, at every place). None where they cannot be
    joined without changing what they match (groups referred to by number or name,
    different flags)."""
    if len({p.flags for p in patterns}) != 1 or any(_REFERS.search(p.pattern) for p in patterns):
        return None
    if len(patterns) == 1:
        return patterns[0].match
    try:
        joined = regexcache.compile(
            "|".join(f"(?:{possessive_pattern(p.pattern)})" for p in patterns), patterns[0].flags
        )
    except re.error:
        return None
    return joined.match


def scan_anaphors(
    pack: LanguagePack, low: str, start: int, end: int
) -> list[tuple[int, int, Anaphor]]:
    """Every anaphor match in a stretch of the lower-cased text, in text order. A pattern
    whose first word starts with a known stem is tried only where a word of the stretch
    does (one automaton pass finds them for all patterns), as `finditer` would find it;
    one whose start cannot be read, only where the stretch holds the words it needs (found
    in the same pass)."""
    stems, needs, automaton = _anaphor_stems(pack.anaphora)
    where: dict[str, list[int]] = {}
    held: set[str] = set()
    found_words = automaton.iter(low, start, end) if automaton is not None else ()
    for last, (word, back, stem, needed) in found_words:
        if needed:
            held.add(word)
        if stem:
            begins = last - back
            if begins == 0 or not word_char(low[begins - 1]):
                where.setdefault(word, []).append(begins)
    found = []
    for an, own, words in zip(pack.anaphora, stems, needs, strict=True):
        if own:
            at = [where[stem] for stem in own if stem in where]
            if not at:
                continue  # no word of the stretch starts with one of its stems
            places = at[0] if len(at) == 1 else sorted(p for ps in at for p in ps)
            matches: Iterable[re.Match[str]] = matches_at(an.regex, low, places, end)
        elif all(not choice.isdisjoint(held) for choice in words):  # `quick.holds_required`
            matches = an.regex.finditer(low, start, end)
        else:
            continue  # a word each of its matches holds is not in the stretch
        found += [(m.start(), m.end(), an) for m in matches]
    return sorted(found, key=lambda f: (f[0], -(f[1] - f[0])))


_ANAPHOR_STEMS: dict[
    int,
    tuple[
        tuple[Anaphor, ...],
        list[tuple[str, ...]],
        list[list[frozenset[str]]],
        ahocorasick.Automaton | None,
    ],
] = {}


def _anaphor_stems(
    anaphora: tuple[Anaphor, ...],
) -> tuple[list[tuple[str, ...]], list[list[frozenset[str]]], ahocorasick.Automaton | None]:
    """Each pattern's stems (none where they cannot be read, or where it ignores letter
    case); for each pattern without them, the sets of strings each of its matches holds one
    of (`quick.required`; none for the others); and all those stems and strings in one
    automaton, each with its value (the string, its length less one, whether it is a stem,
    whether it is needed). Built once per pack."""
    cached = _ANAPHOR_STEMS.get(id(anaphora))
    if cached is None or cached[0] is not anaphora:
        stems = [_anaphor_own_stems(an) for an in anaphora]
        needs = [[] if own else required(an.regex) for an, own in zip(anaphora, stems, strict=True)]
        starts = {st for own in stems for st in own}
        needed = {w for sets in needs for choice in sets for w in choice}
        automaton = None
        if starts or needed:
            automaton = ahocorasick.Automaton()
            for word in starts | needed:
                automaton.add_word(word, (word, len(word) - 1, word in starts, word in needed))
            automaton.make_automaton()
        cached = (anaphora, stems, needs, automaton)
        _ANAPHOR_STEMS[id(anaphora)] = cached
    return cached[1], cached[2], cached[3]


# The shortest stem an anaphor is tried at (see `_anaphor_own_stems`).
_MIN_ANAPHOR_STEM = 2


def _anaphor_own_stems(an: Anaphor) -> tuple[str, ...]:
    """The stems an anaphor is tried at (`leading_stems`): none where it ignores letter case,
    or where one of them is a single letter (an article before the noun: most words of a
    stretch begin with it, and the words the pattern needs tell more)."""
    if an.regex.flags & re.IGNORECASE:
        return ()
    stems = leading_stems(an.regex.pattern)
    return () if any(len(stem) < _MIN_ANAPHOR_STEM for stem in stems) else stems


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
