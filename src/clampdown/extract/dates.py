"""Find date expressions in text and resolve them to ISO values.

Events are dated from the words near them, so every date expression is found with its
offsets. All language knowledge (month and weekday names, cue words, relative phrases)
lives in `lexicons/dates.yaml`; this module only knows the shapes of dates, compiles one
scanner from the data and does the calendar arithmetic by hand (fast, and exact for the
forms news uses). Relative forms are resolved against the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from clampdown.model import DateMention

FLAGS = re.IGNORECASE | re.UNICODE
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")
_LOOKBEHIND = re.compile(r"\(\?<[!=][^)]*\)")
MAX_LEAD = 6  # cue words a date may be preceded by ("by the end of", "в ночь на")
_DIGITS = re.compile(r"[0-9]+")
_CURRENCY = "$€£₽¥₹"


@dataclass(frozen=True, slots=True)
class _Name:
    """A month or weekday word and what the data says about it."""

    kind: str  # "month" | "weekday"
    value: int  # month 1..12, weekday 0 (Monday)..6
    capitalized: bool  # must be written with a capital letter
    abbr: bool  # a month abbreviation: only valid next to a day or a year
    bare: bool  # a weekday that is a date even without a cue word


@dataclass(frozen=True, slots=True)
class _Prefix:
    """A cue word before a date."""

    year: str  # strong | weak | none
    window: int | None
    mode: str | None  # last | recent | this | next
    glue: bool  # a connector ("and") left out of the mention when it leads it


@dataclass(frozen=True, slots=True)
class _Relative:
    """A relative phrase: an offset times the number it states, at a precision."""

    days: int
    months: int
    years: int
    precision: str
    anchor: str | None
    counted: bool  # the pattern holds {num}


@dataclass(frozen=True, slots=True)
class _Lexicon:
    scanner: re.Pattern[str]
    name_rx: re.Pattern[str]
    prefix_rx: re.Pattern[str]
    num_rx: re.Pattern[str]
    names: dict[str, _Name]
    anchors: frozenset[str]  # words one of which every date expression contains
    lead: frozenset[str]  # words that may come before the anchor inside an expression
    prefixes: dict[str, _Prefix]
    numbers: dict[str, int]
    relatives: tuple[_Relative, ...]
    slash_order: dict[str, str]
    weak_years: tuple[int, int]
    window: int


def _norm(word: str) -> str:
    return _WS.sub(" ", word.strip()).casefold()


def _alt(words: Any, escape: bool = True) -> str:
    """Alternation of words, longest first, spaces matching any whitespace."""
    items = {str(w).strip() for w in words if str(w).strip()}
    parts = []
    for w in sorted(items, key=lambda x: (-len(x), x)):
        pieces = w.split()
        parts.append(r"\s+".join(re.escape(p) if escape else p for p in pieces))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


def _words(value: Any) -> list[str]:
    """Data words as strings; YAML may turn a bare word into a bool, which is a data bug."""
    out = []
    for w in value or ():
        if not isinstance(w, str):
            raise ValueError(f"dates.yaml: quote the word {w!r}")
        out.append(w)
    return out


def _build(data: dict[str, Any]) -> _Lexicon:
    settings = data.get("settings") or {}
    names: dict[str, _Name] = {}
    prefixes: dict[str, _Prefix] = {}
    numbers: dict[str, int] = {}
    relatives: list[_Relative] = []
    rel_patterns: list[str] = []
    slash_order: dict[str, str] = {}
    month_full: list[str] = []
    month_abbr: list[str] = []
    weekdays: list[str] = []
    not_after: list[str] = []
    not_before: list[str] = []
    day_parts: list[str] = []
    ordinals: list[str] = []
    joiners: list[str] = []
    list_words: list[str] = []
    year_suffixes: list[str] = []
    units: list[str] = []
    for code, lang in (data.get("languages") or {}).items():
        cap = bool(lang.get("capitalized"))
        bare = bool(lang.get("bare_weekdays"))
        slash_order[str(code)] = str(lang.get("slash_order") or "dmy")
        for month, forms in (lang.get("months") or {}).items():
            for w in _words(forms.get("names")):
                names[_norm(w)] = _Name("month", int(month), cap, False, False)
                month_full.append(w)
            for w in _words(forms.get("abbr")):
                names.setdefault(_norm(w), _Name("month", int(month), cap, True, False))
                month_abbr.append(w)
        for day, forms in (lang.get("weekdays") or {}).items():
            for w in _words(forms):
                names[_norm(w)] = _Name("weekday", int(day), cap, False, bare)
                weekdays.append(w)
        not_after += _words(lang.get("weekday_not_after"))
        not_before += _words(lang.get("weekday_not_before"))
        day_parts += _words(lang.get("day_parts"))
        ordinals += _words(lang.get("ordinal_suffixes"))
        joiners += _words(lang.get("day_month_joiners"))
        list_words += _words(lang.get("list_words"))
        year_suffixes += _words(lang.get("year_suffixes"))
        units += _words(lang.get("count_units"))
        for w, n in (lang.get("numbers") or {}).items():
            numbers[_norm(str(w))] = int(n)
        for p in lang.get("prefixes") or ():
            attrs = _Prefix(
                str(p.get("year") or "none"), p.get("window"), p.get("mode"), bool(p.get("glue"))
            )
            for w in _words(p.get("words")):
                prefixes[_norm(w)] = attrs
        for r in lang.get("relative") or ():
            pattern = str(r["pattern"])
            rel_patterns.append(pattern)
            relatives.append(
                _Relative(
                    days=int(r.get("days") or 0),
                    months=int(r.get("months") or 0),
                    years=int(r.get("years") or 0),
                    precision=str(r.get("precision") or "day"),
                    anchor=r.get("anchor"),
                    counted="{num}" in pattern,
                )
            )

    num = r"(?:[0-9]{1,3}|" + _alt(numbers) + ")"
    month = (
        r"(?:" + _alt(month_full) + r"(?!\w)|" + _alt(month_abbr) + r"(?:\.|(?!\w)))"
    )
    wd = _alt(weekdays) + r"(?!\w)"
    ordinal = r"(?:" + _alt(ordinals) + r")?" if ordinals else ""
    day = r"(?:3[01]|[12][0-9]|0?[1-9])" + ordinal + r"(?!\w|[.,:/][0-9])"
    joiner = r"(?:" + _alt(joiners) + r"\s+)?" if joiners else ""
    list_sep_nc = r"(?:\s*[&–—-]\s*|\s+" + _alt(list_words) + r"\s+)"
    list_sep = r"(?:\s*,\s*|" + list_sep_nc + ")"
    year = (
        r"(?:19|20)[0-9]{2}(?!\w|[.,][0-9]|\s*%|\s*" + _alt(units) + r"(?!\w))"
    )
    ysuf = (
        r"(?:\s*" + _alt(year_suffixes) + r"(?:(?<=\.)|(?!\w)))?" if year_suffixes else ""
    )
    tail_year = r"(?:,?\s+" + year + ysuf + r")?"
    not_after_lb = "".join(f"(?<!{re.escape(w)}\\s)" for w in sorted(set(not_after)))
    not_before_la = (
        r"(?!\s+" + _alt(not_before) + r"(?!\w))" if not_before else ""
    )
    prefix = _alt(prefixes)
    rels = "|".join(
        f"(?P<r{i}>" + _WS.sub(lambda _: r"\s+", p.replace("{num}", num)) + ")"
        for i, p in enumerate(rel_patterns)
    )
    alternatives = [
        r"(?P<iso>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9-]))",
        r"(?P<num>(?:[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})"
        r"(?![0-9]|[./][0-9])" + ysuf + ")",
        r"(?P<wdd>" + wd + r",?\s+(?:" + day + r"\s+" + joiner + month + "|" + month
        + r"\s+" + day + ")" + tail_year + ")",
        r"(?P<dmy>" + day + r"(?:" + list_sep + day + r")*\s+" + joiner + month + tail_year
        + ")",
        r"(?P<mdy>" + month + r"\s+" + day + r"(?:" + list_sep_nc + day + r")*"
        + tail_year.replace(r",?\s+", r"(?:,\s*|\s+)", 1) + ")",
        r"(?P<my>" + month + r",?\s+" + year + ysuf + ")",
        r"(?P<yrange>" + year + r"\s*[–—-]\s*(?:" + year + r"|[0-9]{2}(?!\w))" + ysuf + ")",
        r"(?P<year>" + year + ysuf + ")",
    ]
    if rels:
        alternatives.append(rels)
    alternatives += [
        r"(?P<wd>" + not_after_lb + wd + r"(?:\s+" + _alt(day_parts) + r"(?!\w))?"
        + not_before_la + ")",
        r"(?P<mon>" + month + ")",
    ]
    scanner = (
        r"(?<![\w" + _CURRENCY + r"])(?<![0-9][.,:/])"
        r"(?P<pre>(?:" + prefix + r"(?:\s+|-))*)"
        r"(?:" + "|".join(alternatives) + ")"
    )
    name_rx = r"(?<!\w)" + _alt(list(names)) + r"(?!\w)"
    cue_words = {_norm(x) for w in list(prefixes) + list(numbers) for x in w.split()}
    anchors = set(names)
    lead = set(cue_words)
    for p in rel_patterns:
        words = {w.casefold() for w in _LETTERS.findall(_LOOKBEHIND.sub("", p))} - {"num"}
        lead |= words
        anchors |= (words - cue_words) or words
    return _Lexicon(
        scanner=re.compile(scanner, FLAGS),
        name_rx=re.compile(name_rx, FLAGS),
        prefix_rx=re.compile(r"(?<!\w)" + prefix + r"(?!\w)", FLAGS),
        num_rx=re.compile(r"(?<!\w)" + num + r"(?!\w)", FLAGS),
        names=names,
        anchors=frozenset(anchors),
        lead=frozenset(lead),
        prefixes=prefixes,
        numbers=numbers,
        relatives=tuple(relatives),
        slash_order=slash_order,
        weak_years=(
            int(settings.get("weak_year_min", 1990)),
            int(settings.get("weak_year_max", 2039)),
        ),
        window=int(settings.get("future_window_months", 2)),
    )


@cache
def _lexicon() -> _Lexicon:
    path = files("clampdown") / "lexicons" / "dates.yaml"
    return _build(yaml.safe_load(path.read_text(encoding="utf-8")))


# --- calendar arithmetic ---------------------------------------------------------------


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _fit_year(month: int, day: int | None, pub: dt.date, window: int, mode: str | None) -> int:
    """The year of a month (and day) given without one, as a news report means it."""
    if mode in ("last", "recent"):
        return pub.year if month < pub.month else pub.year - 1
    if mode == "next":
        return pub.year if month > pub.month else pub.year + 1
    if mode == "this":
        return pub.year
    limit = _add_months(pub, window)
    y = pub.year
    if day is None:
        if (y, month) > (limit.year, limit.month):
            y -= 1
    elif (y, month, day) > (limit.year, limit.month, limit.day):
        y -= 1
    return y


def _weekday(wd: int, pub: dt.date, mode: str | None) -> dt.date:
    """The weekday meant: by default the latest one on or before publication."""
    back = (pub.weekday() - wd) % 7
    if mode == "next":
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    if mode in ("last", "recent"):
        d = pub - dt.timedelta(days=back or 7)
        # English "last Friday" read on Saturday is the Friday of the week before.
        monday = pub - dt.timedelta(days=pub.weekday())
        if mode == "last" and d >= monday:
            d -= dt.timedelta(days=7)
        return d
    return pub - dt.timedelta(days=back)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


# --- resolution of one scanner match ----------------------------------------------------


@dataclass(slots=True)
class _Cues:
    year: str  # strongest year cue: strong | weak | none
    window: int | None
    mode: str | None
    any: bool  # at least one word that marks a date
    lead: int  # offset in the prefix text where the mention starts (after leading glue)


def _cues(lex: _Lexicon, pre: str) -> _Cues:
    rank = {"none": 0, "weak": 1, "strong": 2}
    best, window, mode, seen, lead = "none", None, None, False, len(pre)
    for m in lex.prefix_rx.finditer(pre):
        p = lex.prefixes.get(_norm(m.group()))
        if p is None:
            continue
        if not p.glue and lead == len(pre):
            lead = m.start()
        if rank.get(p.year, 0) > rank[best]:
            best = p.year
        if window is None and p.window is not None:
            window = int(p.window)
        if mode is None and p.mode:
            mode = p.mode
        seen = seen or p.year != "none" or bool(p.mode)
    return _Cues(best, window, mode, seen, lead)


class _Reject(Exception):
    """The candidate is not a date after all."""


def _names(lex: _Lexicon, text: str, start: int, end: int) -> list[tuple[int, int, _Name]]:
    out = []
    for m in lex.name_rx.finditer(text, start, end):
        name = lex.names.get(_norm(m.group()))
        if name is None:
            raise _Reject
        if name.capitalized and not m.group()[0].isupper():
            raise _Reject
        out.append((m.start(), m.end(), name))
    return out


def _resolve(
    lex: _Lexicon, text: str, m: re.Match[str], pub: dt.date | None, lang: str | None
) -> list[DateMention]:
    kind = m.lastgroup or ""
    cues = _cues(lex, m.group("pre"))
    start, end = m.start() + cues.lead, m.end()
    core = m.end("pre")
    window = lex.window if cues.window is None else cues.window

    def one(value: str | None, s: int = start, e: int = end) -> list[DateMention]:
        return [DateMention(s, e, text[s:e], value)]

    if kind.startswith("r") and kind[1:].isdigit():
        return one(_relative(lex, lex.relatives[int(kind[1:])], m.group(kind), pub))
    if kind in ("year", "yrange"):
        return _years(lex, text, m, kind, cues, start)
    if kind == "iso":
        y, mo, d = (int(x) for x in _DIGITS.findall(m.group(kind))[:3])
        if not _valid(y, mo, d):
            raise _Reject
        return one(_iso(y, mo, d))
    if kind == "num":
        return one(_numeric(lex, m.group(kind), pub, lang))

    names = _names(lex, text, core, end)
    months = [n for n in names if n[2].kind == "month"]
    wds = [n for n in names if n[2].kind == "weekday"]
    if kind == "wd":
        if not wds or (not wds[0][2].bare and not cues.any):
            raise _Reject
        if pub is None:
            return one(None)
        return one(_weekday(wds[0][2].value, pub, cues.mode).isoformat())
    if not months:
        raise _Reject
    month = months[0][2]
    numbers = [(x.start(), x.end(), x.group()) for x in _DIGITS.finditer(text, core, end)]
    year = next((int(g) for _, _, g in numbers if len(g) == 4), None)
    if kind == "mon" and (month.abbr or not cues.any):
        raise _Reject
    if kind in ("mon", "my"):
        if year is None and pub is not None:
            year = _fit_year(month.value, None, pub, window, cues.mode)
        return one(None if year is None else _iso(year, month.value))
    days = [(s, e, int(g)) for s, e, g in numbers if len(g) <= 2]
    if not days:
        raise _Reject
    out = []
    for i, (s, e, d) in enumerate(days):
        y = year
        if y is None and pub is not None:
            y = _fit_year(month.value, d, pub, window, cues.mode)
        if y is not None and not _valid(y, month.value, d):
            continue
        if y is None and not _valid(2000, month.value, d):
            continue
        # Items of a list ("26 and 27 April") get spans of their own.
        s2 = start if i == 0 else s
        e2 = end if i == len(days) - 1 else e
        out.extend(one(None if y is None else _iso(y, month.value, d), s2, e2))
    if not out:
        raise _Reject
    return out


def _numeric(lex: _Lexicon, group: str, pub: dt.date | None, lang: str | None) -> str:
    """A dd.mm.yyyy or slash date; a slash date both ways valid takes the reading nearer
    to publication (an English text may well write 02/08/2024 for 2 August), then the
    language's order."""
    a, b, y = (int(x) for x in _DIGITS.findall(group)[:3])
    if "." in group:
        readings = [(a, b)]
    else:
        dmy = lex.slash_order.get(lang or "", "dmy") == "dmy"
        readings = [(a, b), (b, a)] if dmy else [(b, a), (a, b)]
    valid = [dt.date(y, mo, d) for d, mo in readings if _valid(y, mo, d)]
    if not valid:
        raise _Reject
    if pub is not None and len(valid) > 1:
        valid.sort(key=lambda x: abs((x - pub).days))
    return valid[0].isoformat()


