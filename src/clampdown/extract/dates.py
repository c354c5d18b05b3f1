"""Find date expressions in text and resolve them to ISO values.

Events are dated from the words near them, so every date expression is found with its
offsets. All language knowledge (month and weekday names, cue words, relative phrases)
lives in `lexicons/<code>/dates.yaml`, and a text is read with its own language's words;
this module only knows the shapes of dates, compiles them from the data once per
language and does the calendar arithmetic by hand (fast, and exact for the forms news
uses). Relative forms are resolved against the publication date.

Speed: Python's regex engine is slow when a large alternation is tried at every
position, so the text is split into words once, and the date patterns are matched only
at words that every date expression contains (a digit, a month or weekday name, a word
of a relative phrase). Cue words before them ("late on", "в начале") are collected by
walking back over the words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from clampdown import regexcache
from clampdown.languages import LEXICONS, LanguageError, languages, read_yaml, registry
from clampdown.model import DateMention
from clampdown.regexwords import NEVER

FLAGS = re.IGNORECASE | re.UNICODE
MAX_LEAD = 6  # words a date may be preceded by inside its expression ("by the end of")
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
_DIGITS = re.compile(r"[0-9]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_LOOKBEHIND = re.compile(r"\(\?<[!=][^)]*\)")
_PREFIX_SEP = re.compile(r"\s+|-")
_CURRENCY = "$€£₽¥₹"


@dataclass(frozen=True, slots=True)
class _Name:
    """A month or weekday word and what the data says about it."""

    kind: str  # "month" | "weekday"
    value: int  # month 1..12, weekday 0 (Monday)..6
    capitalized: bool  # must be written with a capital letter
    marked: bool  # written in lower case, still a date in a form that marks it as one
    abbr: bool  # a month abbreviation: a date only next to a day or a year
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
    cores: dict[str, re.Pattern[str]]  # anchor class -> patterns starting at such a word
    classes: dict[str, tuple[str, ...]]  # casefolded word -> anchor classes
    digit_classes: tuple[str, ...]
    rel_lead: frozenset[str]  # words a relative phrase may start with before its anchor
    prefix_words: frozenset[str]  # words of cue phrases
    name_rx: re.Pattern[str]
    prefix_rx: re.Pattern[str]
    num_rx: re.Pattern[str]
    names: dict[str, _Name]
    prefixes: dict[str, _Prefix]
    numbers: dict[str, int]
    relatives: tuple[_Relative, ...]
    slash_order: dict[str, str]
    weak_years: tuple[int, int]
    window: int
    list_sep: re.Pattern[str]  # the whole gap between two listed dates: "March and November"


# --- building the patterns from the data ------------------------------------------------


def _norm(word: str) -> str:
    return " ".join(word.split()).casefold()


def _alt(words: Any) -> str:
    """Alternation of literal words, longest first, spaces matching any whitespace."""
    items = {str(w).strip() for w in words if str(w).strip()}
    parts = [
        r"\s+".join(re.escape(p) for p in w.split())
        for w in sorted(items, key=lambda x: (-len(x), x))
    ]
    return "(?:" + "|".join(parts) + ")" if parts else NEVER


def _words(value: Any) -> list[str]:
    """Data words as strings; YAML turns a bare `on` into True, which is a data bug."""
    out = []
    for w in value or ():
        if not isinstance(w, str):
            raise LanguageError(f"dates.yaml: quote the word {w!r}")
        out.append(w)
    return out


@dataclass(slots=True)
class _Data:
    """Everything the languages list, merged."""

    names: dict[str, _Name]
    prefixes: dict[str, _Prefix]
    numbers: dict[str, int]
    relatives: list[_Relative]
    rel_patterns: list[str]
    rel_found_at: list[list[str]]  # the words each phrase is looked for at, where listed
    slash_order: dict[str, str]
    lists: dict[str, list[str]]


_LIST_KEYS = (
    "weekday_not_after",
    "weekday_not_before",
    "day_parts",
    "ordinal_suffixes",
    "day_month_joiners",
    "month_year_joiners",
    "list_words",
    "year_suffixes",
    "month_suffixes",
    "month_case_endings",
    "count_units",
)


def _merge(languages: dict[str, Any]) -> _Data:
    data = _Data({}, {}, {}, [], [], [], {}, {k: [] for k in _LIST_KEYS})
    data.lists.update(month_full=[], month_abbr=[], weekdays=[])
    for code, lang in languages.items():
        cap = bool(lang.get("capitalized"))
        marked = bool(lang.get("lowercase_marked"))
        bare = bool(lang.get("bare_weekdays"))
        data.slash_order[str(code)] = str(lang.get("slash_order") or "dmy")
        for month, forms in (lang.get("months") or {}).items():
            for w in _words(forms.get("names")):
                data.names[_norm(w)] = _Name("month", int(month), cap, marked, False, False)
                data.lists["month_full"].append(w)
            for w in _words(forms.get("abbr")):
                abbr = _Name("month", int(month), cap, marked, True, False)
                data.names.setdefault(_norm(w), abbr)
                data.lists["month_abbr"].append(w)
        for day, forms in (lang.get("weekdays") or {}).items():
            for w in _words(forms):
                data.names[_norm(w)] = _Name("weekday", int(day), cap, marked, False, bare)
                data.lists["weekdays"].append(w)
        for key in _LIST_KEYS:
            data.lists[key] += _words(lang.get(key))
        for w, n in (lang.get("numbers") or {}).items():
            data.numbers[_norm(str(w))] = int(n)
        for p in lang.get("prefixes") or ():
            attrs = _Prefix(
                str(p.get("year") or "none"), p.get("window"), p.get("mode"), bool(p.get("glue"))
            )
            for w in _words(p.get("words")):
                data.prefixes[_norm(w)] = attrs
        for r in lang.get("relative") or ():
            pattern = str(r["pattern"])
            data.rel_patterns.append(pattern)
            data.rel_found_at.append([_norm(w) for w in _words(r.get("found_at"))])
            data.relatives.append(
                _Relative(
                    days=int(r.get("days") or 0),
                    months=int(r.get("months") or 0),
                    years=int(r.get("years") or 0),
                    precision=str(r.get("precision") or "day"),
                    anchor=r.get("anchor"),
                    counted="{num}" in pattern,
                )
            )
    return data


def _opt(words: list[str], before: str = "", after: str = "") -> str:
    return "(?:" + before + _alt(words) + after + ")?" if words else ""


def _build(raw: dict[str, Any]) -> _Lexicon:
    settings = raw.get("settings") or {}
    data = _merge(raw.get("languages") or {})
    li = data.lists
    num = r"(?:[0-9]{1,3}|" + _alt(data.numbers) + ")"
    full, abbr = _alt(li["month_full"]), _alt(li["month_abbr"])
    month = rf"(?:{full}(?!\w)|{abbr}(?:\.|(?!\w)))"
    wd = _alt(li["weekdays"]) + r"(?!\w)"
    ordinal = _opt(li["ordinal_suffixes"])
    day = rf"(?:3[01]|[12][0-9]|0?[1-9]){ordinal}(?!\w|[.,:/][0-9])"
    joiner = _opt(li["day_month_joiners"], after=r"\s+")
    list_sep_nc = rf"(?:\s*[&–—-]\s*|\s+{_alt(li['list_words'])}\s+)"
    list_sep = rf"(?:\s*,\s*|{list_sep_nc})"
    units = _alt(li["count_units"])
    year = rf"(?:19|20)[0-9]{{2}}(?!\w|[.,][0-9]|\s*%|\s*{units}(?!\w))"
    ysuf = _opt(li["year_suffixes"], before=r"\s*", after=r"(?:(?<=\.)|(?!\w))")
    year_joiner = _opt(li["month_year_joiners"], after=r"\s+")
    tail_year = rf"(?:,?\s+{year_joiner}{year}{ysuf})?"
    not_after = "".join(f"(?<!{re.escape(w)}\\s)" for w in sorted(set(li["weekday_not_after"])))
    not_before = ""
    if li["weekday_not_before"]:
        not_before = rf"(?!\s+{_alt(li['weekday_not_before'])}(?!\w))"
    day_part = _opt(li["day_parts"], before=r"\s+", after=r"(?!\w)")
    start = rf"(?<![{_CURRENCY}])(?<![0-9][.,:/])"
    rels = [
        f"(?P<r{i}>" + _WS.sub(lambda _: r"\s+", p.replace("{num}", num)) + ")"
        for i, p in enumerate(data.rel_patterns)
    ]
    counted = [r for r, rel in zip(rels, data.relatives, strict=True) if rel.counted]
    numeric = r"(?:[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})"
    cores = {
        "digit": [
            r"(?P<iso>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9-]))",
            rf"(?P<num>{numeric}(?![0-9]|[./][0-9]){ysuf})",
            rf"(?P<dmy>{day}(?:{list_sep}{day})*\s+{joiner}{month}{tail_year})",
            rf"(?P<yrange>{year}\s*[–—-]\s*(?:{year}|[0-9]{{2}}(?!\w)){ysuf})",
            # a year named as such, then its month ("2020 yılının Kasım ayında"), or a year
            # before a month named as such ("2024 Ekim ayında")
            *(
                [rf"(?P<ym>{year}\s*{_alt(li['year_suffixes'])}\s+{month})"]
                if li["year_suffixes"]
                else []
            ),
            *(
                [rf"(?P<ym2>{year}\s+{month}(?=\s+{_alt(li['month_suffixes'])}(?!\w)))"]
                if li["month_suffixes"]
                else []
            ),
            rf"(?P<year>{year}{ysuf})",
        ],
        "month": [
            rf"(?P<mdy>{month}\s+{day}(?:{list_sep_nc}{day})*(?:(?:,\s*|\s+){year}{ysuf})?)",
            rf"(?P<my>{month},?\s+{year_joiner}{year}{ysuf})",
            # a month alone marked as a time by the word or the case ending after it
            # ("Ağustos ayında", "Ağustos'ta"), as "in August" marks it before
            *(
                [
                    rf"(?P<mon2>{month}(?=(?:\s+{_alt(li['month_suffixes'])}"
                    rf"|['’]{_alt(li['month_case_endings'])})(?!\w)))"
                ]
                if li["month_suffixes"] or li["month_case_endings"]
                else []
            ),
            rf"(?P<mon>{month})",
        ],
        "weekday": [
            # "Friday, 29 November", "Friday (Nov 29)": the date settles the week
            rf"(?P<wdd>{wd}(?:,?\s+|\s*\(\s*)(?:{day}\s+{joiner}{month}|{month}\s+{day}){tail_year})",
            # a weekday with its day of the month after it ("nesta sexta-feira (27)",
            # "nesta segunda-feira, 3, ...") or its day and month ("(4/11)")
            rf"(?P<wdn>{not_after}{wd}{day_part}\s*(?:\(\s*{day}\s*\)|\(\s*[0-9]{{1,2}}/[0-9]{{1,2}}\s*\)"
            rf"|,\s*{day}(?=\s*,)))",
            rf"(?P<wd>{not_after}{wd}{day_part}{not_before})",
        ],
        "rel": rels,
        "counted": counted,
    }
    compiled = {
        k: regexcache.compile(start + "(?:" + "|".join(v) + ")", FLAGS)
        for k, v in cores.items()
        if v
    }

    # Which words a date expression is looked for at, and what may come before them.
    # A relative phrase is looked for at its other words: cue words on their own ("the",
    # "last", "в") are too common to look for.
    cue_words = {w for w in list(data.prefixes) + list(data.numbers) if " " not in w}
    classes: dict[str, set[str]] = {}
    for w, name in data.names.items():
        classes.setdefault(w, set()).add(name.kind)
    rel_lead = {x for w in list(data.prefixes) + list(data.numbers) for x in w.split()}
    for p, found_at in zip(data.rel_patterns, data.rel_found_at, strict=True):
        words = {w.casefold() for w in _LETTERS.findall(_LOOKBEHIND.sub("", p))} - {"num"}
        rel_lead |= words
        # `found_at` names the words of the phrase it is enough to look for it at (each match
        # holds one of them as a whole word, within MAX_LEAD words of where it begins); the
        # others a reading of the pattern's letters finds ("a" of "durante a semana", "m" and
        # "s" of "m[eê]s") would only cost a try at every such word of a text.
        for w in found_at or (words - cue_words) or words:
            classes.setdefault(w, set()).add("rel")
    prefix = _alt(data.prefixes)
    return _Lexicon(
        cores=compiled,
        classes={w: tuple(sorted(c)) for w, c in classes.items()},
        digit_classes=("digit", "counted") if counted else ("digit",),
        rel_lead=frozenset(rel_lead),
        prefix_words=frozenset(x for w in data.prefixes for x in w.split()),
        name_rx=re.compile(r"(?<!\w)" + _alt(list(data.names)) + r"(?!\w)", FLAGS),
        prefix_rx=re.compile(r"(?<!\w)" + prefix + r"(?!\w)", FLAGS),
        num_rx=re.compile(r"(?<!\w)" + num + r"(?!\w)", FLAGS),
        names=data.names,
        prefixes=data.prefixes,
        numbers=data.numbers,
        relatives=tuple(data.relatives),
        slash_order=data.slash_order,
        weak_years=(
            int(settings.get("weak_year_min", 1990)),
            int(settings.get("weak_year_max", 2039)),
        ),
        window=int(settings.get("future_window_months", 2)),
        list_sep=re.compile(rf"{list_sep}\Z", FLAGS),
    )


@cache
def _lexicon(codes: tuple[str, ...]) -> _Lexicon:
    raw = read_yaml(LEXICONS / "dates.yaml", "lexicons/dates.yaml")
    raw["languages"] = {code: registry()[code].read("dates.yaml") for code in codes}
    return _build(raw)


def _lexicon_for(lang: str | None) -> _Lexicon:
    """The date words of `lang`; of every language for a language without a folder."""
    return _lexicon(tuple(x.code for x in languages(lang)))


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


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _fit_year(month: int, day: int | None, pub: dt.date, window: int, mode: str | None) -> int:
    """The year of a month (and day) given without one, as a news report means it."""
    if mode in ("last", "recent"):
        return pub.year if month < pub.month else pub.year - 1
    if mode == "next":
        return pub.year if month > pub.month else pub.year + 1
    if mode == "this":
        return pub.year
    limit = _add_months(pub, window)
    if day is None:
        return pub.year - ((pub.year, month) > (limit.year, limit.month))
    return pub.year - ((pub.year, month, day) > (limit.year, limit.month, limit.day))


def _weekday(wd: int, pub: dt.date, mode: str | None) -> dt.date:
    """The weekday meant: by default the latest one on or before publication."""
    back = (pub.weekday() - wd) % 7
    if mode == "next":
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    if mode in ("last", "recent"):
        d = pub - dt.timedelta(days=back or 7)
        # English "last Friday" read on a Saturday is the Friday of the week before.
        if mode == "last" and d >= pub - dt.timedelta(days=pub.weekday()):
            d -= dt.timedelta(days=7)
        return d
    return pub - dt.timedelta(days=back)


def _day_near(meant: dt.date, day: int, month: str | None = None) -> dt.date:
    """The date with this day of the month nearest to the weekday meant (the day number
    a weekday carries settles a week the weekday alone leaves open); the weekday's own date
    where none is within a week of it. Where only the month of publication is known
    ("2024-12"), the weekday counts from its last day and says little: the day number is
    read inside that month."""
    if month is not None and _valid(int(month[:4]), int(month[5:7]), day):
        return dt.date(int(month[:4]), int(month[5:7]), day)
    near = []
    for shift in (-2, -1, 0, 1):
        y, m = divmod(meant.year * 12 + meant.month - 1 + shift, 12)
        if _valid(y, m + 1, day):
            near.append(dt.date(y, m + 1, day))
    # the day that falls on the weekday told ("no último sábado (31)" read on 18 September:
    # 31 August, a Saturday, though "last Saturday" alone is 14 September)
    same = [d for d in near if d.weekday() == meant.weekday() and abs((d - meant).days) <= 35]
    if same:
        return min(same, key=lambda d: abs((d - meant).days))
    best = min(near, key=lambda d: abs((d - meant).days), default=meant)
    return best if abs((best - meant).days) <= 7 else meant


def _day_month_near(lex: _Lexicon, meant: dt.date, group: str, lang: str | None) -> dt.date:
    """A weekday with its day and month in figures ("segunda-feira (4/11)"): that day and
    month in the year nearest to the weekday meant, read in the language's slash order."""
    a, b = (int(x) for x in _DIGITS.findall(group)[-2:])
    day, month = (a, b) if lex.slash_order.get(lang or "", "dmy") == "dmy" else (b, a)
    near = [dt.date(y, month, day) for y in (meant.year - 1, meant.year, meant.year + 1)
            if _valid(y, month, day)]
    if not near:
        raise _Reject
    return min(near, key=lambda x: abs((x - meant).days))


