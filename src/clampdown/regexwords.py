"""What a regular expression's matches must contain, or begin with, read off its parse tree.

A hundred triggers, or the cues of a dispute's matter, would each scan every text; a
pattern whose matches must contain a word (or begin with one) runs only where that word
occurs. A pattern whose words cannot be read simply always runs.

What every match holds is read by one walk of the parse tree (`required_strings`): as the
pattern writes the strings (letter case kept, for the very text the pattern runs on) or
lower-cased (for a lower-cased text; `required_words` keeps the most selective set, `best`);
with its lookarounds' strings counted or not (what the whole text holds wherever the
pattern matches, or what the match itself holds).
Whether a string lower-cases letter for letter, so that a lower-cased text holds it where
the text does, is told one way (`lowers_in_place`).

What every match begins with is read by one walk of the parse tree (`_lead`): as the
strings it is written with (`leading_strings`, letter case kept, for the very text the
pattern runs on) or as the lower-case stems of the words it begins (`leading_stems`).

Also here: the letters a pattern ignoring letter case matches besides those that
lower-case alike (`extra_folds`), which a search of lower-cased text would miss.
"""

from __future__ import annotations

import importlib
import re
import re._constants as c  # type: ignore[import-not-found]
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from clampdown import regexcache

# A pattern that matches nothing (for keys a language does not need, lists with no words):
# at the text's start alone, so that a search gives up at once (`(?!x)x` is tried at every
# place: about 25 ns a character).
NEVER = r"\A(?!x)x"

MAX_PREFIXES = 64  # more spellings than this and the pattern runs everywhere

# What the readings below find in a pattern, kept between runs (named by this file's code).
_READ = regexcache.Readings("regex-readings", Path(__file__).read_bytes())


def required_strings(
    pattern: str, flags: int = 0, *, lower: bool = False, assertions: bool = False
) -> list[frozenset[str]]:
    """Sets of strings, each of which every match of `pattern` (parsed with `flags`) holds
    one of: each run of literal characters, and what each group or repeat that matches at
    least once holds in turn; of a choice, the most selective set of each alternative
    (`best`) together, where every alternative has one. Anything else (classes, optional
    parts, lookaround) holds nothing, which is always safe.

    As the pattern writes them (`lower` false: for the very text the pattern runs on), a
    group with flags of its own is not read (letter case may be read otherwise inside) and
    a pattern ignoring letter case holds none. Lower-cased (`lower`: for a lower-cased text),
    every group is read and letter case does not matter.

    With `assertions`, what each lookaround that must match (`(?=...)`, `(?<=...)`) holds
    is read too: not what every match holds but what the text holds wherever the pattern
    matches in it, so only for a whole text (a stretch of it may end before a lookahead's
    words)."""

    def read() -> tuple[frozenset[str], ...]:
        parsed = _parse(pattern, flags)
        if not lower and parsed.state.flags & (re.IGNORECASE | re.LOCALE):  # "(?i)" included
            return ()
        return tuple(_factors(parsed, lower, assertions))

    return list(_READ.get(("required", pattern, flags, lower, assertions), read))


def required_words(pattern: str) -> frozenset[str] | None:
    """Lower-case words one of which every match of `pattern` contains (the most selective
    set of `required_strings`, lower-cased), or None when no such set is found."""
    return best(required_strings(pattern, lower=True))


def best(sets: list[frozenset[str]], shortest: int = 2) -> frozenset[str] | None:
    """The most selective of `sets`: the one whose shortest word is longest (of two alike,
    the one with fewer words, then the first); None where each holds a word shorter than
    `shortest`."""
    found = [s for s in sets if min(len(w) for w in s) >= shortest]
    return max(found, key=lambda s: (min(len(w) for w in s), -len(s))) if found else None


