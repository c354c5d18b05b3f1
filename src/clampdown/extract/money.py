"""Find amounts of money in news text.

The amount of a FINE is the one numeric field of an event, and reporters write it in many
ways: "21 mln roubles", "₽5m", "A$610,500 ($386,000)", "7 221 916 235 рублей",
"от 800 тыс. до 4 млн руб.". Every figure is read as one shape,

    [currency prefix] number [multiplier [multiplier]] [currency name] [sub-unit]

and all words come from data: currency signs and codes from `lexicons/currencies.yaml`,
each language's currency names, multipliers, number words and cue words from
`lexicons/<code>/money.yaml`, so adding a language means adding data, not code. Text is
read with its own language's words only (Turkish "on" is 10, English "on" is no number);
text in a language without a folder with every language's words. A figure without
any currency is kept only when a money cue ("fine", "штраф") stands just before it, so that
"60 million users", years and percentages are never money.

Cheap first-character scans find where a figure can start (a digit, a currency sign, a
number word), one compiled pattern reads the figure there, and two short passes join ranges
and flag converted figures ("21 million rubles (245,000 euros)"). About 0.3 ms for 3 KB.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from clampdown import regexcache
from clampdown.extract.quick import matches_at, word_automaton, word_char, word_starts
from clampdown.languages import LEXICONS, LanguageError, languages, read_yaml, registry
from clampdown.model import Money
from clampdown.regexwords import NEVER

__all__ = ["find_money"]


_HS = r"[^\S\n]"  # horizontal space: a figure never spans a line break
_WS = _HS + "+"
_SP = rf"(?:{_HS}{{1,3}}|{_HS}?-{_HS}?)?"  # between parts: nothing, spaces or one hyphen
_SPACE_CHARS = " \u00a0\u202f\u2009\u2007"


def _norm(s: str) -> str:
    """Lookup key of a matched word: case- and spacing-insensitive."""
    return " ".join(s.split()).lower()


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
    if not root:
        return NEVER  # no words: a pattern that matches nothing, not everywhere

    def emit(node: dict[str, Any], last: str) -> str:
        alts = []
        for tok in sorted(k for k in node if k):
            piece = _WS if tok == " " else re.escape(tok)
            if guard_after_first and node is root and word_char(tok):
                piece += r"(?<!\w.)"
            alts.append(piece + emit(node[tok], tok))
        tail = guard_end if word_char(last) else ""
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
    wordy = [w for w in uniq if word_char(w[0])]
    other = [w for w in uniq if not word_char(w[0])]
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
        return NEVER
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


# --- the tables of a set of languages -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _RangeRule:
    opener: re.Pattern[str] | None  # must end the text before the low figure
    connector: str


def _merged_map(tables: Iterable[dict[str, Any] | None]) -> dict[str, Decimal]:
    """Word -> value mappings of the languages merged into one normalised table."""
    out: dict[str, Decimal] = {}
    for table in tables:
        for k, v in (table or {}).items():
            out[_norm(str(k))] = Decimal(str(v))
    return out


class _Lexicon:
    """Every table and pattern of the money words of some languages (one, or all of them
    for text in a language without a folder), built once per set of languages."""

    def __init__(self, shared: dict[str, Any], langs: list[dict[str, Any]]) -> None:
        def words(key: str) -> list[str]:
            out = [w for lang in langs for w in lang.get(key) or ()]
            for w in out:
                if not isinstance(w, str):  # YAML reads a bare `on` or `no` as a boolean
                    raise LanguageError(f"money.yaml: {key}: quote the word {w!r}")
            return out

        self.codes: set[str] = set()
        self.symbol_to_code: dict[str, str] = {}  # exact (case-sensitive) symbols, prefixes
        self.name_to_code: dict[str, str] = {}  # normalised names
        self.symbol_forms: list[str] = []
        for code, spec in (shared.get("currencies") or {}).items():
            code, spec = str(code), spec or {}
            self.codes.add(code)
            for sym in spec.get("symbols") or []:
                self.symbol_to_code[" ".join(sym.split())] = code
                self.symbol_forms.append(sym)
            for pre in spec.get("prefixes") or []:
                self.symbol_to_code[" ".join(pre.split())] = code
        for lang in langs:
            for code, names in (lang.get("currencies") or {}).items():
                self.codes.add(str(code))
                for name in names or ():
                    self.name_to_code.setdefault(_norm(str(name)), str(code))

        self.ambiguous = {_norm(x) for x in words("ambiguous_names")}
        # Signs and names several countries' currencies share, and each country's own.
        self.shared_names = {_norm(x) for x in words("shared_names")}
        self.shared_symbols: set[str] = set()
        self.local: dict[str, dict[str, str]] = {}
        for code, spec in (shared.get("shared") or {}).items():
            self.shared_symbols.update(str(x) for x in spec.get("symbols") or ())
            self.local[str(code)] = {
                str(k).upper(): str(v) for k, v in (spec.get("countries") or {}).items()
            }
        self.home = {str(k): str(v).upper() for k, v in (shared.get("home") or {}).items()}
        self.own = {v: k for k, v in self.home.items()}
        self.multipliers = _merged_map(lang.get("multipliers") for lang in langs)
        self.attached = {
            _norm(str(k)): Decimal(str(v))
            for k, v in (shared.get("attached_multipliers") or {}).items()
        }
        self.number_words = _merged_map(lang.get("number_words") for lang in langs)
        self.mult_only_words = _merged_map(lang.get("multiplier_only_words") for lang in langs)
        self.tails = _merged_map(lang.get("number_word_tails") for lang in langs)
        subunits = words("subunits")

        tens = [w for w, v in self.number_words.items() if v >= 20 and v < 100 and v % 10 == 0]
        units = [
            w for w, v in self.number_words.items() if 1 <= v <= 9 and v == v.to_integral_value()
        ]
        # A letter prefix may touch the digits ("Rs5 crore", "USD5m") but not another letter.
        cs_prefix = _alt(
            list(self.symbol_to_code) + sorted(self.codes),
            guard_start=True,
            guard_end=r"(?![^\W\d_])",
        )
        mult_rx = _alt(self.multipliers)
        wnum_rx = (
            rf"(?:(?:{_alt(tens, guard_start=True)})-?{_HS}*(?:{_alt(units)})"
            rf"|{_alt(self.number_words, guard_start=True)})"
            rf"(?:{_WS}(?:{_alt(self.tails)}))?"
            rf"|(?:{_alt(self.mult_only_words, guard_start=True)})(?={_WS}(?:{mult_rx}))"
        )
        suffix_rx = (
            rf"(?P<suf>(?-i:{_alt(sorted(self.codes))})"
            rf"|(?-i:{_alt(self.symbol_forms)})(?!{_HS}*[0-9])"
            rf"|{_alt(self.name_to_code)})"
        )
        sub_join = _alt(words("subunit_joiners"))
        self.sum_joiner = regexcache.compile(rf"{_WS}(?:{sub_join}){_WS}", re.IGNORECASE)
        attached_rx = f"{_alt(self.attached)}|{_alt(k.upper() for k in self.attached)}"
        # What follows the number: multipliers, the currency, a sub-unit.
        # A suffix a language writes on the digits without changing the number ("665'er":
        # 665 each), before the multiplier.
        num_suffix = words("number_suffixes")
        suffix_opt = rf"(?:(?<=[0-9])(?:{_alt(num_suffix)}))?" if num_suffix else ""
        units_rx = rf"""
            {suffix_opt}
            (?:
                (?<=[0-9])(?P<att>(?-i:{attached_rx}))
              | {_SP}(?P<mult>{mult_rx})(?:{_SP}(?P<mult2>{mult_rx}))?
            )?
            (?:
                {_SP}{suffix_rx}
                (?:{_WS}(?:{sub_join}{_WS})?(?P<sub>[0-9]{{1,2}}){_HS}*(?P<subn>{_alt(subunits)}))?
            )?
            """
        self.candidate = regexcache.compile(
            rf"""
            (?:
                (?P<pre>(?-i:{cs_prefix})){_HS}?(?P<num>{_NUM_RX})
              | (?=[0-9])(?<!\w)(?<![0-9][.,])(?P<num2>{_NUM_RX})
              | (?P<wnum>{wnum_rx})
            )
            {units_rx}
            """,
            re.IGNORECASE | re.VERBOSE,
        )
        # After a number a library read in words: its tail ("and a half"), then the units.
        self.after_words = regexcache.compile(
            rf"(?:{_WS}(?P<tail>{_alt(self.tails)}))?{units_rx}", re.IGNORECASE | re.VERBOSE
        )
        # The libraries that read the languages' numbers written in words, and the words
        # after which such a number can be money (a multiplier or a currency name).
        self.readers = tuple(
            (str(lang["code"]), str(lang["number_reader"]))
            for lang in langs
            if lang.get("number_reader")
        )
        self.unit_anchor = regexcache.compile(
            _alt([*self.multipliers, *self.name_to_code], guard_start=True)
        )
        self.unit_starts = _first_words([*self.multipliers, *self.name_to_code])

        # Anchors: positions where a figure can start. Scanning for them with patterns that
        # the regex engine can skip through by first character, then matching `candidate`
        # only there, is several times faster than `candidate.finditer` over the whole text.
        self.sign_anchor = regexcache.compile(
            "[0-9"
            + "".join(sorted({re.escape(f[0]) for f in self.symbol_forms if not word_char(f[0])}))
            + "]+"
        )
        self.word_anchor = regexcache.compile(
            _trie(
                {
                    *self.number_words,
                    *(f"{w} {m}" for w in self.mult_only_words for m in self.multipliers),
                },
                r"(?!\w)",
                guard_after_first=True,
            )
        )
        self.word_anchor_ci = regexcache.compile(self.word_anchor.pattern, re.IGNORECASE)
        # Letter prefixes ("US$", "A$", "Rs", "TRY") are case-sensitive, so they are found in
        # the original text, where their capital first letters are rare.
        self.prefix_anchor = regexcache.compile(
            _trie(
                {w for w in [*self.symbol_to_code, *self.codes] if word_char(w[0])},
                r"(?![^\W\d_])",
                guard_after_first=True,
            )
        )

        hedge_rx = _word_list_rx(words("hedges"))
        join_rx = _word_list_rx(words("conversion_joiners"))
        # "21 million rubles (245,000 euros)", "8.9 mln rouble fine (about $125,000)",
        # "10 million rubles (or about $135,000)": up to three words, a bracket, a joiner, a
        # hedge.
        self.bracket_gap = regexcache.compile(
            rf"(?:{_HS}+[^\W\d_][\w'’.-]*){{0,3}}{_HS}*[(\[]{_HS}*"
            rf"(?:(?:{join_rx}){_HS}*)?(?:(?:{hedge_rx}){_HS}*)?",
            re.IGNORECASE,
        )
        # "5 million rubles, or about $70,000"; "NOK 65 000 000 – approximately € 6.5
        # million", "500 milhões de euros, aproximadamente 3,2 bilhões de reais": after a
        # dash or a comma, a hedge alone marks the restated figure
        self.join_gap = regexcache.compile(
            rf"{_HS}*,?{_HS}*(?:(?:{join_rx}){_HS}*(?:(?:{hedge_rx}){_HS}*)?"
            rf"|[\u2013\u2014,]{_HS}*(?:{hedge_rx}){_HS}*)",
            re.IGNORECASE,
        )
        self.bracket_cont_gap = regexcache.compile(
            rf"[\s,;/]*(?:{_alt(words('conversion_list_joiners'))}{_WS})?"
            rf"(?:(?:{hedge_rx}){_HS}*)?",
            re.IGNORECASE,
        )
        self.cue_rx = _stems_rx(words("money_cues"))
        self.list_joiners = {_norm(w) for w in words("conversion_list_joiners")}
        self.change_rx = _stems_rx(words("change_words"))
        self.followers = {_norm(w) for w in words("cue_followers")}
        # Languages that write common nouns in lower case: a capitalised word after the
        # figure names whom it was imposed on, not the things it counts (true only where
        # every language of the lexicon says so).
        self.names_follow = bool(langs) and all(lang.get("names_follow_cued") for lang in langs)
        self.comma_langs = {str(x).lower() for x in shared.get("decimal_comma_languages") or ()} | {
            str(lang["code"]) for lang in langs if lang.get("decimal_comma")
        }

        rules = []
        pairs = [pair for lang in langs for pair in lang.get("ranges") or ()]
        pairs += [["", dash] for dash in shared.get("range_dashes") or ()]
        for opener, connector in pairs:
            rx = None
            if opener:
                rx = regexcache.compile(
                    rf"(?<!\w)(?:{_WS.join(map(re.escape, opener.split()))}){_WS}"
                    rf"(?:(?:{hedge_rx}){_WS})?$",
                    re.IGNORECASE,
                )
            rules.append(_RangeRule(rx, _norm(connector)))
        # Rules with an opener first, so "from X to Y" takes its opener into the span.
        rules.sort(key=lambda r: r.opener is None)
        self.range_rules = rules


_NUM_RX = (
    r"[0-9]{1,3}(?:[ \u00a0\u202f\u2009\u2007][0-9]{3})+(?:[.,][0-9]+)?(?![0-9])"
    r"|[0-9]+(?:[.,'’][0-9]+)*(?![0-9])"
)


def _word_list_rx(words: Iterable[str]) -> str:
    return _alt(words, guard_start=True)


def _stems_rx(stems: list[str]) -> re.Pattern[str]:
    if not stems:
        return regexcache.compile(NEVER)
    return regexcache.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(s) for s in stems) + r")", re.IGNORECASE
    )


@cache
def _lexicon(codes: tuple[str, ...]) -> _Lexicon:
    shared = read_yaml(LEXICONS / "currencies.yaml", "lexicons/currencies.yaml")
    langs = []
    for code in codes:
        lang = registry()[code]
        langs.append({**lang.read("money.yaml"), "code": code, "number_reader": lang.number_reader})
    return _Lexicon(shared, langs)


def _lexicon_for(lang: str | None) -> _Lexicon:
    return _lexicon(tuple(x.code for x in languages(lang)))


_MAX_GAP = 80  # conversions sit right after the figure they convert
_NEXT_WORD = re.compile(rf"{_HS}*(\w+)")
_CLAUSE_END = re.compile(r"[.!?;\n](?=\s)|\n")


def _anchors(lex: _Lexicon, text: str, read: Iterable[int]) -> list[int]:
    """Sorted positions where a digit, a currency sign or a number/prefix word starts, and
    the starts of the numbers in words that a library `read`."""
    found = [m.start() for m in lex.sign_anchor.finditer(text)]
    found.extend(read)
    found.extend(m.start() for m in lex.prefix_anchor.finditer(text))
    low = text.lower()
    if len(low) == len(text):  # lower() keeps offsets except for rare letters such as "İ"
        found.extend(m.start() for m in lex.word_anchor.finditer(low))
    else:
        found.extend(m.start() for m in lex.word_anchor_ci.finditer(text))
    found.sort()
    return found


# --- numbers written in words, read by a library ---------------------------------------


class _Token:
    """A word or a sign of the text, as text2num's `find_numbers` reads them."""

    __slots__ = ("end", "start", "word")

    def __init__(self, m: re.Match[str]) -> None:
        self.word, self.start, self.end = m.group(), m.start(), m.end()

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