# --- resolution of one match ------------------------------------------------------------


class _Reject(Exception):
    """The candidate is not a date after all."""


@dataclass(slots=True)
class _Cues:
    year: str  # strongest year cue: strong | weak | none
    window: int | None
    mode: str | None
    any: bool  # at least one word that marks a date
    lead: int  # offset in the cue text where the mention starts (after leading glue)


_RANK = {"none": 0, "weak": 1, "strong": 2}


def _cues(lex: _Lexicon, pre: str) -> _Cues:
    cues = _Cues("none", None, None, False, len(pre))
    for m in lex.prefix_rx.finditer(pre):
        p = lex.prefixes.get(_norm(m.group()))
        if p is None:
            continue
        if not p.glue and cues.lead == len(pre):
            cues.lead = m.start()
        if _RANK.get(p.year, 0) > _RANK[cues.year]:
            cues.year = p.year
        if cues.window is None and p.window is not None:
            cues.window = int(p.window)
        cues.mode = cues.mode or p.mode
        cues.any = cues.any or p.year != "none" or bool(p.mode)
    return cues


# The forms that mark a name as a date on their own: a day number or a year with it, a word
# after it that makes it a month ("ekim ayında") or, for a weekday, a part of the day
# ("pazar günü"). A weekday alone ("wd") is marked only by its day part.
_MARKED = frozenset({"dmy", "my", "ym", "ym2", "mon2", "wdd", "wdn"})