def _years(
    lex: _Lexicon, text: str, m: re.Match[str], kind: str, cues: _Cues, start: int
) -> list[DateMention]:
    """Four-digit numbers that are years: after a cue, with a suffix, or in a range."""
    group = m.group(kind)
    core = m.start(kind)
    numbers = list(_DIGITS.finditer(group))
    suffixed = not group[numbers[-1].end() :].strip() == ""
    if kind == "year":
        y = int(numbers[0].group())
        lo, hi = lex.weak_years
        if not (suffixed or cues.year == "strong" or (cues.year == "weak" and lo <= y <= hi)):
            raise _Reject
        return [DateMention(start, m.end(), text[start : m.end()], _iso(y))]
    first = int(numbers[0].group())
    last_text = numbers[1].group()
    second = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if not first < second <= first + 50:
        raise _Reject
    split = core + numbers[0].end()
    s2 = core + numbers[1].start()
    return [
        DateMention(start, split, text[start:split], _iso(first)),
        DateMention(s2, m.end(), text[s2 : m.end()], _iso(second)),
    ]


def _relative(lex: _Lexicon, rel: _Relative, phrase: str, pub: dt.date | None) -> str | None:
    if pub is None:
        return None
    n = 1
    if rel.counted:
        found = lex.num_rx.search(phrase)
        if found:
            word = found.group()
            n = int(word) if word.isdigit() else lex.numbers.get(_norm(word), 1)
    if rel.anchor == "weekend":
        return (pub - dt.timedelta(days=(pub.weekday() - 5) % 7 or 7)).isoformat()
    d = pub + dt.timedelta(days=rel.days * n)
    d = _add_months(d, rel.months * n + rel.years * n * 12)
    if rel.precision == "year":
        return _iso(d.year)
    if rel.precision == "month":
        return _iso(d.year, d.month)
    return d.isoformat()