_TOKEN = re.compile(r"[^\W\d_]+|[0-9]+|\S")  # text2num reads "twenty - five" as 25
_BEFORE_UNIT = 80  # characters before a multiplier or currency name searched for its number
_Read = tuple[int, int, Decimal]  # start, end and value of a number written in words


def _read_numbers(lex: _Lexicon, text: str) -> dict[int, tuple[int, Decimal]]:
    """Start -> (end, value) of each number written in words that a language's library
    reads, without the multipliers after it (they are read as after digits: "five" and
    "million" as "5" and "million")."""
    found: dict[int, tuple[int, Decimal]] = {}
    for code, reader in lex.readers:
        spans = (
            _text2num(lex, code, text) if reader == "text2num" else _number_parser(lex, code, text)
        )
        for start, end, value in spans:
            found.setdefault(start, (end, value))
    return found


def _number_part(lex: _Lexicon, words: list[_Token]) -> list[_Token]:
    """The words of a number before the multipliers that end it ("twenty-five" of
    "twenty-five million"); none where it is nothing but words."""
    while words and (_norm(words[-1].word) in lex.multipliers or words[-1].word == "-"):
        words = words[:-1]
    return words if all(w.word.isalpha() or w.word == "-" for w in words) else []


def _text2num(lex: _Lexicon, code: str, text: str) -> list[_Read]:
    """text2num's numbers in the stretches before each multiplier or currency name: a
    number in words is money only there ("twenty-five million", "vinte e cinco reais")."""
    from text_to_num import find_numbers

    low = text.lower()
    windows: list[list[int]] = []  # stretches that end with a unit after a word
    for unit in _units(lex, low if len(low) == len(text) else text.casefold()):
        word = _word_before(text, unit.start())
        if not word or _norm(word) in lex.multipliers or _norm(word) in lex.name_to_code:
            continue  # "21 mln", "5 million rubles": digits, or units read from the first
        start = max(0, unit.start() - _BEFORE_UNIT)
        while 0 < start < unit.start() and text[start - 1].isalnum():
            start += 1  # from the start of a word
        if windows and start <= windows[-1][1]:
            windows[-1][1] = unit.end()  # "two hundred fifty million": one stretch
        else:
            windows.append([start, unit.end()])
    out: list[_Read] = []
    for start, end in windows:
        tokens = [_Token(m) for m in _TOKEN.finditer(text, start, end)]
        for o in find_numbers(tokens, code, 0.0):
            part = _number_part(lex, tokens[o.start : o.end])
            if o.is_ordinal or not part:
                continue
            if len(part) < o.end - o.start:  # read again without its multipliers
                again = find_numbers(part, code, 0.0)
                if len(again) != 1 or again[0].end - again[0].start != len(part):
                    continue
                o = again[0]
            out.append((part[0].start, part[-1].end, Decimal(str(o.value))))
    return out