def _names(lex: _Lexicon, text: str, start: int, end: int, kind: str = "") -> list[_Name]:
    """The month and weekday names of a match. A language that needs a capital
    (`capitalized`) may still read a lower-case name in a form that marks it as a date
    (`lowercase_marked`): "3 ekim'de", "ekim ayında", "pazar günü"."""
    marks = kind in _MARKED or (kind == "wd" and bool(_WS.search(text[start:end].strip())))
    out = []
    for m in lex.name_rx.finditer(text, start, end):
        name = lex.names.get(_norm(m.group()))
        lower = not m.group()[0].isupper()
        if name is None or (name.capitalized and lower and not (name.marked and marks)):
            raise _Reject
        out.append(name)
    return out


@dataclass(slots=True)
class _Found:
    """One match of a core pattern, with the cue words before it."""

    kind: str
    core: int  # where the core pattern starts
    end: int
    pre: int  # where the cue words start


def _resolve(
    lex: _Lexicon,
    text: str,
    f: _Found,
    pub: dt.date | None,
    lang: str | None,
    pub_month: str | None = None,
) -> list[DateMention]:
    cues = _cues(lex, text[f.pre : f.core])
    start, end, kind = f.pre + cues.lead, f.end, f.kind
    window = lex.window if cues.window is None else cues.window

    def one(value: str | None, s: int = start, e: int = end) -> list[DateMention]:
        return [DateMention(s, e, text[s:e], value)]

    group = text[f.core : f.end]
    if kind[0] == "r" and kind[1:].isdigit():
        return one(_relative(lex, lex.relatives[int(kind[1:])], group, pub))
    if kind in ("year", "yrange"):
        return _years(lex, text, f, cues, start)
    if kind == "iso":
        y, mo, d = (int(x) for x in _DIGITS.findall(group)[:3])
        if not _valid(y, mo, d):
            raise _Reject
        return one(_iso(y, mo, d))
    if kind == "num":
        return one(_numeric(lex, group, pub, lang))

    names = _names(lex, text, f.core, f.end, kind)
    if kind in ("wd", "wdn"):
        if not names or (not names[0].bare and not cues.any):
            raise _Reject
        if pub is None:
            return one(None)
        meant = _weekday(names[0].value, pub, cues.mode)
        if kind == "wdn" and "/" in group:
            meant = _day_month_near(lex, meant, group, lang)
        elif kind == "wdn":
            meant = _day_near(meant, int(_DIGITS.findall(group)[-1]), pub_month)
        return one(meant.isoformat())
    month = next((n for n in names if n.kind == "month"), None)
    if month is None:
        raise _Reject
    numbers = [(x.start(), x.end(), x.group()) for x in _DIGITS.finditer(text, f.core, f.end)]
    year = next((int(g) for _, _, g in numbers if len(g) == 4), None)
    if kind == "mon" and (month.abbr or not cues.any):
        raise _Reject
    if kind in ("mon", "mon2", "my", "ym", "ym2"):
        if year is None and pub is not None:
            year = _fit_year(month.value, None, pub, window, cues.mode)
        return one(None if year is None else _iso(year, month.value))
    days = [(s, e, int(g)) for s, e, g in numbers if len(g) <= 2]
    out = []
    for i, (s, e, d) in enumerate(days):
        day_year = year
        if day_year is None and pub is not None:
            day_year = _fit_year(month.value, d, pub, window, cues.mode)
        if not _valid(2000 if day_year is None else day_year, month.value, d):
            continue
        # Items of a list ("26 and 27 April") get spans of their own.
        s2 = start if i == 0 else s
        e2 = end if i == len(days) - 1 else e
        out += one(None if day_year is None else _iso(day_year, month.value, d), s2, e2)
    if not out:
        raise _Reject
    return out