def _as_date(published: Any) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def find_dates(
    text: str, published: dt.date | None, lang: str | None = None
) -> list[DateMention]:
    """Every date expression in `text`, in order, with its ISO value.

    Values carry the precision the text states (YYYY-MM-DD, YYYY-MM or YYYY). Relative
    forms and dates without a year are resolved against `published`; without it their
    value is None. `lang` only settles the order of slash dates (09/10/2021).
    """
    lex = _lexicon()
    pub = _as_date(published)
    out: list[DateMention] = []
    # Running the scanner at every position is slow in Python's regex engine, so it runs
    # only where a word every date contains (a digit, a month, "week"...) occurs, starting
    # from the earliest cue word before it.
    tokens = [(t.start(), t.group().casefold()) for t in _TOKEN.finditer(text)]
    anchors, lead = lex.anchors, lex.lead
    cursor = 0
    for i, (s, w) in enumerate(tokens):
        if s < cursor or not ("0" <= w[0] <= "9" or w in anchors):
            continue
        j = i
        while j > 0 and i - j < MAX_LEAD and tokens[j - 1][1] in lead and tokens[j - 1][0] >= cursor:
            j -= 1
        for k in range(j, i + 1):
            m = lex.scanner.match(text, tokens[k][0])
            if m is None or m.end() <= s:
                continue
            try:
                found = _resolve(lex, text, m, pub, lang)
            except (_Reject, ValueError, OverflowError, IndexError):
                continue
            out.extend(found)
            cursor = m.end()
            break
    return out