def _first_words(words: Iterable[str]) -> ahocorasick.Automaton | None:
    """The first words of `words` in one automaton (None where one starts with a sign, or
    none is given): every match of `_alt(words, guard_start=True)` begins a word with one."""
    firsts = {re.sub(r"\s+", " ", w.strip()).split(" ")[0] for w in words if w and w.strip()}
    if not firsts or not all(word_char(w[0]) for w in firsts):
        return None
    return word_automaton(firsts)


def _units(lex: _Lexicon, low: str) -> list[re.Match[str]]:
    """What `lex.unit_anchor.finditer(low)` gives, tried only where a word begins with the
    first word of a unit's name (see `_first_words`), as `finditer` would: left to right,
    never inside the match before."""
    if lex.unit_starts is None:
        return list(lex.unit_anchor.finditer(low))
    return list(matches_at(lex.unit_anchor, low, word_starts(lex.unit_starts, low)))


def _word_before(text: str, pos: int) -> str:
    """The word that ends right before `pos` (spaces and hyphens between), or ""."""
    end = pos
    while end > 0 and (text[end - 1].isspace() or text[end - 1] == "-"):
        end -= 1
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


@cache
def _number_parser_words(code: str) -> re.Pattern[str]:
    """A run of the words number-parser knows as numbers of the language."""
    from number_parser.parser import LanguageData

    word = _alt(LanguageData(code).all_numbers, guard_start=True)
    return re.compile(rf"{word}(?:{_WS}{word})*")