def _numeric(lex: _Lexicon, group: str, pub: dt.date | None, lang: str | None) -> str:
    """dd.mm.yyyy, or a slash date. A slash date valid both ways takes the reading nearer
    to publication (an English text may well write 02/08/2024 for 2 August), then the
    order usual in the language."""
    a, b, y = (int(x) for x in _DIGITS.findall(group)[:3])
    if "." in group:
        readings = [(a, b)]
    elif lex.slash_order.get(lang or "", "dmy") == "dmy":
        readings = [(a, b), (b, a)]
    else:
        readings = [(b, a), (a, b)]
    valid = [dt.date(y, mo, d) for d, mo in readings if _valid(y, mo, d)]
    if not valid:
        raise _Reject
    if pub is not None:
        valid.sort(key=lambda x: abs((x - pub).days))
    return valid[0].isoformat()


def _years(lex: _Lexicon, text: str, f: _Found, cues: _Cues, start: int) -> list[DateMention]:
    """Four-digit numbers that are years: after a cue, with a suffix, or in a range."""
    group = text[f.core : f.end]
    numbers = list(_DIGITS.finditer(group))
    if f.kind == "year":
        y = int(numbers[0].group())
        lo, hi = lex.weak_years
        suffixed = group[numbers[0].end() :].strip() != ""
        if not (suffixed or cues.year == "strong" or (cues.year == "weak" and lo <= y <= hi)):
            raise _Reject
        return [DateMention(start, f.end, text[start : f.end], _iso(y))]
    first = int(numbers[0].group())
    last = numbers[1].group()
    second = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if not first < second <= first + 50:
        raise _Reject
    split, s2 = f.core + numbers[0].end(), f.core + numbers[1].start()
    return [
        DateMention(start, split, text[start:split], _iso(first)),
        DateMention(s2, f.end, text[s2 : f.end], _iso(second)),
    ]


