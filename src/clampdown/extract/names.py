"""Names that the knowledge base does not know, found from how news introduces them.

"the file-sharing app SHAREit", "the dating apps Tinder, Grindr and Skout": a service
noun followed by capitalised names introduces platforms; "the Leninsky District Court"
introduces a court (`court_name` in the language's `language.yaml`, which also gives the
conjunctions of a list). Such names become entities with `known=False` rather than being
dropped, so a new app or court still yields events.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from clampdown.extract.language import NEVER, LanguagePack, casefold_same_length
from clampdown.extract.quick import finditer_at_stems, finditer_in_runs, matches_at
from clampdown.extract.sentences import UPPER
from clampdown.languages import language
from clampdown.model import Entity, Mention

# Names and lists never run across a line break: the next line is another paragraph. A
# name in quotes may be any words ("платформы «Голос» и «Зубр»").
_QUOTED = r"[«\"“„][^«»\"“”„\n]{1,40}[»\"”“]"
# A dot is part of a name only inside it ("Mail.Ru"): one before a space ends the sentence.
_WORD = r"(?:[\w\-]|\.(?=\w))*"
_NAME = rf"(?:{_QUOTED}|[{UPPER}]{_WORD}(?:[^\S\n]+[{UPPER}]{_WORD}){{0,3}})"
# A web address opening a line on its own or before a dash credits the source ("dela.ru",
# "Tengrinews.kz – ..."); it is no party.
_LINE_START = re.compile(r"(?:^|\n)[^\S\n]*\Z")
_CREDIT = re.compile(r"[^\S\n]*(?:$|\n|[–—-])")
_QUOTES = '«»"“”„'
_QUOTED_RX = re.compile(_QUOTED)
# A web address names a site ("access to pravda-sotrudnikov.com"), whatever it says.
_DOMAIN = re.compile(
    r"(?<![\w@/.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|biz|io|me|tv|co|"
    r"ru|su|kz|by|ua|uz|kg|tj|az|am|ge|md|uk|de|fr|tr|br|in|ir|cn|pk|ng|eg)(?![\w.-]*\w)",
    re.IGNORECASE,
)
# Every web address holds a dot and its top-level domain, and starts a run of the letters,
# digits, dots and hyphens it is made of (nothing of them, a word character, "@" or "/"
# may come before it): it is looked for only at such runs around such a dot.
_TLD_DOT = re.compile(_DOMAIN.pattern[_DOMAIN.pattern.index(r"\.(?:com") :], re.IGNORECASE)
_RUN_CHAR = re.compile(r"[a-z0-9.-]", re.IGNORECASE)
_GAP = r"[^\S\n]"
# A bare capitalised word, then a lower-case word, then a quoted name: the word describes
# what the quoted name names ("сайт Азербайджанской службы «Радио Свобода»"), it is none.
_DESCRIBES_QUOTED = re.compile(rf"{_GAP}+([^\W\d_{UPPER}][\w-]*){_GAP}+{_QUOTED}")
# A remark in brackets after a listed name (its translation, what it stands for): the list
# goes on after it ("„Otkrytye media“ („Open Media“) und „Grani.ru“").
_ASIDE = r"\([^()\n]{1,120}\)"
_ASIDE_RX = re.compile(_ASIDE)
# One item of a list set out line by line after a cue ("four Telegram channels:\n- «X»,").
# On a line of its own a quoted name may be long: nothing else is on the line.
_ITEM = re.compile(
    rf":?{_GAP}*\n{_GAP}*[-•*–—·]{_GAP}+({_QUOTED.replace('40', '80')}|{_NAME}){_GAP}*[,;.]?"
    rf"(?={_GAP}*(?:\n|$))"
)


def _conjunctions(code: str) -> str:
    """The language's conjunctions as one alternation, longest first."""
    lang = language(code)
    words = lang.conjunctions if lang is not None else ()
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or NEVER