def _number_parser(lex: _Lexicon, code: str, text: str) -> list[_Read]:
    """number-parser's numbers ("двадцать пять", "двух"), found among the words it knows,
    which it writes in one of the language's two spellings ("трех" for "трёх")."""
    folded = text.lower()
    for written, kept in registry()[code].spellings:
        folded = folded.replace(written, kept)
    if len(folded) != len(text):
        return []
    out: list[_Read] = []
    for m in _number_parser_words(code).finditer(folded):
        part = _number_part(lex, [_Token(w) for w in _TOKEN.finditer(text, m.start(), m.end())])
        if not part:
            continue
        value = _words_value(" ".join(t.word for t in part), code)
        if value is not None:
            out.append((part[0].start, part[-1].end, Decimal(value)))
    return out


@lru_cache(maxsize=4096)
def _words_value(words: str, code: str) -> int | float | None:
    """number-parser's value of a number in words; remembered, since each reading loads
    the language's tables afresh (about a millisecond) and news repeats a few numbers."""
    from number_parser import parse_number

    value: int | float | None = parse_number(words, language=code)
    return value


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
    scale: Decimal | None = None  # of a sum of parts: its last part's multiplier

    @property
    def value(self) -> Decimal:
        return self.raw * (self.mult if self.mult is not None else 1) + self.sub


