"""Find amounts of money in news text.

The amount of a FINE is the one numeric field of an event, and reporters write it in many
ways: "21 mln roubles", "₽5m", "A$610,500 ($386,000)", "7 221 916 235 рублей",
"от 800 тыс. до 4 млн руб.". Every figure is read as one shape,

    [currency prefix] number [multiplier [multiplier]] [currency name] [sub-unit]

and all words (currency names and symbols, multipliers, number words, cue words) come from
`lexicons/money.yaml`, so adding a language means editing data, not code. A figure without
any currency is kept only when a money cue ("fine", "штраф") stands just before it, so that
"60 million users", years and percentages are never money.

Cheap first-character scans find where a figure can start (a digit, a currency sign, a
number word), one compiled pattern reads the figure there, and two short passes join ranges
and flag converted figures ("21 million rubles (245,000 euros)"). About 0.3 ms for 3 KB.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from clampdown.model import Money

__all__ = ["find_money"]


def _load_lexicon() -> dict[str, Any]:
    """Read the money lexicon once; it is package data so it ships with the wheel."""
    res = importlib.resources.files("clampdown") / "lexicons" / "money.yaml"
    with res.open("r", encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


_LEX = _load_lexicon()

_HS = r"[^\S\n]"  # horizontal space: a figure never spans a line break
_WS = _HS + "+"
_SP = rf"(?:{_HS}{{1,3}}|{_HS}?-{_HS}?)?"  # between parts: nothing, spaces or one hyphen
_SPACE_CHARS = " \u00a0\u202f\u2009\u2007"


def _norm(s: str) -> str:
    """Lookup key of a matched word: case- and spacing-insensitive."""
    return " ".join(s.split()).lower()


def _flatten(section: Any) -> list[str]:
    """All entries of a per-language list or mapping (languages are merged on purpose)."""
    if section is None:
        return []
    if isinstance(section, dict):
        out: list[str] = []
        for v in section.values():
            out.extend(_flatten(v) if isinstance(v, dict | list) else [])
        return out
    return [str(x) for x in section]


def _merged_map(section: dict[str, dict[str, Any]] | None) -> dict[str, Decimal]:
    """Per-language word -> value mappings merged into one normalised table."""
    out: dict[str, Decimal] = {}
    for table in (section or {}).values():
        for k, v in (table or {}).items():
            out[_norm(str(k))] = Decimal(str(v))
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _trie(words: Iterable[str], guard_end: str, *, guard_after_first: bool = False) -> str:
    """Alternation of literal words as a trie, so the regex engine tests each position
    against a few first characters instead of every word in turn (a 10x speed-up).

    With `guard_after_first` the "not inside a word" test comes after the first literal,
    which lets a case-sensitive pattern skip ahead by first character.
    """
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for tok in re.sub(r"\s+", " ", w.strip()):
            node = node.setdefault(tok, {})
        node[""] = {}

    def emit(node: dict[str, Any], last: str) -> str:
        alts = []
        for tok in sorted(k for k in node if k):
            piece = _WS if tok == " " else re.escape(tok)
            if guard_after_first and node is root and _is_word_char(tok):
                piece += r"(?<!\w.)"
            alts.append(piece + emit(node[tok], tok))
        tail = guard_end if _is_word_char(last) else ""
        if not alts:
            return tail
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body}|{tail})"  # the longer word first
        return body

    return emit(root, "")


def _alt(words: Iterable[str], *, guard_start: bool = False, guard_end: str = r"(?!\w)") -> str:
    """Regex alternation of literal words, with word-boundary guards at both ends."""
    uniq = {w for w in words if w and w.strip()}
    wordy = [w for w in uniq if _is_word_char(w[0])]
    other = [w for w in uniq if not _is_word_char(w[0])]
    parts = []
    if wordy:
        guard = ""
        if guard_start:
            # A cheap first-character test before the lookbehind keeps the scan fast.
            firsts = "".join(sorted({re.escape(w[0]) for w in wordy}))
            guard = rf"(?=[{firsts}])(?<!\w)"
        parts.append(guard + _trie(wordy, guard_end))
    if other:
        parts.append(_trie(other, guard_end))
    if not parts:
        return r"(?!x)x"
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


# --- currency tables -------------------------------------------------------------------

_CODES: set[str] = set()
_SYMBOL_TO_CODE: dict[str, str] = {}  # exact (case-sensitive) symbols and prefixes
_NAME_TO_CODE: dict[str, str] = {}  # normalised names
_SYMBOL_FORMS: list[str] = []
for _code, _spec in (_LEX.get("currencies") or {}).items():
    _code = str(_code)
    _spec = _spec or {}
    _CODES.add(_code)
    for _sym in _spec.get("symbols") or []:
        _SYMBOL_TO_CODE[" ".join(_sym.split())] = _code
        _SYMBOL_FORMS.append(_sym)
    for _pre in _spec.get("prefixes") or []:
        _SYMBOL_TO_CODE[" ".join(_pre.split())] = _code
    for _name in _flatten(_spec.get("names")):
        _NAME_TO_CODE.setdefault(_norm(_name), _code)

_AMBIGUOUS = {_norm(x) for x in _LEX.get("ambiguous_names") or []}
_MULTIPLIERS = _merged_map(_LEX.get("multipliers"))
_ATTACHED = {
    _norm(str(k)): Decimal(str(v)) for k, v in (_LEX.get("attached_multipliers") or {}).items()
}
_NUMBER_WORDS = _merged_map(_LEX.get("number_words"))
_MULT_ONLY_WORDS = _merged_map(_LEX.get("multiplier_only_words"))
_TAILS = _merged_map(_LEX.get("number_word_tails"))
_COMMA_LANGS = {str(x).lower() for x in _LEX.get("decimal_comma_languages") or []}
_SUBUNITS = _flatten(_LEX.get("subunits"))

_TENS = [w for w, v in _NUMBER_WORDS.items() if v >= 20 and v < 100 and v % 10 == 0]
_UNITS = [w for w, v in _NUMBER_WORDS.items() if 1 <= v <= 9 and v == v.to_integral_value()]

# --- the candidate regex ---------------------------------------------------------------

# A letter prefix may touch the digits ("Rs5 crore", "USD5m") but not another letter.
_CS_PREFIX = _alt(
    list(_SYMBOL_TO_CODE) + sorted(_CODES), guard_start=True, guard_end=r"(?![^\W\d_])"
)
_MULT_RX = _alt(_MULTIPLIERS)
_NUM_RX = (
    r"[0-9]{1,3}(?:[ \u00a0\u202f\u2009\u2007][0-9]{3})+(?:[.,][0-9]+)?(?![0-9])"
    r"|[0-9]+(?:[.,'’][0-9]+)*(?![0-9])"
)
_WNUM_RX = (
    rf"(?:(?:{_alt(_TENS, guard_start=True)})-?{_HS}*(?:{_alt(_UNITS)})"
    rf"|{_alt(_NUMBER_WORDS, guard_start=True)})"
    rf"(?:{_WS}(?:{_alt(_TAILS)}))?"
    rf"|(?:{_alt(_MULT_ONLY_WORDS, guard_start=True)})(?={_WS}(?:{_MULT_RX}))"
)
_SUFFIX_RX = (
    rf"(?P<suf>(?-i:{_alt(sorted(_CODES))})"
    rf"|(?-i:{_alt(_SYMBOL_FORMS)})(?!{_HS}*[0-9])"
    rf"|{_alt(_NAME_TO_CODE)})"
)
_CANDIDATE = re.compile(
    rf"""
    (?:
        (?P<pre>(?-i:{_CS_PREFIX})){_HS}?(?P<num>{_NUM_RX})
      | (?=[0-9])(?<!\w)(?<![0-9][.,])(?P<num2>{_NUM_RX})
      | (?P<wnum>{_WNUM_RX})
    )
    (?:
        (?<=[0-9])(?P<att>(?-i:{_alt(_ATTACHED)}|{_alt(k.upper() for k in _ATTACHED)}))
      | {_SP}(?P<mult>{_MULT_RX})(?:{_SP}(?P<mult2>{_MULT_RX}))?
    )?
    (?:
        {_SP}{_SUFFIX_RX}
        (?:{_WS}(?:(?:and|и){_WS})?(?P<sub>[0-9]{{1,2}}){_HS}*(?P<subn>{_alt(_SUBUNITS)}))?
    )?
    """,
    re.IGNORECASE | re.VERBOSE,
)


# Anchors: positions where a figure can start. Scanning for them with patterns that the
# regex engine can skip through by first character, then matching `_CANDIDATE` only there,
# is several times faster than `_CANDIDATE.finditer` over the whole text.
_SIGN_ANCHOR = re.compile(
    "[0-9"
    + "".join(sorted({re.escape(f[0]) for f in _SYMBOL_FORMS if not _is_word_char(f[0])}))
    + "]+"
)
_WORD_ANCHOR = re.compile(
    _trie(
        {*_NUMBER_WORDS, *(f"{w} {m}" for w in _MULT_ONLY_WORDS for m in _MULTIPLIERS)},
        r"(?!\w)",
        guard_after_first=True,
    )
)
_WORD_ANCHOR_CI = re.compile(_WORD_ANCHOR.pattern, re.IGNORECASE)
# Letter prefixes ("US$", "A$", "Rs", "TRY") are case-sensitive, so they are found in the
# original text, where their capital first letters are rare.
_PREFIX_ANCHOR = re.compile(
    _trie(
        {w for w in [*_SYMBOL_TO_CODE, *_CODES] if _is_word_char(w[0])},
        r"(?![^\W\d_])",
        guard_after_first=True,
    )
)


def _anchors(text: str) -> list[int]:
    """Sorted positions where a digit, a currency sign or a number/prefix word starts."""
    found = [m.start() for m in _SIGN_ANCHOR.finditer(text)]
    found.extend(m.start() for m in _PREFIX_ANCHOR.finditer(text))
    low = text.lower()
    if len(low) == len(text):  # lower() keeps offsets except for rare letters such as "İ"
        found.extend(m.start() for m in _WORD_ANCHOR.finditer(low))
    else:
        found.extend(m.start() for m in _WORD_ANCHOR_CI.finditer(text))
    found.sort()
    return found


def _word_list_rx(words: Iterable[str]) -> str:
    return _alt(words, guard_start=True)


_HEDGE_RX = _word_list_rx(_flatten(_LEX.get("hedges")))
_JOIN_RX = _word_list_rx(_flatten(_LEX.get("conversion_joiners")))
_MAX_GAP = 80  # conversions sit right after the figure they convert
# "21 million rubles (245,000 euros)", "8.9 mln rouble fine (about $125,000)",
# "10 million rubles (or about $135,000)": up to three words, a bracket, a joiner, a hedge.
_BRACKET_GAP = re.compile(
    rf"(?:{_HS}+[^\W\d_][\w'’.-]*){{0,3}}{_HS}*[(\[]{_HS}*"
    rf"(?:(?:{_JOIN_RX}){_HS}*)?(?:(?:{_HEDGE_RX}){_HS}*)?",
    re.IGNORECASE,
)
# "5 million rubles, or about $70,000"
_JOIN_GAP = re.compile(
    rf"{_HS}*,?{_HS}*(?:{_JOIN_RX}){_HS}*(?:(?:{_HEDGE_RX}){_HS}*)?", re.IGNORECASE
)
_BRACKET_CONT_GAP = re.compile(
    rf"[\s,;/]*(?:(?:or|and|или|и){_WS})?(?:(?:{_HEDGE_RX}){_HS}*)?", re.IGNORECASE
)
_CUE_RX = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(s) for s in _flatten(_LEX.get("money_cues"))) + r")",
    re.IGNORECASE,
)
_CHANGE_RX = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(s) for s in _flatten(_LEX.get("change_words"))) + r")",
    re.IGNORECASE,
)
_FOLLOWERS = {_norm(w) for w in _flatten(_LEX.get("cue_followers"))}
_NEXT_WORD = re.compile(rf"{_HS}*(\w+)")
_CLAUSE_END = re.compile(r"[.!?;\n](?=\s)|\n")


@dataclass(frozen=True, slots=True)
class _RangeRule:
    opener: re.Pattern[str] | None  # must end the text before the low figure
    connector: str


def _range_rules() -> list[_RangeRule]:
    rules = []
    for pairs in (_LEX.get("ranges") or {}).values():
        for opener, connector in pairs or []:
            rx = None
            if opener:
                rx = re.compile(
                    rf"(?<!\w)(?:{_WS.join(map(re.escape, opener.split()))}){_WS}"
                    rf"(?:(?:{_HEDGE_RX}){_WS})?$",
                    re.IGNORECASE,
                )
            rules.append(_RangeRule(rx, _norm(connector)))
    # Rules with an opener first, so "from X to Y" takes its opener into the span.
    rules.sort(key=lambda r: r.opener is None)
    return rules


_RANGE_RULES = _range_rules()


# --- candidates ------------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    """One figure as found, before ranges and filters."""

    start: int
    end: int
    raw: Decimal  # the number as written, before multipliers
    mult: Decimal | None
    sub: Decimal
    currency: str | None

    @property
    def value(self) -> Decimal:
        return self.raw * (self.mult if self.mult is not None else 1) + self.sub


def _parse_number(s: str, comma_decimal: bool, has_mult: bool) -> Decimal | None:
    """Read digits with thousands separators and a decimal mark; None when ambiguous junk.

    A single comma before exactly three digits groups thousands ("875,000") unless the
    language writes decimal commas and a multiplier follows ("1,500 млн"); any other single
    comma is decimal ("21,1"). A single dot is decimal ("5.125 million") except in a
    decimal-comma language before exactly three digits and no multiplier ("10.000 Euro").
    """
    for ch in _SPACE_CHARS + "'’":
        s = s.replace(ch, "")
    seps = [c for c in s if c in ",."]
    groups = re.split(r"[.,]", s)
    try:
        if not seps:
            return Decimal(s)
        if len(seps) == 1:
            whole, frac = groups
            if len(frac) == 3 and (
                (seps[0] == "," and not (comma_decimal and has_mult))
                or (seps[0] == "." and comma_decimal and not has_mult)
            ):
                return Decimal(whole + frac)
            return Decimal(whole + "." + frac)
        if all(c == seps[0] for c in seps):
            if all(len(g) == 3 for g in groups[1:]):
                return Decimal("".join(groups))
            return None
        thousands, last = seps[0], seps[-1]
        if last == thousands or any(c != thousands for c in seps[:-1]):
            return None
        if not all(len(g) == 3 for g in groups[1:-1]):
            return None
        return Decimal("".join(groups[:-1]) + "." + groups[-1])
    except (InvalidOperation, ValueError):
        return None


def _word_value(s: str) -> Decimal | None:
    """Value of a written-out number: "twenty-five", "one and a half", "half a"."""
    key = _norm(s)
    tail = Decimal(0)
    for t, v in _TAILS.items():
        if key.endswith(" " + t):
            key, tail = key[: -len(t) - 1].strip(), v
            break
    if key in _NUMBER_WORDS:
        return _NUMBER_WORDS[key] + tail
    if key in _MULT_ONLY_WORDS:
        return _MULT_ONLY_WORDS[key] + tail
    parts = re.split(r"[-\s]+", key)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return _NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]] + tail
    return None


def _currency_of(pre: str | None, suf: str | None) -> str | None:
    """ISO code from the prefix (preferred: "$5 million dollars") or the suffix."""
    for form in (pre, suf):
        if not form:
            continue
        key = " ".join(form.split())
        if key in _SYMBOL_TO_CODE:
            return _SYMBOL_TO_CODE[key]
        if key in _CODES:
            return key
        code = _NAME_TO_CODE.get(_norm(form))
        if code:
            return code
    return None


def _candidate(m: re.Match[str], comma_langs: bool, lang_known: bool) -> _Cand | None:
    """Turn one regex match into a figure, or None when it is not a readable number."""
    mult_words = [g for g in (m.group("mult"), m.group("mult2")) if g]
    mult: Decimal | None = None
    if m.group("att"):
        mult = _ATTACHED.get(m.group("att").lower())
    for w in mult_words:
        f = _MULTIPLIERS.get(_norm(w))
        if f is not None:
            mult = f if mult is None else mult * f
    suf = m.group("suf")
    wnum = m.group("wnum")
    if wnum:
        raw = _word_value(wnum)
        if raw is None:
            return None
        if mult is None and suf is not None and _norm(suf) in _AMBIGUOUS:
            return None  # "no one won"
    else:
        digits = m.group("num") or m.group("num2") or ""
        span_text = m.group(0)
        comma_decimal = comma_langs or (
            not lang_known and any("\u0400" <= ch <= "\u04ff" for ch in span_text)
        )
        raw = _parse_number(digits, comma_decimal, mult is not None)
        if raw is None:
            return None
    sub = Decimal(0)
    if m.group("sub"):
        sub = Decimal(m.group("sub")) / 100
    return _Cand(
        start=m.start(),
        end=m.end(),
        raw=raw,
        mult=mult,
        sub=sub,
        currency=_currency_of(m.group("pre"), suf),
    )


# --- ranges, filters, conversions ------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """A figure or a range, ready to become a `Money`."""

    start: int
    end: int
    currency: str | None
    amount: Decimal | None
    low: Decimal | None
    high: Decimal | None
    has_mult: bool
    converted: bool = False


def _as_range(text: str, a: _Cand, b: _Cand) -> _Item | None:
    """Join "from 800,000 to 4 million rubles" / "1-2 million" into one range, or None."""
    if b.start - a.end > 20:
        return None
    gap = _norm(text[a.end : b.start])
    if a.currency and b.currency and a.currency != b.currency:
        return None
    before = text[max(0, a.start - 60) : a.start]
    for rule in _RANGE_RULES:
        if gap != rule.connector:
            continue
        if rule.connector.isalpha() and not (
            text[a.end : a.end + 1].isspace() and text[b.start - 1 : b.start].isspace()
        ):
            continue
        if rule.opener is None and rule.connector.isalpha() and b.currency is None:
            continue  # bare "X to Y" needs the currency at its end: "5 to 10 million euros"
        start = a.start
        if rule.opener is not None:
            om = rule.opener.search(before)
            if om is None:
                continue
            start = a.start - (len(before) - om.start())
        window = text[max(0, start - 50) : start]
        clause = _CLAUSE_END.split(window)[-1]
        if _CHANGE_RX.search(clause):
            return None  # "reduced the fine from €30m to €10m" is a change, not a range
        low = a.value
        if a.mult is None and b.mult is not None and a.raw < b.raw:
            low = a.raw * b.mult + a.sub  # "1-2 million": the multiplier is shared
        high = b.value
        if not low < high:
            return None
        return _Item(
            start=start,
            end=b.end,
            currency=a.currency or b.currency,
            amount=None,
            low=low,
            high=high,
            has_mult=b.mult is not None or a.mult is not None,
        )
    return None


def _cued(text: str, item: _Item) -> bool:
    """A currency-less figure is money only after a cue word and before a non-noun."""
    if not item.has_mult:
        return False
    window = text[max(0, item.start - 60) : item.start]
    clause = _CLAUSE_END.split(window)[-1]
    if not _CUE_RX.search(clause):
        return False
    nxt = _NEXT_WORD.match(text, item.end)
    return nxt is None or _norm(nxt.group(1)) in _FOLLOWERS


def _mark_conversions(text: str, items: list[_Item]) -> None:
    """Flag figures that restate the one before in another currency."""
    in_bracket = False
    for prev, cur in zip(items, items[1:], strict=False):
        gap = text[prev.end : cur.start]
        if len(gap) > _MAX_GAP:
            in_bracket = False
            continue
        differs = prev.currency != cur.currency
        if differs and _BRACKET_GAP.fullmatch(gap):
            cur.converted, in_bracket = True, True
        elif differs and _JOIN_GAP.fullmatch(gap):
            cur.converted, in_bracket = True, False
        elif in_bracket and prev.converted and _BRACKET_CONT_GAP.fullmatch(gap):
            cur.converted = True  # "(about $125,000 or €110,000)"
        else:
            in_bracket = False


def _to_float(d: Decimal | None) -> float | None:
    if d is None:
        return None
    try:
        return float(d)
    except (OverflowError, ValueError):
        return None


def find_money(text: str, lang: str | None = None) -> list[Money]:
    """Every amount of money in `text`, in order, with code-point offsets.

    `lang` (ISO 639-1) only decides how "1,500" / "1.500" are read; without it a figure
    written with Cyrillic words is read with a decimal comma.
    """
    if not text:
        return []
    lang_key = (lang or "").lower()[:2]
    comma_langs = lang_key in _COMMA_LANGS
    cands: list[_Cand] = []
    covered = 0
    for pos in _anchors(text):
        if pos < covered:
            continue
        m = _CANDIDATE.match(text, pos)
        if m is None or m.end() == pos:
            continue
        covered = m.end()
        c = _candidate(m, comma_langs, bool(lang_key))
        if c is not None:
            cands.append(c)

    items: list[_Item] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            r = _as_range(text, a, cands[i + 1])
            if r is not None:
                items.append(r)
                i += 2
                continue
        items.append(
            _Item(
                start=a.start,
                end=a.end,
                currency=a.currency,
                amount=a.value,
                low=None,
                high=None,
                has_mult=a.mult is not None,
            )
        )
        i += 1

    kept = [it for it in items if it.currency is not None or _cued(text, it)]
    _mark_conversions(text, kept)
    return [
        Money(
            start=it.start,
            end=it.end,
            currency=it.currency,
            amount=_to_float(it.amount),
            low=_to_float(it.low),
            high=_to_float(it.high),
            converted=it.converted,
        )
        for it in kept
    ]