def _factors(items: Any, lower: bool, assertions: bool = False) -> list[frozenset[str]]:
    """`required_strings` of the sequence `items`."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            text = "".join(run)
            out.append(frozenset({text.lower() if lower else text}))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN and (lower or not (av[1] or av[2])):
            out += _factors(av[3], lower, assertions)
        elif op is c.BRANCH:
            sets = [best(_factors(branch, lower, assertions)) for branch in av[1]]
            if all(x is not None for x in sets):
                out.append(frozenset().union(*(x for x in sets if x is not None)))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _factors(av[2], lower, assertions)
        elif op is c.ASSERT and assertions:
            out += _factors(av[1], lower, assertions)
    flush()
    return out


def lowers_in_place(word: str) -> bool:
    """Whether each letter of `word` lower-cases to one letter, so that a lower-cased text
    (`casefold_same_length`, offsets unchanged) holds the word's lower case where the text
    holds the word. Not so for "İ", whose lower case adds a combining dot above (while `re`
    ignoring letter case and the lower-cased text take it as a plain "i"). Told by that dot
    in the lower case, so that a word already lower-cased is told alike (a word written
    with the dot itself is refused too)."""
    return "\N{COMBINING DOT ABOVE}" not in word.lower()


class _Unreadable(Exception):
    """The pattern's start cannot be read as strings."""


