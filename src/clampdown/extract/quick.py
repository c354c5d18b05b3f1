"""Shortcuts that skip a regular expression's pass over a text where it cannot match,
read off the expression itself so that what it finds never changes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache, wraps
from pathlib import Path
from re import _constants as _c
from re import _parser
from typing import Any, TypeVar

import ahocorasick

from clampdown import regexcache
from clampdown.regexwords import (
    extra_folds,
    leading_stems,
    leading_strings,
    lowers_in_place,
    required_strings,
    stems_of,
)

_REQUIRED: regexcache.ByPattern[list[frozenset[str]]] = regexcache.ByPattern()
_REQUIRED_IN_TEXT: regexcache.ByPattern[list[frozenset[str]]] = regexcache.ByPattern()


# What the readings below find in a pattern, kept between runs (`regexcache.Readings`,
# named by this file's code and that of `regexwords`, whose readings these build on).
_READ = regexcache.Readings(
    "quick-readings",
    Path(__file__).read_bytes() + Path(regexcache.__file__).with_name("regexwords.py").read_bytes(),
)
_T = TypeVar("_T")


def _read_once(read: Callable[[re.Pattern[str]], _T]) -> Callable[[re.Pattern[str]], _T]:
    """`read` of a pattern, kept between runs by the pattern's text and flags."""

    @wraps(read)
    def kept(regex: re.Pattern[str]) -> _T:
        return _READ.get((read.__name__, regex.pattern, regex.flags), lambda: read(regex))

    return kept


def can_match(regex: re.Pattern[str], text: str) -> bool:
    """False only where `regex` cannot match anywhere in `text`: a string each match
    holds (one of a few, for a choice) is not in it."""
    words = _REQUIRED.get(regex)
    if words is None:
        words = required(regex)
    return all(any(w in text for w in choice) for choice in words)