def _relative(lex: _Lexicon, rel: _Relative, phrase: str, pub: dt.date | None) -> str | None:
    if pub is None:
        return None
    n = 1
    if rel.counted and (found := lex.num_rx.search(phrase)):
        word = found.group()
        n = int(word) if word.isdigit() else lex.numbers.get(_norm(word), 1)
    if rel.anchor == "weekend":
        return (pub - dt.timedelta(days=(pub.weekday() - 5) % 7 or 7)).isoformat()
    d = _add_months(pub + dt.timedelta(days=rel.days * n), (rel.months + 12 * rel.years) * n)
    if rel.precision == "year":
        return _iso(d.year)
    if rel.precision == "month":
        return _iso(d.year, d.month)
    return d.isoformat()


# --- scanning ----------------------------------------------------------------------------

_Token = tuple[int, int, str]  # start, end, casefolded word


def _cue_start(lex: _Lexicon, text: str, tokens: list[_Token], k: int, floor: int) -> int:
    """Where the cue words right before token k begin ("in late" before "September")."""
    j = k
    while (
        j > 0
        and k - j < MAX_LEAD
        and tokens[j - 1][0] >= floor
        and tokens[j - 1][2] in lex.prefix_words
        and _PREFIX_SEP.fullmatch(text, tokens[j - 1][1], tokens[j][0])
    ):
        j -= 1
    return tokens[j][0]