_SUM_GAP = re.compile(rf"{_HS}{{1,3}}")


def _join_sums(lex: _Lexicon, text: str, cands: list[_Cand]) -> list[_Cand]:
    """A figure written as a sum of parts, each smaller than the multiplier before it:
    "1 milyon 950 bin lira", "335 milyon 730 bin 707 TL", "1 млн 950 тыс. рублей", and
    after a currency sign with a joining word: "R$ 1 bilhão e 200 milhões"."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        scale = None if prev is None else (prev.scale or prev.mult)
        if prev is None or scale is None:
            out.append(c)
            continue
        plain = prev.currency is None and _SUM_GAP.fullmatch(text, prev.end, c.start)
        signed = (
            prev.currency is not None
            and c.currency is None
            and c.mult is not None
            and not text[prev.start].isdigit()  # the currency stands before the first part
            and lex.sum_joiner.fullmatch(text, prev.end, c.start)
        )
        if (
            (plain or signed)
            and (c.mult is not None or c.currency is not None)
            and c.value < scale
            and (c.mult is None or c.mult < scale)
        ):
            out[-1] = _Cand(
                start=prev.start,
                end=c.end,
                raw=prev.value + c.value,
                mult=Decimal(1),
                sub=Decimal(0),
                currency=c.currency or prev.currency,
                scale=c.mult or Decimal(1),
            )
            continue
        out.append(c)
    return out


_MARKS = re.compile(r"[.,]")


def _parse_number(s: str, comma_decimal: bool, has_mult: bool) -> Decimal | None:
    """Read digits with thousands separators and a decimal mark; None when ambiguous junk.

    A single comma before exactly three digits groups thousands ("875,000") unless the
    language writes decimal commas and a multiplier follows ("1,500 млн"); any other single
    comma is decimal ("21,1"). A single dot is decimal ("5.125 million") except before
    exactly three digits and no multiplier ("10.000 Euro", "$128.973" in English too: money
    has no thousandths), unless the whole part is zero ("0.125").
    """
    if s.isdigit():  # digits alone, the most common figure (a year, a count): no marks
        return Decimal(s)
    for ch in _SPACE_CHARS + "'’":
        s = s.replace(ch, "")
    seps = [c for c in s if c in ",."]
    groups = _MARKS.split(s)
    try:
        if not seps:
            return Decimal(s)
        if len(seps) == 1:
            whole, frac = groups
            if len(frac) == 3 and (
                (seps[0] == "," and not (comma_decimal and has_mult))
                or (seps[0] == "." and not has_mult and whole.lstrip("0") != "")
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


def _word_value(lex: _Lexicon, s: str) -> Decimal | None:
    """Value of a written-out number: "twenty-five", "one and a half", "half a"."""
    key = _norm(s)
    tail = Decimal(0)
    for t, v in lex.tails.items():
        if key.endswith(" " + t):
            key, tail = key[: -len(t) - 1].strip(), v
            break
    if key in lex.number_words:
        return lex.number_words[key] + tail
    if key in lex.mult_only_words:
        return lex.mult_only_words[key] + tail
    parts = re.split(r"[-\s]+", key)
    if len(parts) == 2 and parts[0] in lex.number_words and parts[1] in lex.number_words:
        return lex.number_words[parts[0]] + lex.number_words[parts[1]] + tail
    return None


def _currency_of(lex: _Lexicon, pre: str | None, suf: str | None) -> str | None:
    """ISO code from the prefix (preferred: "$5 million dollars") or the suffix."""
    for form in (pre, suf):
        if not form:
            continue
        key = " ".join(form.split())
        if key in lex.symbol_to_code:
            return lex.symbol_to_code[key]
        if key in lex.codes:
            return key
        code = lex.name_to_code.get(_norm(form))
        if code:
            return code
    return None


def _candidate(
    lex: _Lexicon, m: re.Match[str], comma_langs: bool, lang_known: bool
) -> _Cand | None:
    """Turn one regex match into a figure, or None when it is not a readable number."""
    mult = _multiplier(lex, m)
    suf = m.group("suf")
    wnum = m.group("wnum")
    if wnum:
        raw = _word_value(lex, wnum)
        if raw is None:
            return None
        if mult is None and suf is not None and _norm(suf) in lex.ambiguous:
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
        currency=_currency_of(lex, m.group("pre"), suf),
    )


def _multiplier(lex: _Lexicon, m: re.Match[str]) -> Decimal | None:
    mult: Decimal | None = None
    if m.group("att"):
        mult = lex.attached.get(m.group("att").lower())
    for w in (m.group("mult"), m.group("mult2")):
        f = lex.multipliers.get(_norm(w)) if w else None
        if f is not None:
            mult = f if mult is None else mult * f
    return mult


def _read_candidate(lex: _Lexicon, start: int, raw: Decimal, m: re.Match[str]) -> _Cand | None:
    """A figure from a number a library read in words and the units matched after it."""
    mult = _multiplier(lex, m)
    suf = m.group("suf")
    if mult is None and suf is not None and _norm(suf) in lex.ambiguous:
        return None  # "no one won"
    if m.group("tail"):
        raw += lex.tails.get(_norm(m.group("tail")), Decimal(0))
    sub = Decimal(m.group("sub")) / 100 if m.group("sub") else Decimal(0)
    return _Cand(start, m.end(), raw, mult, sub, _currency_of(lex, None, suf))


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


def _as_range(lex: _Lexicon, text: str, a: _Cand, b: _Cand) -> _Item | None:
    """Join "from 800,000 to 4 million rubles" / "1-2 million" into one range, or None."""
    if b.start - a.end > 20:
        return None
    gap = _norm(text[a.end : b.start])
    if a.currency and b.currency and a.currency != b.currency:
        return None
    before = text[max(0, a.start - 60) : a.start]
    for rule in lex.range_rules:
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
        if lex.change_rx.search(clause):
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


_OPEN_BRACKET = re.compile(rf"{_HS}*\({_HS}*")
_CLOSE_BRACKET = re.compile(rf"{_HS}*\)")


def _bracketed(text: str, a: _Cand, b: _Cand) -> int | None:
    """Where the brackets close when figure `b` stands alone in brackets right after `a`."""
    if not _OPEN_BRACKET.fullmatch(text, a.end, b.start):
        return None
    close = _CLOSE_BRACKET.match(text, b.end)
    return close.end() if close else None


def _share_units(lex: _Lexicon, text: str, cands: list[_Cand]) -> None:
    """A bare figure listed before one with a multiplier and a currency shares them:
    "500 and 200 million euros" are two amounts of millions of euros, not a range."""
    for i in range(len(cands) - 1, 0, -1):
        a, b = cands[i - 1], cands[i]
        if a.mult is not None or a.currency is not None or b.mult is None or b.currency is None:
            continue
        if a.sub or a.raw >= 1000 or b.start - a.end > 6:
            continue
        if _norm(text[a.end : b.start]) not in lex.list_joiners:
            continue
        if _as_range(lex, text, a, b) is None:
            cands[i - 1] = replace(a, mult=b.mult, currency=b.currency)


def _cued(lex: _Lexicon, text: str, item: _Item) -> bool:
    """A currency-less figure is money only after a cue word and before a non-noun."""
    if not item.has_mult:
        return False
    window = text[max(0, item.start - 60) : item.start]
    clause = _CLAUSE_END.split(window)[-1]
    if not lex.cue_rx.search(clause):
        return False
    nxt = _NEXT_WORD.match(text, item.end)
    if nxt is None or _norm(nxt.group(1)) in lex.followers:
        return True
    hyphened = text.startswith("-", nxt.end())  # "Telegram-каналов" counts channels
    return lex.names_follow and nxt.group(1)[0].isupper() and not hyphened


def _carry_currency(text: str, items: list[_Item]) -> None:
    """A cued figure without a currency takes the one of the figure before it in its
    sentence: "fined Twitter 3 million rubles and Facebook 4 million". Conversions are
    skipped."""
    last: _Item | None = None
    for it in items:
        if last is not None and _CLAUSE_END.search(text, last.end, it.start):
            last = None
        if it.currency is None and last is not None:
            it.currency = last.currency
        elif it.currency is not None and not it.converted:
            last = it


def _mark_conversions(lex: _Lexicon, text: str, items: list[_Item]) -> None:
    """Flag figures that restate the one before in another currency."""
    in_bracket = False
    for prev, cur in zip(items, items[1:], strict=False):
        gap = text[prev.end : cur.start]
        if len(gap) > _MAX_GAP:
            in_bracket = False
            continue
        differs = prev.currency != cur.currency
        if differs and lex.bracket_gap.fullmatch(gap):
            cur.converted, in_bracket = True, True
        elif differs and lex.join_gap.fullmatch(gap):
            cur.converted, in_bracket = True, False
        elif in_bracket and prev.converted and lex.bracket_cont_gap.fullmatch(gap):
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


def local_currency(text: str, money: Money, country: str | None, lang: str | None) -> str | None:
    """A figure's currency in an act of `country`: where the figure is written with a sign
    or a name several currencies share ("$610,500", "65 million kronor") and the country's
    own currency goes by it, that one ("AUD" in Australia's acts); else as read. A figure
    written without any currency ("оштрафовал на 4 миллиона") is in the country's own
    currency, where the country has one of its own (RU: RUB)."""
    if country is None:
        return money.currency
    lex = _lexicon_for(lang)
    if money.currency is None:
        return lex.own.get(country.upper())
    local = lex.local.get(money.currency, {}).get(country.upper())
    if local is None:
        return money.currency
    written = text[money.start : money.end]
    digit = next((i for i, ch in enumerate(written) if ch.isdigit()), len(written))
    if written[:digit].strip() in lex.shared_symbols:
        return local
    tail = _norm(written[digit:])
    names = [n for n in lex.name_to_code if tail == n or tail.endswith(" " + n)]
    if names and max(names, key=len) in lex.shared_names:
        return local
    return money.currency


def home_country(currency: str | None) -> str | None:
    """The one country whose currency `currency` is (RUB: RU), or None for a currency
    several countries use or one the data does not place."""
    if currency is None:
        return None
    return _lexicon(()).home.get(currency.upper())


def find_money(text: str, lang: str | None = None) -> list[Money]:
    """Every amount of money in `text`, in order, with code-point offsets.

    `lang` (ISO 639-1) only decides how "1,500" / "1.500" are read; without it a figure
    written with Cyrillic words is read with a decimal comma.
    """
    if not text:
        return []
    lang_key = (lang or "").lower()[:2]
    lex = _lexicon_for(lang_key or None)
    comma_langs = lang_key in lex.comma_langs
    cands: list[_Cand] = []
    covered = 0
    read = _read_numbers(lex, text) if lex.readers else {}
    for pos in _anchors(lex, text, read):
        if pos < covered:
            continue
        if pos in read:
            end, raw = read[pos]
            after = lex.after_words.match(text, end)
            if after is not None:
                covered = after.end()
                word = _read_candidate(lex, pos, raw, after)
                if word is not None:
                    cands.append(word)
                continue
        m = lex.candidate.match(text, pos)
        if m is None or m.end() == pos:
            continue
        covered = m.end()
        c = _candidate(lex, m, comma_langs, bool(lang_key))
        if c is not None:
            cands.append(c)

    cands = _join_sums(lex, text, cands)
    _share_units(lex, text, cands)
    items: list[_Item] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            r = _as_range(lex, text, a, cands[i + 1])
            if r is not None:
                items.append(r)
                i += 2
                continue
        if i + 2 < len(cands):
            # "from 800,000 rubles ($10,850) to 4 million rubles": the low end's conversion
            # in brackets stands between the two ends
            close = _bracketed(text, a, cands[i + 1])
            r = None if close is None else _as_range(lex, text, replace(a, end=close), cands[i + 2])
            if r is not None:
                items.append(r)
                i += 3
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

    kept = [it for it in items if it.currency is not None or _cued(lex, text, it)]
    _mark_conversions(lex, text, kept)
    _carry_currency(text, kept)
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