def holds_required(regex: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """`can_match` for the stretch `text[start:end]` (none of it copied)."""
    words = _REQUIRED.get(regex)
    if words is None:
        words = required(regex)
    return all(any(text.find(w, start, end) >= 0 for w in choice) for choice in words)


def required(regex: re.Pattern[str]) -> list[frozenset[str]]:
    """Sets of strings each match of `regex` holds one of, as the pattern writes them, for
    the very text it runs on (`clampdown.regexwords.required_strings`; none where that
    cannot be read), read once per pattern."""
    words = _REQUIRED.get(regex)
    if words is None:
        try:
            words = required_strings(regex.pattern, regex.flags)
        except Exception:  # noqa: BLE001 (a form the reading does not know: nothing required)
            words = []
        _REQUIRED[regex] = words
    return words


def required_in_text(regex: re.Pattern[str]) -> list[frozenset[str]]:
    """Sets of strings a text holds one of wherever `regex` matches in it: what `required`
    reads, and what the lookarounds that must match (`(?=...)`, `(?<=...)`) hold, which a
    match need not hold but its text does (`required_strings` with `assertions`). For a
    whole text only: a stretch of it may end before a lookahead's words. Read once per
    pattern."""
    words = _REQUIRED_IN_TEXT.get(regex)
    if words is None:
        try:
            words = required_strings(regex.pattern, regex.flags, assertions=True)
        except Exception:  # noqa: BLE001 (a form the reading does not know: nothing required)
            words = []
        _REQUIRED_IN_TEXT[regex] = words
    return words


def finditer_at_stems(regex: re.Pattern[str], text: str, low: str) -> list[re.Match[str]]:
    """What `regex.finditer(text)` gives, tried only where a word of the lower-cased text
    `low` (offsets unchanged) begins with one of the stems every match begins a word with
    (`clampdown.regexwords.leading_stems`); over the whole text where there are none, or
    where the pattern ignores letter case (a letter it matches may lower-case otherwise)."""
    automaton = _stem_automaton(regex)
    if automaton is None:
        return list(regex.finditer(text))
    return list(matches_at(regex, text, word_starts(automaton, low)))


def word_starts(
    automaton: ahocorasick.Automaton, low: str, start: int = 0, end: int | None = None
) -> list[int]:
    """Where a word of `low` (of `low[start:end]`, where given) begins with one of the
    automaton's words, in order."""
    return sorted(
        {
            begins
            for last, word in automaton.iter(low, start, len(low) if end is None else end)
            if (begins := last - len(word) + 1) == 0 or not word_char(low[begins - 1])
        }
    )


def matches_at(
    regex: re.Pattern[str], text: str, starts: list[int], endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """The matches of `regex` that begin at one of `starts` (sorted), left to right and
    never inside the one before, as `finditer` would give them (`endpos` as there)."""
    end = 0
    stop = len(text) if endpos is None else endpos
    for pos in starts:
        if pos < end:
            continue
        m = regex.match(text, pos, stop)
        if m is not None:
            yield m
            end = max(m.end(), pos + 1)


def digit_or_stem_starts(regex: re.Pattern[str], text: str, low: str) -> list[int] | None:
    """Every place where a match of `regex` may begin, in order, where each begins with a
    digit or a word starting with a stem (`digit_led`): each digit of `text`, and each word
    of the lower-cased `low` (offsets unchanged) that starts with a stem. None for another
    pattern."""
    plan = _digit_plan(regex)
    if plan is None:
        hyphened = _hyphen_starts(regex, low)
        return hyphened if hyphened is not None else _infix_starts(regex, low)
    digit, automaton = plan
    found = [m.start() for m in digit.finditer(text)]
    if automaton is not None:
        found = sorted(found + word_starts(automaton, low))
    return found


_DigitPlan = tuple[re.Pattern[str], ahocorasick.Automaton | None]
_DIGIT_PLANS: regexcache.ByPattern[_DigitPlan | None] = regexcache.ByPattern()


def _digit_plan(regex: re.Pattern[str]) -> _DigitPlan | None:
    if regex not in _DIGIT_PLANS:
        stems = digit_led(regex)
        _DIGIT_PLANS[regex] = (
            None
            if stems is None
            else (re.compile(r"\d", regex.flags & ~re.IGNORECASE), word_automaton(stems))
        )
    return _DIGIT_PLANS[regex]


@_read_once
def digit_led(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """The stems of a pattern each of whose matches begins with a digit (`\\d`) or with a
    word starting with one of them (its first element a choice, each alternative of which
    starts with `\\d` or has stems: "(?:\\d|\\b(?:million|billion))\\s+..."), or none
    for one that starts with a digit at a word's start ("\\b\\d+\\s+..."; a digit first
    with no `\\b`, `re` finds fast by itself); None where its start cannot be read so
    (letter case ignored: a stem may match otherwise). A `\\b` before a digit takes no
    text: such a match begins at the digit."""
    items = _parsed(regex)
    if regex.flags & re.IGNORECASE or items is None:
        return None
    read = _digit_stems(items, False)
    return None if read is None or not read[1] else tuple(sorted(read[0]))


def _digit_stems(items: list[Any], bounded: bool) -> tuple[set[str], bool] | None:
    """`digit_led` of a parsed sequence (`bounded`: a word boundary came before it): the
    stems, and whether a match may begin with a digit; None where its start cannot be
    read so. An optional part first ("(?:\\d+\\s+days?\\s+)?deadline") is read with
    what follows it."""
    while items[:1] == [_BOUNDARY] or (
        items and items[0][0] is _c.SUBPATTERN and not items[0][1][1] and not items[0][1][2]
    ):
        if items[0] == _BOUNDARY:
            items, bounded = items[1:], True  # takes no text: `re` may write it before a choice
        else:
            items = list(items[0][1][3].data) + items[1:]  # a group first: its start
    if not items:
        return None
    if bounded and _digit_first(items):
        return set(), True
    op, av = items[0]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[:2] == (0, 1):
        once = _digit_stems(list(av[2].data), bounded)
        rest = stems_of([_BOUNDARY, *items[1:]] if bounded else items[1:])
        return None if once is None or not rest else (once[0] | set(rest), once[1])
    if op is not _c.BRANCH:
        return None
    stems: set[str] = set()
    digits = False
    for alt in av[1]:
        if _digit_first(alt.data):
            digits = True
            continue
        own = stems_of([_BOUNDARY, *alt.data] if bounded else alt)
        if own:
            stems.update(own)
            continue
        inner = _digit_stems(list(alt.data), bounded)  # a choice or an optional part first
        if inner is None:
            return None
        stems |= inner[0]
        digits = digits or inner[1]
    return stems, digits


def _hyphen_starts(regex: re.Pattern[str], low: str) -> list[int] | None:
    """`digit_or_stem_starts` of a pattern `hyphen_led` reads: each word of `low` that
    starts with a stem, and the start of each run of word characters that ends in a hyphen
    before one ("(?:[a-z]+-)?(?:fine|...)": "eu-fine" begins at "eu"). None for another."""
    plan = _hyphen_plan(regex)
    if plan is None:
        return None
    stems, hyphened = plan
    found = word_starts(stems, low)
    for last, word in hyphened.iter(low):
        hyphen = last - len(word) + 1
        begins = hyphen
        while begins and word_char(low[begins - 1]):
            begins -= 1
        if begins < hyphen:
            found.append(begins)
    return sorted(set(found))


_HyphenPlan = tuple[ahocorasick.Automaton, ahocorasick.Automaton]
_HYPHEN_PLANS: regexcache.ByPattern[_HyphenPlan | None] = regexcache.ByPattern()


def _hyphen_plan(regex: re.Pattern[str]) -> _HyphenPlan | None:
    if regex not in _HYPHEN_PLANS:
        stems = hyphen_led(regex)
        plan = None
        if stems:
            words, hyphened = word_automaton(stems), word_automaton("-" + s for s in stems)
            if words is not None and hyphened is not None:
                plan = (words, hyphened)
        _HYPHEN_PLANS[regex] = plan
    return _HYPHEN_PLANS[regex]


def _after_boundary(regex: re.Pattern[str]) -> list[Any]:
    """The parsed items of a case-sensitive pattern after its leading word boundary, plain
    groups opened; empty where the pattern ignores case, cannot be parsed, does not begin at
    a word boundary or has nothing after it."""
    parsed = _parsed(regex)
    if regex.flags & re.IGNORECASE or parsed is None:
        return []
    items = list(parsed)
    bounded = False
    while items[:1] == [_BOUNDARY] or (
        items and items[0][0] is _c.SUBPATTERN and not items[0][1][1] and not items[0][1][2]
    ):
        if items[0] == _BOUNDARY:
            items, bounded = items[1:], True
        else:
            items = list(items[0][1][3].data) + items[1:]
    return items if bounded else []


@_read_once
def hyphen_led(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """The stems of a pattern each of whose matches begins at a word boundary with an
    optional run of word characters and a hyphen, then a word starting with one of them
    ("\\b(?:[a-z]+-)?(?:fine|penalty)..."): such a match begins at a stem's word or
    at the start of the run of word characters before a hyphen that a stem follows. None
    where the start cannot be read so (letter case ignored: a stem may match otherwise; a
    class in the run that may take a character no word holds)."""
    items = _after_boundary(regex)
    if not items:
        return None
    op, av = items[0]
    if op not in (_c.MAX_REPEAT, _c.MIN_REPEAT) or av[:2] != (0, 1):
        return None
    inner = list(av[2].data)
    if len(inner) != 2 or inner[1] != (_c.LITERAL, ord("-")):
        return None
    rop, rav = inner[0]
    if rop not in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) or rav[0] < 1:
        return None
    run = list(rav[2].data)
    if len(run) != 1 or not _word_class(run[0]):
        return None
    stems = stems_of([_BOUNDARY, *items[1:]])
    return stems or None


def _infix_starts(regex: re.Pattern[str], low: str) -> list[int] | None:
    """`digit_or_stem_starts` of a pattern `infix_led` reads: each word of `low` that
    starts with a stem, and the start of each word that holds an infix ("\\b\\w*verfahren":
    "strafverfahren" begins at "s"). None for another."""
    plan = _infix_plan(regex)
    if plan is None:
        return None
    stems, infixes = plan
    found = word_starts(stems, low) if stems is not None else []
    for infix in infixes:
        at = low.find(infix)
        while at >= 0:
            begins = at
            while begins and word_char(low[begins - 1]):
                begins -= 1
            found.append(begins)
            at = low.find(infix, at + 1)
    return sorted(set(found))


_INFIX_PLANS: regexcache.ByPattern[tuple[ahocorasick.Automaton | None, tuple[str, ...]] | None] = (
    regexcache.ByPattern()
)


def _infix_plan(
    regex: re.Pattern[str],
) -> tuple[ahocorasick.Automaton | None, tuple[str, ...]] | None:
    if regex not in _INFIX_PLANS:
        read = infix_led(regex)
        _INFIX_PLANS[regex] = None if read is None else (word_automaton(read[0]), read[1])
    return _INFIX_PLANS[regex]


_MIN_INFIX = 3  # an infix shorter than this is in too many words to tell


@_read_once
def infix_led(regex: re.Pattern[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The stems and infixes of a pattern each of whose matches begins at a word boundary
    with a choice (or a single part), each alternative of which either begins a word with a
    stem or is a run of word characters and then a literal, the infix ("\\b(?:\\w*verfahren
    |klage)\\s+gegen"): the run and the infix are all word characters after a word
    boundary, so such a match begins at the start of the word that holds the infix. None
    where the start cannot be read so (letter case ignored, a class in the run that may
    take a character no word holds, an infix of fewer than `_MIN_INFIX` letters or with
    capitals, or no infix at all: the stems alone are read as usual)."""
    items = _after_boundary(regex)
    if not items:
        return None
    op, av = items[0]
    rest = items[1:]
    alternatives = [list(alt.data) for alt in av[1]] if op is _c.BRANCH else [items]
    if op is not _c.BRANCH:
        rest = []
    stems: set[str] = set()
    infixes: set[str] = set()
    for alt in alternatives:
        infix = _infix(alt)
        if infix is not None:
            if len(infix) < _MIN_INFIX or infix != infix.lower():
                return None
            infixes.add(infix)
            continue
        own = stems_of([_BOUNDARY, *alt, *rest])
        if not own:
            return None
        stems.update(own)
    return (tuple(sorted(stems)), tuple(sorted(infixes))) if infixes else None


def _infix(items: list[Any]) -> str | None:
    """The literal after a first run of word characters (`\\w*`, `[a-z]+`, ...) that
    `items` begin with, where it is all word characters; None for another start."""
    if not items:
        return None
    op, av = items[0]
    if op not in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return None
    run = list(av[2].data)
    if len(run) != 1 or not _word_class(run[0]):
        return None
    letters = []
    for item in items[1:]:
        if item[0] is not _c.LITERAL:
            break
        letters.append(chr(item[1]))
    literal = "".join(letters)
    return literal if literal and all(word_char(ch) for ch in literal) else None


def _word_class(item: tuple[Any, Any]) -> bool:
    """Whether a parsed item takes one character that a word holds (`word_char`): a
    letter, a class of letters and ranges of them, or `\\w`."""
    op, av = item
    if op is _c.LITERAL:
        return word_char(chr(av))
    if op is not _c.IN:
        return False
    for kind, value in av:
        if kind is _c.LITERAL:
            if not word_char(chr(value)):
                return False
        elif kind is _c.RANGE:
            if not all(word_char(chr(c)) for c in range(value[0], value[1] + 1)):
                return False
        elif (kind, value) != (_c.CATEGORY, _c.CATEGORY_WORD):
            return False
    return True


_DIGIT = (_c.IN, [(_c.CATEGORY, _c.CATEGORY_DIGIT)])
_BOUNDARY = (_c.AT, _c.AT_BOUNDARY)


def _digit_first(items: Any) -> bool:
    """Whether a parsed sequence takes a digit first (`\\d`, or a repeat of it at least
    once), after any word boundaries."""
    rest = list(items)
    while rest[:1] == [_BOUNDARY]:
        rest = rest[1:]
    if not rest:
        return False
    op, av = rest[0]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return list(av[2].data)[:1] == [_DIGIT]
    return bool(rest[0] == _DIGIT)


_AUTOMATA: regexcache.ByPattern[ahocorasick.Automaton | None] = regexcache.ByPattern()


def _stem_automaton(regex: re.Pattern[str]) -> ahocorasick.Automaton | None:
    if regex not in _AUTOMATA:
        _AUTOMATA[regex] = word_automaton(readable_stems(regex))
    return _AUTOMATA[regex]


def readable_stems(regex: re.Pattern[str]) -> tuple[str, ...]:
    """The stems `finditer_at_stems` tries `regex` at (`leading_stems`; none where the
    pattern ignores letter case)."""
    return () if regex.flags & re.IGNORECASE else leading_stems(regex.pattern)


def word_automaton(words: Iterable[str]) -> ahocorasick.Automaton | None:
    """One Aho-Corasick automaton of `words`, each its own value; None for no words."""
    unique = set(words)
    if not unique:
        return None
    automaton = ahocorasick.Automaton()
    for word in unique:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def word_char(ch: str) -> bool:
    """What `\\w` matches: a letter, a digit or an underscore."""
    return ch.isalnum() or ch == "_"


def finditer_in_runs(regex: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """What `regex.finditer(text)` gives, tried only in the runs of characters its matches
    are made of (`run_class`) that hold one of the strings each match holds
    (`required`); over the whole text where either cannot be read.

    A match lies inside one such run, and the character after a run is no word character
    (the class holds them all), so where a run is searched alone its last `\\b` and any
    lookahead read it as they read the whole text; lookbehind and `\\b` at its start see the
    text before it (as `finditer` with a start position does)."""
    plan = _run_plan(regex)
    if plan is None:
        return list(regex.finditer(text))
    outside, words = plan
    places = sorted(at for word in words for at in _occurrences(text, word))
    found: list[re.Match[str]] = []
    searched = 0  # the end of the last run searched
    for at in places:
        if at < searched:
            continue  # in a run already searched
        start = _run_start(outside, text, at)
        stop = outside.search(text, at)
        end = len(text) if stop is None else stop.start()
        found += regex.finditer(text, max(start, searched), end)
        searched = end
    return found


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _run_start(outside: re.Pattern[str], text: str, at: int) -> int:
    """Where the run holding `at` begins: after the last character of `outside` before it."""
    back = 256
    while True:
        lo = max(0, at - back)
        ends = [m.end() for m in outside.finditer(text, lo, at)]
        if ends:
            return ends[-1]
        if lo == 0:
            return 0
        back *= 4


_RUN_PLANS: regexcache.ByPattern[tuple[re.Pattern[str], frozenset[str]] | None] = (
    regexcache.ByPattern()
)


def _run_plan(regex: re.Pattern[str]) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """A pattern of the characters no match holds, and strings each match holds one of."""
    if regex not in _RUN_PLANS:
        cls = run_class(regex)
        words = required(regex)
        _RUN_PLANS[regex] = (
            None
            if cls is None or not words
            else (re.compile(f"[^{cls}]", regex.flags), max(words, key=lambda w: min(map(len, w))))
        )
    return _RUN_PLANS[regex]


@_read_once
def run_class(regex: re.Pattern[str]) -> str | None:
    """The body of a character class holding every character a match of `regex` may hold,
    or any lookahead of it may read, and every word character; None where that cannot be
    read (any character, a negated class, a back reference, an end anchor, letter case
    ignored)."""
    if regex.flags & (re.IGNORECASE | re.LOCALE):
        return None
    parts: set[str] = {r"\w"}
    try:
        ok = _consumed(_parser.parse(regex.pattern, regex.flags).data, parts)
    except Exception:  # noqa: BLE001 (a form the reading does not know: no class)
        return None
    return "".join(sorted(parts)) if ok else None


_STARTS = (_c.AT_BEGINNING, _c.AT_BEGINNING_LINE, _c.AT_BEGINNING_STRING)
_BOUNDS = (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY)
_CATEGORIES = {_c.CATEGORY_WORD: r"\w", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_DIGIT: r"\d"}


def _consumed(items: list[tuple[Any, Any]], parts: set[str]) -> bool:
    """Adds to `parts` what the sequence `items` may match; False for a form not read."""
    for op, av in items:
        if op is _c.LITERAL:
            parts.add(re.escape(chr(av)))
        elif op is _c.IN:
            for kind, value in av:
                if kind is _c.LITERAL:
                    parts.add(re.escape(chr(value)))
                elif kind is _c.RANGE:
                    parts.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind is _c.CATEGORY and value in _CATEGORIES:
                    parts.add(_CATEGORIES[value])
                else:
                    return False  # a negated class, or one of what a category is not
        elif op is _c.SUBPATTERN:
            if not _consumed(av[3].data, parts):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if not _consumed(av[2].data, parts):
                return False
        elif op is _c.BRANCH:
            if not all(_consumed(b.data, parts) for b in av[1]):
                return False
        elif op is _c.AT:
            if av not in _STARTS and av not in _BOUNDS:
                return False  # an end anchor reads past a run searched alone
        elif op is _c.ASSERT or op is _c.ASSERT_NOT:
            # Lookbehind reads the text before, as it is; lookahead may read past the match.
            if av[0] > 0 and not _consumed(av[1].data, parts):
                return False
        else:
            return False
    return True


def finditer_at_literals(regex: re.Pattern[str], text: str, low: str) -> list[re.Match[str]]:
    """What `regex.finditer(text)` gives, tried only where the text holds one of the
    strings each match begins with (`clampdown.regexwords.leading_strings`: read past "^"
    and lookaround, which take no text); found in the lower-cased `low` (offsets unchanged)
    where the pattern ignores letter case. Over the whole text where they cannot be read,
    or where the text holds a letter that the pattern's case-folding matches with one of
    those strings while lower case does not ("ſ" with "s", `extra_folds`)."""
    plan = _literal_plan(regex)
    if plan is None:
        return list(regex.finditer(text))
    literals, variants = plan
    subject = low if regex.flags & re.IGNORECASE else text
    if any(ch in subject for ch in variants):
        return list(regex.finditer(text))
    places = sorted({at for word in literals for at in _occurrences(subject, word)})
    return list(matches_at(regex, text, places))


_LITERAL_PLANS: regexcache.ByPattern[tuple[tuple[str, ...], str] | None] = regexcache.ByPattern()


def _literal_plan(regex: re.Pattern[str]) -> tuple[tuple[str, ...], str] | None:
    """The strings a match begins with (lower-cased where letter case is ignored) and the
    letters that would hide one from a search of the lower-cased text."""
    if regex not in _LITERAL_PLANS:
        try:
            words = leading_strings(regex.pattern, regex.flags)
        except Exception:  # noqa: BLE001 (a form the reading does not know)
            words = None
        plan: tuple[tuple[str, ...], str] | None = None
        if words is None or regex.flags & re.LOCALE:
            pass
        elif not regex.flags & re.IGNORECASE:
            plan = (words, "")
        elif all(lowers_in_place(word) for word in words):
            lowered = tuple(sorted({word.lower() for word in words}))
            variants = extra_folds("".join(lowered))
            if variants is not None:  # else no fold can be ruled out: the whole text
                plan = (lowered, "".join(sorted(variants)))
        _LITERAL_PLANS[regex] = plan
    return _LITERAL_PLANS[regex]


_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})\??")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def possessive_pattern(pattern: str) -> str:
    """`pattern` with each run of non-spaces that only a space may follow (`\\S+\\s`, or
    `(?:\\s+\\S+){1,12}?\\s` ending a repeated group that starts with a space) taken whole,
    never given back (`\\S++`): a shorter run would leave a non-space where a space must
    come, so the matches are the same, found without trying each shorter run in turn. The
    pattern is read left to right, each group's body and whether it has alternatives kept
    while it is open; a form it does not read (a verbose pattern) is left as it is."""
    return _READ.get(("possessive", pattern), lambda: _possessive_pattern(pattern))


def _possessive_pattern(pattern: str) -> str:
    """`possessive_pattern`, read afresh."""
    if "(?x" in pattern:
        return pattern
    out: list[str] = []
    opens: list[int] = []  # where each open group's body begins (-1: an assertion, flags)
    alternatives: list[bool] = []  # whether the open group has a `|` of its own
    in_class = False
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            run = not in_class and pattern.startswith("\\S+", i)
            if run and pattern[i + 3 : i + 4] not in "?+":
                whole = _space_follows(pattern, i + 3, opens, alternatives)
                out.append("\\S++" if whole else "\\S+")
                i += 3
            else:
                out.append(pattern[i : i + 2])
                i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            start = i + 1 + pattern.startswith("^", i + 1)
            start += pattern.startswith("]", start)  # a first "]" is one of the class
            out.append(pattern[i:start])
            i = start
            continue
        elif c == "(":
            named = _NAMED_GROUP.match(pattern, i)
            if pattern.startswith("(?:", i):
                opens.append(i + 3)
            elif named is not None:
                opens.append(named.end())
            else:
                opens.append(-1 if pattern.startswith("(?", i) else i + 1)
            alternatives.append(False)
        elif c == ")" and opens:
            opens.pop()
            alternatives.pop()
        elif c == "|" and alternatives:
            alternatives[-1] = True
        out.append(c)
        i += 1
    return "".join(out)


def _space_follows(pattern: str, at: int, opens: list[int], alternatives: list[bool]) -> bool:
    """Whether whatever may come at `at` right after a `\\S+` begins with a space: a `\\s`
    there, or the end of a group without alternatives, followed by one, and where the
    group repeats, whose body begins with one too."""
    if _spaces(pattern, at):
        return True
    if not pattern.startswith(")", at) or not opens or opens[-1] < 0 or alternatives[-1]:
        return False
    repeat = _QUANTIFIER.match(pattern, at + 1)
    after = at + 1 if repeat is None else repeat.end()
    return _spaces(pattern, after) and (repeat is None or _spaces(pattern, opens[-1]))


def _spaces(pattern: str, at: int) -> bool:
    """Whether `pattern` at `at` is a space taken at least once (`\\s`, `\\s+`, `\\s+?`)."""
    return pattern.startswith("\\s", at) and pattern[at + 2 : at + 3] not in ("*", "?", "{")


def finditer_near_needed(
    regex: re.Pattern[str], text: str, needs: frozenset[str]
) -> Iterable[re.Match[str]]:
    """What `regex.finditer(text)` gives, for a pattern each of whose matches holds one of
    `needs` in what it reads from where it begins on (no positive lookbehind: the caller
    knows), begins at a word boundary (`\\b`), and reads at most so many runs of
    whitespace (`space_runs`): such a match begins at a boundary no further before an
    occurrence of a needed word than those runs allow, so it is tried at those boundaries
    alone (`matches_at`: the same matches, in the same order). Over the whole text where
    the pattern cannot be read so, or where those stretches are more than an eighth of it."""
    runs = _near_plan(regex)
    if runs is None:
        return regex.finditer(text)
    places = sorted({at for word in needs for at in _occurrences(text, word)})
    windows: list[tuple[int, int]] = []
    budget = len(text) // _NEAR_SHARE
    for at in places:
        lo = _runs_back(text, at, runs + 1)
        if windows and lo <= windows[-1][1] + 1:
            budget -= at - windows[-1][1]
            windows[-1] = (windows[-1][0], at)
        else:
            budget -= at - lo
            windows.append((lo, at))
        if budget < 0:
            return regex.finditer(text)
    bounds = [m.start() for lo, hi in windows for m in _WORD_BOUNDARY.finditer(text, lo, hi + 1)]
    return matches_at(regex, text, bounds)


SPACE_RUN = re.compile(r"\s+")  # a run of whitespace
_WORD_BOUNDARY = re.compile(r"\b")
_NEAR_SHARE = 8  # windows over more than this part of the text: the whole text is searched
# A pattern that may read more runs tries so many places near each needed word that one
# pass over the text costs less (the bench's German fines, read up to sixteen words ahead).
_NEAR_RUNS = 12


def _runs_back(text: str, at: int, runs: int) -> int:
    """Where the stretch before `at` that meets fewer than `runs` runs of whitespace
    begins: at the end of the `runs`-th run back from `at` (0 where there are fewer)."""
    back = 16 * runs
    while True:
        lo = max(0, at - back)
        ends = [m.end() for m in SPACE_RUN.finditer(text, lo, at)]
        if len(ends) >= runs:
            return min(ends[-runs], at)
        if lo == 0:
            return 0
        back *= 4


@_read_once
def _near_plan(regex: re.Pattern[str]) -> int | None:
    """`read_runs` of a pattern each of whose matches begins at a word boundary; None for
    another, or one whose runs are unbounded or many (`_NEAR_RUNS`)."""
    items = _parsed(regex)
    if items is None or not _bounded_start(items):
        return None
    runs = read_runs(regex)
    return runs if runs is not None and runs <= _NEAR_RUNS else None


@cache
@_read_once
def read_runs(regex: re.Pattern[str]) -> int | None:
    """`space_runs` of a whole pattern (with what its lookaheads read), read once per
    pattern; None where unbounded or not read."""
    items = _parsed(regex)
    return space_runs(items) if items is not None else None


@cache
def _parsed(regex: re.Pattern[str]) -> list[Any] | None:
    """The parsed items of a pattern (`re`'s own parser), read once per pattern; None for a
    form the reading does not know."""
    try:
        return list(regexcache.parsed(regex.pattern, regex.flags).data)
    except Exception:  # noqa: BLE001 (a form the reading does not know)
        return None


def _bounded_start(items: list[Any]) -> bool:
    """Whether a parsed sequence matches only where a word boundary is: it begins with
    `\\b`, after any negative lookarounds (which take no text), or with a group or a
    choice each alternative of which does."""
    while items and items[0][0] is _c.ASSERT_NOT:
        items = items[1:]
    if not items:
        return False
    op, av = items[0]
    if (op, av) == _BOUNDARY:
        return True
    if op is _c.SUBPATTERN:
        return _bounded_start(list(av[3].data) + items[1:])
    if op is _c.BRANCH:
        return all(_bounded_start(list(alt.data)) for alt in av[1])
    return False


def space_runs(items: list[Any]) -> int | None:
    """At most how many runs of whitespace a match of a parsed sequence holds, with what
    its lookaheads read (a sum of what each part may hold: runs that meet count once, so
    it is never too few); None where that is unbounded or not read."""
    total = 0
    for op, av in items:
        if op is _c.AT or op is _c.ASSERT_NOT:
            continue  # takes no text; a negative lookaround holds no needed word
        if op is _c.LITERAL:
            total += 1 if _is_space(chr(av)) else 0
        elif op in (_c.NOT_LITERAL, _c.ANY):
            total += 1
        elif op is _c.IN:
            total += 1 if _class_may_space(av) else 0
        elif op is _c.SUBPATTERN:
            inner = space_runs(list(av[3].data))
            if inner is None:
                return None
            total += inner
        elif op is _c.ATOMIC_GROUP:
            inner = space_runs(list(av.data))
            if inner is None:
                return None
            total += inner
        elif op is _c.ASSERT:
            if av[0] < 0:
                return None  # a lookbehind reads before where the match begins
            inner = space_runs(list(av[1].data))
            if inner is None:
                return None
            total += inner
        elif op is _c.BRANCH:
            alts = [space_runs(list(alt.data)) for alt in av[1]]
            if any(a is None for a in alts):
                return None
            total += max(a for a in alts if a is not None)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            inner = space_runs(list(sub.data))
            if inner is None:
                return None
            if inner == 0:
                continue
            if _spaces_only(list(sub.data)):
                total += 1  # whitespace after whitespace: one run
            elif hi == _c.MAXREPEAT:
                return None
            else:
                total += hi * inner
        else:
            return None
    return total


# What `\s` matches (`str.isspace`: none past U+3000).
_SPACES = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace())


def _is_space(ch: str) -> bool:
    return ch in _SPACES


def _class_may_space(members: list[tuple[Any, Any]]) -> bool:
    """Whether a character class (`IN`) may match whitespace."""
    for op, av in members:
        if op is _c.LITERAL:
            if _is_space(chr(av)):
                return True
        elif op is _c.RANGE:
            if any(av[0] <= ord(ch) <= av[1] for ch in _SPACES):
                return True
        elif op is _c.CATEGORY:
            if av not in (_c.CATEGORY_WORD, _c.CATEGORY_DIGIT, _c.CATEGORY_NOT_SPACE):
                return True
        else:
            return True  # a negated class or a form not read
    return False


def _spaces_only(items: list[Any]) -> bool:
    """Whether a parsed sequence is one character class of whitespace alone (`\\s`)."""
    return items == [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE)])] or (
        len(items) == 1 and items[0][0] is _c.LITERAL and _is_space(chr(items[0][1]))
    )