def _at(
    lex: _Lexicon, text: str, tokens: list[_Token], i: int, cls: str, floor: int
) -> Iterator[_Found]:
    """Core matches for anchor token i, earliest start first."""
    rx = lex.cores.get(cls)
    if rx is None:
        return
    if cls not in ("rel", "counted"):
        m = rx.match(text, tokens[i][0])
        if m is not None and m.lastgroup is not None:
            yield _Found(m.lastgroup, m.start(), m.end(), _cue_start(lex, text, tokens, i, floor))
        return
    # A relative phrase may start a few words before its anchor ("a week ago").
    j = i
    while j > 0 and i - j < MAX_LEAD and tokens[j - 1][0] >= floor:
        if tokens[j - 1][2] not in lex.rel_lead:
            break
        j -= 1
    for k in range(j, i + 1):
        m = rx.match(text, tokens[k][0])
        if m is not None and m.lastgroup is not None and m.end() > tokens[i][0]:
            yield _Found(m.lastgroup, m.start(), m.end(), _cue_start(lex, text, tokens, k, floor))


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
    text: str, published: dt.date | None, lang: str | None = None, month: str | None = None
) -> list[DateMention]:
    """Every date expression in `text`, in order, with its ISO value.

    Values carry the precision the text states (YYYY-MM-DD, YYYY-MM or YYYY). Relative
    forms and dates without a year are resolved against `published`; without it their
    value is None. `lang` only settles the order of ambiguous slash dates (09/10/2021).
    `month` ("2024-12") is the month of publication where no day of it is known: a day
    number a weekday carries is read inside it.
    """
    lex = _lexicon_for(lang)
    pub = _as_date(published)
    low = text.casefold()
    if len(low) == len(text):  # one case-fold for the text, not one per word
        tokens = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(low)]
    else:
        tokens = [(t.start(), t.end(), t.group().casefold()) for t in _TOKEN.finditer(text)]
    out: list[DateMention] = []
    cursor = 0
    for i, (s, _, w) in enumerate(tokens):
        if s < cursor:
            continue
        classes = lex.digit_classes if "0" <= w[0] <= "9" else lex.classes.get(w)
        if not classes:
            continue
        for cls in classes:
            found = None
            for f in _at(lex, text, tokens, i, cls, cursor):
                try:
                    found = _resolve(lex, text, f, pub, lang, month)
                except (_Reject, ValueError, OverflowError, IndexError):
                    continue
                cursor = f.end
                break
            if found:
                out += found
                break
    out = _relative_years(lex, text, _share_years(lex, text, out))
    out = _same_day_weekdays(lex, text, out)
    return out if pub is not None else _borrow_years(lex, out, lang)