@cache
def _last_item(code: str) -> re.Pattern[str]:
    """The unknown name that closes a list of known ones ("Deutsche Welle, Nastoyaschie
    Vremya and Novyi Chas."): after a conjunction, and followed by the end of the clause."""
    conj = _conjunctions(code)
    return re.compile(
        rf"(?:{_GAP}*\*)?,?{_GAP}+(?:{conj}){_GAP}+(?P<name>{_NAME})\*?(?={_GAP}*(?:[.;:!?)]|,|\n|$))"
    )


@cache
def _lists(code: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A list of names after a cue, and the separators between them, in one language."""
    conj = _conjunctions(code)
    joined = rf"(?:,|,?{_GAP}+(?:{conj}))"
    item = rf"{_NAME}\*{{0,3}}(?:{_GAP}*{_ASIDE})?"  # "*": a footnote mark after a name
    return (
        re.compile(rf"{_GAP}+({item}(?:{_GAP}*{joined}{_GAP}+{item})*)"),
        re.compile(rf"\s*(?:,\s*(?:{conj})|,|\s+(?:{conj}))\s+"),
    )


_WORD_CHARS = re.compile(r"\w")


def _slug(name: str) -> str:
    return re.sub(r"\W+", "-", name.lower()).strip("-")


def _domains(text: str) -> Iterator[re.Match[str]]:
    """What `_DOMAIN.finditer(text)` gives, tried only where a web address may start."""
    starts: list[int] = []
    for dot in _TLD_DOT.finditer(text):
        start = dot.start()
        while start > 0 and _RUN_CHAR.match(text, start - 1):
            start -= 1
        if not starts or starts[-1] != start:
            starts.append(start)
    yield from matches_at(_DOMAIN, text, starts)


def _split(split_rx: re.Pattern[str], listed: str) -> list[str]:
    """The items of a list, split at its separators outside quotes: a conjunction inside a
    quoted name is part of it ("«Аргументы и факты»")."""
    masked = _QUOTED_RX.sub(lambda q: "x" * len(q.group()), listed)
    parts, last = [], 0
    for sep in split_rx.finditer(masked):
        parts.append(listed[last : sep.start()])
        last = sep.end()
    parts.append(listed[last:])
    return parts


@dataclass(frozen=True, slots=True)
class Introduced:
    """A name the text introduces at a place, as a platform or a court."""

    start: int
    end: int
    role: str
    kind: str


def introduced(
    text: str, pack: LanguagePack, low: str | None = None, cue_starts: list[int] | None = None
) -> list[Introduced]:
    """Every name the text introduces, in the order `unknown_names` tries them. Some may
    overlap a known name or one another; which are kept depends on the known names, but
    none is ever found elsewhere (what a prefilter asks: where may a platform be named).
    `low` is the lower-cased text where the caller has it already, `cue_starts` where a
    word starts with a stem of the service nouns (`triggers.scan_document` reads them)."""
    found: list[Introduced] = []
    list_rx, split_rx = _lists(pack.code)

    def add_quoted(part: str, start: int) -> None:
        inner = part.strip(_QUOTES)
        if not (inner[:1].isupper() or inner[:1].isdigit()):
            return  # a quoted phrase ("affiliated to", «в ближайшее время»), not a name
        if pack.relative_date_words.fullmatch(inner.lower()):
            return  # "launched a new online newspaper Wednesday": a day, not a name
        start += part.find(inner)
        found.append(Introduced(start, start + len(inner), "platform", "app"))

    cues: Iterable[re.Match[str]] = (
        finditer_at_stems(
            pack.platform_cues, text, casefold_same_length(text) if low is None else low
        )
        if cue_starts is None
        else matches_at(pack.platform_cues, text, cue_starts)
    )
    for cue in cues:
        pos = cue.end()
        while item := _ITEM.match(text, pos):
            add_quoted(item.group(1), item.start(1))
            pos = item.end()
        m = list_rx.match(text, cue.end())
        if not m:
            continue
        pos = m.start(1)
        listed = _ASIDE_RX.sub(lambda a: " " * len(a.group()), m.group(1))
        for part in _split(split_rx, listed.rstrip()):
            part = part.strip()
            part = part.rstrip(".").rstrip("*")  # the sentence's full stop, a footnote mark
            start = text.find(part, pos)
            if start >= 0 and _WORD_CHARS.search(part):
                pos = start + len(part)
                described = _DESCRIBES_QUOTED.match(text, pos)
                if (
                    part[:1] not in _QUOTES
                    and described is not None
                    and not re.fullmatch(_conjunctions(pack.code), described.group(1))
                ):
                    continue  # not where a list goes on ("Colta и «Вестник Севера»")
                add_quoted(part, start)
    for m in _domains(text):
        if not _CREDIT.match(text, m.end()) or not _LINE_START.search(text, 0, m.start()):
            found.append(Introduced(m.start(), m.end(), "platform", "site"))
    lang = language(pack.code)
    if lang is not None and lang.court_name is not None:
        for m in finditer_in_runs(lang.court_name, text):
            words = m.group(1).split()
            if len(words) >= 2 and words[0] not in lang.articles:
                found.append(Introduced(m.start(1), m.end(1), "authority", "court"))
    return found


def unknown_names(
    text: str,
    pack: LanguagePack,
    known: list[Mention],
    names: list[Introduced] | None = None,
) -> list[Mention]:
    """Mentions of platforms and courts introduced in the text but absent from the KB:
    of the names it introduces (`names`, where already read), those clear of the known
    names and of the introduced names kept before them."""
    taken = [(m.start, m.end) for m in known]
    found: list[Mention] = []

    # A country inside an introduced name is part of the name ("the newspaper Ouest France");
    # a court's place names its country ("суд Барановичей").
    # A name that means a body only in general ("a Justiça": the country's courts) gives way
    # to the court whose name opens with it ("a Justiça Federal do Espírito Santo").
    countries = [m for m in known if m.entity.role == "country" or m.entity.generic]

    for name in introduced(text, pack) if names is None else names:
        start, end, role = name.start, name.end, name.role
        inside = [
            m
            for m in countries
            if start <= m.start and m.end <= end and m.end - m.start < end - start
        ]
        spans = {(m.start, m.end) for m in inside}
        if any(s < end and start < e for s, e in taken if (s, e) not in spans):
            continue
        places = [m for m in inside if m.entity.role == "country"]
        country = places[0].entity.country if places and role == "authority" else None
        found.append(_new_mention(text, start, end, role, name.kind, country))
        taken.append((start, end))
    if pack.list_item.pattern == NEVER:
        return found
    platforms = sorted((m for m in known if m.entity.role == "platform"), key=lambda m: m.start)
    pairs = zip(platforms, platforms[1:], strict=False)
    links = [_listed_between(text, pack, a, b) for a, b in pairs]
    for i, items in enumerate(links):
        # a list of three known names or more: two alone may be a company and its products
        if not items or not any(
            0 <= j < len(links) and links[j] is not None for j in (i - 1, i + 1)
        ):
            continue
        for start, end in items:
            _add_item(text, start, end, taken, found)
    for i, items in enumerate(links):
        # the last of a list of known names joined by commas: an unknown name after the
        # conjunction closes it ("X, Y and Z.")
        if items is None or (i + 1 < len(links) and links[i + 1] is not None):
            continue
        if "," not in text[platforms[i].end : platforms[i + 1].start]:
            continue
        m = _last_item(pack.code).match(text, platforms[i + 1].end)
        if m is None or not m.group("name")[:1].isupper() and m.group("name")[:1] not in _QUOTES:
            if i > 0 and links[i - 1] is not None:  # three known names or more before it
                for start, end in _run_before_predicate(text, platforms[i + 1].end):
                    _add_item(text, start, end, taken, found)
            continue
        start, end = m.span("name")
        if text[start] in _QUOTES:
            start, end = start + 1, end - 1
        _add_item(text, start, end, taken, found)
    return found


_COMMA_ITEM = re.compile(rf",{_GAP}*(?P<name>[{UPPER}]{_WORD}(?:{_GAP}+[{UPPER}]{_WORD}){{0,3}})")
_PREDICATE = re.compile(rf"{_GAP}+[^\W\d_{UPPER}]")  # a lower-case word: the list's verb


def _run_before_predicate(text: str, pos: int) -> list[tuple[int, int]]:
    """Unknown names that go on a list of known ones with commas alone, up to the verb
    ("Twitch, Google, Airbnb, Apple, Likeme не выполнили требование"): each is an item
    where the last is followed by a lower-case word, else none is."""
    items: list[tuple[int, int]] = []
    while (m := _COMMA_ITEM.match(text, pos)) is not None and len(items) < 3:
        items.append(m.span("name"))
        pos = m.end()
        if _PREDICATE.match(text, pos):
            return items
    return []


def _add_item(
    text: str, start: int, end: int, taken: list[tuple[int, int]], found: list[Mention]
) -> None:
    """An unknown list item as a platform of its own, unless a name kept already covers it."""
    if not any(s < end and start < e for s, e in taken):
        found.append(_new_mention(text, start, end, "platform", "service"))
        taken.append((start, end))


def _new_mention(
    text: str, start: int, end: int, role: str, kind: str, country: str | None = None
) -> Mention:
    """A mention of a name the knowledge base lacks, as an entity of its own."""
    surface = text[start:end]
    ent = Entity(
        id=f"new.{role}.{_slug(surface)}",
        name=surface,
        kind=kind,
        role=role,
        country=country,
        known=False,
    )
    return Mention(entity=ent, start=start, end=end, surface=surface)


def _listed_between(
    text: str, pack: LanguagePack, a: Mention, b: Mention
) -> list[tuple[int, int]] | None:
    """The unknown items between two platforms the knowledge base knows, where nothing but
    such items and list glue comes between them (the list's members too; none where only
    glue does), or None where the two are not in one list."""
    gap = text[a.end : b.start]
    if len(gap) > 120 or "\n" in gap:
        return None
    items = [
        m
        for m in pack.list_item.finditer(gap)
        if m.group("name").rstrip(".").lower() not in pack.abbreviations  # "Amazon, Inc."
    ]
    if not pack.list_glue.match(pack.list_item.sub("", gap)):
        return None
    return [(a.end + m.start("name"), a.end + m.end("name")) for m in items]


def common_words_named(
    text: str, known: list[Mention], common: frozenset[str], names: list[Introduced], lang: str
) -> list[Mention]:
    """The known names less the language's common words ("das Signal"), save where the
    text shows such a word naming the service: right after a service noun ("der
    Messengerdienst Signal"), or in a list beside another known name ("WhatsApp, Signal und
    Telegram", "Signal oder WhatsApp"); once shown so, it names the service wherever the
    text writes it."""
    if not common or not any(m.surface in common for m in known):
        return known
    found = language(lang)
    words = (*found.conjunctions, *found.articles) if found is not None else ()
    joins = {w.lower() for w in found.conjunctions} if found is not None else set()
    determiners = {w.lower() for w in words} - joins
    starts = {n.start: n.end for n in names}

    def glue(between: str) -> bool:
        parts = between.replace(",", " , ").split()
        return 0 < len(parts) <= 2 and all(p == "," or p.lower() in joins for p in parts)

    def shown(i: int, m: Mention) -> bool:
        before = text[max(0, m.start - 12) : m.start].split()
        if before and before[-1].lower() in determiners:
            return False  # "das Signal", "ein Signal": the word itself
        if starts.get(m.start) == m.end:
            return True
        beside = [known[j] for j in (i - 1, i + 1) if 0 <= j < len(known)]
        return any(
            n.surface not in common
            and glue(text[n.end : m.start] if n.end <= m.start else text[m.end : n.start])
            for n in beside
        )

    named = {m.surface for i, m in enumerate(known) if m.surface in common and shown(i, m)}
    return [m for m in known if m.surface not in common or m.surface in named]