def leading_strings(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings, none empty, one of which every match of `pattern` (parsed with `flags`)
    begins with, written as the pattern writes them (letter case kept), or None where they
    cannot be read: a match may begin with a class or a repeat of something else, in too
    many ways (more than MAX_PREFIXES, counted before the shorter are kept: an optional or
    repeated part read into may pass it), or inside a group with flags of its own. What
    takes no text ("^", `\\b`, lookaround) is read past. Of two strings where one begins
    with the other only the shorter is given: a text holds the longer only where it holds
    the shorter, so the places where one begins are the same."""

    def read() -> tuple[str, ...] | None:
        try:
            prefixes, _ = _lead(_parse(pattern, flags), {("", False)})
        except _Unreadable:
            return None
        strings = {p for p, _ in prefixes}
        if not strings or "" in strings:
            return None
        return tuple(
            sorted(s for s in strings if not any(s != t and s.startswith(t) for t in strings))
        )

    return _READ.get(("leading", pattern, flags), read)


def leading_stems(pattern: str) -> tuple[str, ...]:
    """The lower-case letters every match of `pattern` starts with, as a few stems (every
    match begins a word with one of them), or () when they cannot be read: the match may
    start inside a word (no `\\b` first), with a non-letter, or in too many ways."""
    return _READ.get(("stems", pattern), lambda: stems_of(_parse(pattern, 0)))


def _parse(pattern: str, flags: int) -> Any:
    """`re`'s parse tree of `pattern` (read, never changed, by the walks here). A pack's
    trigger is read for its stems when the pack is built and for its words when the trigger
    scan is first set up: the last few hundred trees are kept, so that each is parsed once
    (parsing is most of what either reading costs)."""
    # `re` reads a str pattern as Unicode unless told ASCII: 0 and re.UNICODE parse alike.
    return _parse_normal(pattern, flags if flags & re.ASCII else flags | re.UNICODE)


@lru_cache(maxsize=256)
def _parse_normal(pattern: str, flags: int) -> Any:
    return regexcache.parsed(pattern, flags)  # kept between runs


def stems_of(items: Any) -> tuple[str, ...]:
    """`leading_stems` of a parsed pattern, or of a part of one (a branch's alternative)."""
    try:
        prefixes, _ = _lead(items, {("", False)}, stems=True)
    except _Unreadable:
        return ()
    stems = set()
    for prefix, bounded in prefixes:
        letters = prefix.lower()
        end = next((i for i, ch in enumerate(letters) if not ch.isalpha()), len(letters))
        if not bounded or end == 0:
            return ()
        stems.add(letters[:end])
    # a word beginning "fines" begins "fine" too: the shorter stem is enough
    return tuple(sorted(s for s in stems if not any(s != t and s.startswith(t) for t in stems)))


def _lead(
    items: Any, prefixes: set[tuple[str, bool]], *, stems: bool = False
) -> tuple[set[tuple[str, bool]], bool]:
    """The prefixes (text so far, as written; whether a word boundary came first) after the
    sequence `items`, and whether the literal start ended inside it for all of them.
    `stems`: only the stems are wanted (`stems_of`), so a prefix is cut at its first
    character that lower-cases to no letter and ends there (what follows it never changes
    its stem), which keeps a list of words with optional endings under MAX_PREFIXES."""
    going, ended = _lead_apart(items, prefixes, stems)
    return going | ended, not going


def _stem_cut(
    going: set[tuple[str, bool]], ended: set[tuple[str, bool]]
) -> tuple[set[tuple[str, bool]], set[tuple[str, bool]]]:
    """`going` less the prefixes holding a character that lower-cases to no letter, which
    join `ended` cut before it, lower-cased (`stems_of` reads each prefix lower-cased up to
    that character)."""
    cut = set()
    for p, b in going:
        low = p.lower()
        end = next((i for i, ch in enumerate(low) if not ch.isalpha()), None)
        if end is not None:
            cut.add((p, b, low[:end]))
    if not cut:
        return going, ended
    return going - {(p, b) for p, b, _ in cut}, ended | {(s, b) for _, b, s in cut}


def _lead_apart(
    items: Any, prefixes: set[tuple[str, bool]], stems: bool = False
) -> tuple[set[tuple[str, bool]], set[tuple[str, bool]]]:
    """The prefixes after the sequence `items` (text so far, as written; whether a word
    boundary came first), apart: those whose literal start goes on after it, and those
    whose literal start ended inside it: at anything but a literal, a class of literals, a
    group, a choice or a repeat, and at a group with flags of its own. An optional part
    that ends a start ends it only where it is taken: "(?:idari\\s+)?ceza" begins with
    "idari" or "ceza". Raises `_Unreadable` past MAX_PREFIXES prefixes. `stems`: as `_lead`."""
    going, ended = set(prefixes), set[tuple[str, bool]]()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            if op is c.AT and av is c.AT_BOUNDARY:
                going = {(p, b or not p) for p, b in going}
            continue  # takes no text
        if op is c.LITERAL:
            going = {(p + chr(av), b) for p, b in going}
        elif op is c.IN and all(kind is c.LITERAL for kind, _ in av):  # "[Tt]", "(?:a|b)"
            going = {(p + chr(ch), b) for p, b in going for _, ch in av}
        elif op is c.SUBPATTERN and not (av[1] or av[2]):
            going, inside = _lead_apart(av[3], going, stems)
            ended = ended | inside
        elif op is c.BRANCH:
            apart = [_lead_apart(alt, going, stems) for alt in av[1]]
            going = set().union(*(g for g, _ in apart))
            ended = ended.union(*(e for _, e in apart))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[:2] == (0, 1):
            once, inside = _lead_apart(av[2], going, stems)  # "(?:о)?штраф": with and without it
            going, ended = going | once, ended | inside
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            once, inside = _lead_apart(av[2], going, stems)
            going, ended = set(), ended | inside | once  # further repetitions may follow
        else:  # a group with flags of its own ("(?i:...)"): letter case may be read otherwise
            going, ended = set(), ended | going
        if stems:
            going, ended = _stem_cut(going, ended)
        if (len(going | ended) if stems else len(going) + len(ended)) > MAX_PREFIXES:
            raise _Unreadable  # (a stem both going on and ended is one stem)
        if not going:
            break
    return going, ended


_FOLDS: list[dict[int, tuple[int, ...]] | None] = []


def extra_folds(letters: Iterable[str]) -> frozenset[str] | None:
    """The letters `re` matches with one of `letters`, ignoring letter case, besides those
    that lower-case to the same letter ("ſ" with "s", "ı" with "i", "ς" with "σ"): a search
    of the lower-cased text would miss them. Read off `re`'s own table; None where it
    cannot be read (a caller then skips no search)."""
    if not _FOLDS:
        try:
            table = importlib.import_module("re._casefix")._EXTRA_CASES
            _FOLDS.append({int(k): tuple(int(x) for x in v) for k, v in table.items()})
        except (ImportError, AttributeError, TypeError, ValueError):
            _FOLDS.append(None)
    folds = _FOLDS[0]
    if folds is None:
        return None
    return frozenset(chr(x) for ch in letters for x in folds.get(ord(ch.lower()), ()))