_LEDE_END = re.compile(r"[.!?](?=\s)|\n")


def lede_day(
    text: str, story: int, stated: dt.date | None, lang: str | None = None
) -> dt.date | None:
    """The day the story's first sentence names without a year ("MOSCOW, 2 April, ...",
    "The office on Friday (Nov 29) instructed ..."), where it comes after the last day the
    text dates in full (`stated`): with no publication date, the story is news as of that
    day, and a date it gives in full is older background. The year is the one that puts the
    day within the months after `stated` (`future_window_months`)."""
    if stated is None:
        return None
    end = _LEDE_END.search(text, story)
    lede = text[story : end.start() if end else len(text)]
    for d in find_dates(lede, None, lang):
        if _STATED_YEAR.search(d.text) or not _DIGITS.search(d.text):
            continue  # a year of its own is counted already; a weekday alone names no day
        again = find_dates(d.text, stated, lang)
        if again and again[0].value and len(again[0].value) == 10:
            day = dt.date.fromisoformat(again[0].value)
            return day if day > stated else None
        return None
    return None


def listed(text: str, start: int, end: int, lang: str | None = None) -> bool:
    """Whether text[start:end] is all that stands between two dates given as one list or
    span ("26 and 27 April", "April 15 to May 15")."""
    return bool(_lexicon_for(lang).list_sep.match(text[start:end]))


def may_hold_date(text: str, start: int, end: int, lang: str | None = None) -> bool:
    """False only where no expression `find_dates(text, ...)` finds lies within [start,
    end). Each one holds a digit or the first letter of a word its search starts at (a month
    or weekday name, a word of a relative phrase: `_Lexicon.classes`), as the core patterns
    match no empty text; a stretch with neither holds none, and reading its few words is
    much cheaper than finding every date of the text."""
    src, folded = _folded(text)
    if _DIGITS.search(src, start, end):
        return True
    classes = _lexicon_for(lang).classes
    pos = start
    if pos > 0 and _TOKEN.match(src, pos - 1):  # the word at `start` began before it
        inside = _TOKEN.match(src, pos)
        pos = inside.end() if inside else pos
    for m in _TOKEN.finditer(src, pos):
        if m.start() >= end:
            break
        if (m.group() if folded else m.group().casefold()) in classes:
            return True
    return False


@lru_cache(maxsize=4)
def _folded(text: str) -> tuple[str, bool]:
    """The text `find_dates` splits into words, and whether it is case-folded already."""
    low = text.casefold()
    return (low, True) if len(low) == len(text) else (text, False)


_STATED_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _share_years(lex: _Lexicon, text: str, found: list[DateMention]) -> list[DateMention]:
    """Dates listed together share the year written once at the end: "in March and
    November 2012", "on 18 May and 25 May 2021" are both of 2012 and 2021."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        d, nxt = out[i], out[i + 1]
        if not (d.value and nxt.value) or _STATED_YEAR.search(d.text):
            continue
        if not _STATED_YEAR.search(nxt.text) or len(d.value) < 7:
            continue
        if lex.list_sep.match(text[d.end : nxt.start]):
            out[i] = DateMention(d.start, d.end, d.text, nxt.value[:4] + d.value[4:])
    return out


# Between a month and the year told relative to the report that holds it: a space, a comma or
# one short word ("in April last year", "в апреле прошлого года", "em abril do ano passado").
_YEAR_JOIN = re.compile(r"\s*,?\s*(?:\w{1,3}\s+)?")


def _relative_years(lex: _Lexicon, text: str, found: list[DateMention]) -> list[DateMention]:
    """A month or day without a year next to a year told relative to the report ("in April
    last year", "geçen yılın Aralık ayında") is of that year: one mention of both."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        d = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        gap = text[d.end : nxt.start] if nxt is not None else ""
        joined = _YEAR_JOIN.fullmatch(gap) and not lex.list_sep.match(gap)
        if nxt is not None and d.value and nxt.value and joined:
            month, year = (d, nxt) if len(nxt.value) == 4 else (nxt, d)
            if (
                len(year.value or "") == 4
                and len(month.value or "") >= 7
                and not _STATED_YEAR.search(year.text)
                and not _STATED_YEAR.search(month.text)
            ):
                value = f"{year.value}{(month.value or '')[4:]}"
                out.append(DateMention(d.start, nxt.end, text[d.start : nxt.end], value))
                i += 2
                continue
        out.append(d)
        i += 1
    return out


def _weekday_only(lex: _Lexicon, d: DateMention) -> bool:
    """Whether a mention names a weekday and no month or day number ("Cuma günü")."""
    words = [w.casefold() for w in _TOKEN.findall(d.text)]
    kinds = {lex.names[w].kind for w in words if w in lex.names}
    return kinds == {"weekday"} and not any(w[0].isdigit() for w in words)


def _same_day_weekdays(lex: _Lexicon, text: str, found: list[DateMention]) -> list[DateMention]:
    """A weekday right next to a day and month names that day ("2 Ağustos Cuma günü", "am
    Freitag, dem 2. August"): one mention with the date's value, not a second day counted
    back from the report."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        d = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and _YEAR_JOIN.fullmatch(text[d.end : nxt.start]):
            day, weekday = (nxt, d) if _weekday_only(lex, d) else (d, nxt)
            if _weekday_only(lex, weekday) and len(day.value or "") == 10:
                out.append(DateMention(d.start, nxt.end, text[d.start : nxt.end], day.value))
                i += 2
                continue
        out.append(d)
        i += 1
    return out


def _borrow_years(lex: _Lexicon, found: list[DateMention], lang: str | None) -> list[DateMention]:
    """Without a publication date, a month (and day) the text gives without a year takes
    the year of the nearest dated mention before it: the story's year so far ("... on 27
    June 2025. In April the Commission fined ..."). A later year may be another story's."""
    years = [(d.start, int(d.value[:4])) for d in found if d.value]
    if not years:
        return found  # nothing to borrow from
    out = []
    for d in found:
        words = [w.casefold() for w in _TOKEN.findall(d.text)]
        named = any(lex.names[w].kind == "month" for w in words if w in lex.names)
        relative = any(lex.prefixes[w].mode for w in words if w in lex.prefixes)
        if d.value is None and named and not relative:
            before = [y for start, y in years if start < d.start]
            if not before:
                out.append(d)
                continue
            again = find_dates(d.text, dt.date(before[-1], 12, 31), lang)
            if again and again[0].value:
                d = DateMention(d.start, d.end, d.text, again[0].value)
        out.append(d)
    return out
