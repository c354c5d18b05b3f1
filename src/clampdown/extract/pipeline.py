"""The extraction pipeline: a Document in, an ExtractionResult out.

Each step scans the text once: the gazetteer (one Aho-Corasick pass), money and date
expressions (compiled regexes), then sentences are read one by one. No I/O happens here;
reading input comes before, storing after.
"""

from __future__ import annotations

import calendar
import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from copy import copy
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, cached_property
from itertools import accumulate
from typing import Literal

from clampdown.errors import ExtractionError
from clampdown.extract.candidates import with_document
from clampdown.extract.consolidate import (
    amount_per_item,
    amount_told_before,
    amounts_told_later,
    amounts_told_next,
    date_from_report,
    link_responses,
    merge_duplicates,
    range_told_later,
    told_next,
)
from clampdown.extract.context import DocContext, Ref
from clampdown.extract.dates import find_dates, lede_day, may_hold_date
from clampdown.extract.events import SentenceReader
from clampdown.extract.gates import apply_gates
from clampdown.extract.language import (
    SUPPORTED,
    LanguagePack,
    casefold_same_length,
    language_pack,
)
from clampdown.extract.money import find_money
from clampdown.extract.names import common_words_named, introduced, unknown_names
from clampdown.extract.prefilter import may_hold_event
from clampdown.extract.quick import finditer_at_literals
from clampdown.extract.references import describes_company
from clampdown.extract.scorer import keep_scored, shipped_scorer
from clampdown.extract.sentences import is_prose, sentences_near, split_sentences
from clampdown.extract.triggers import Hit, scan_document
from clampdown.langid import detect_language as identify_language
from clampdown.languages import DEFAULT, language
from clampdown.model import (
    DateMention,
    Document,
    Entity,
    Event,
    ExtractionResult,
    Mention,
    Money,
    Span,
)
from clampdown.resolve.compiled import compiled
from clampdown.resolve.gazetteer import Gazetteer, resolve_generic
from clampdown.resolve.kb import load_kb
from clampdown.settings import Settings


@cache
def gazetteer() -> Gazetteer:
    """The knowledge base compiled into one automaton, once per process (kept on disk
    between processes by `resolve/compiled.py`)."""
    return compiled().gazetteer


NEWS_WINDOW = timedelta(days=8)


def news_date(dates: list[DateMention], published: date | None, story: int = 0) -> str | None:
    """The first full date of the story within a week before publication (`NEWS_WINDOW`).

    A lede ("Regulator X fined Y ...") rarely dates itself; the next lines do ("said on
    Monday"). Older dates are background (a date weeks old told further on is what led to
    the news, not its day) and never date the lede, nor do the page's lines
    before the story's first sentence (`story`, from `first_prose`: a date line, a byline,
    the day of the page).
    """
    if published is None or published < date.min + NEWS_WINDOW:
        return None
    for d in dates:
        if d.start < story:
            continue
        if d.value and len(d.value) == 10:
            day = date.fromisoformat(d.value)
            if published - NEWS_WINDOW <= day <= published:
                return d.value
    return None


def first_prose(text: str) -> int:
    """Where a text's first prose line starts (0 when none is)."""
    for m in _PARAGRAPH.finditer(text):
        if is_prose(m.group()):
            return m.start()
    return 0


def publication(document: Document, lang: str) -> tuple[date | None, str | None]:
    """The day relative dates count from, and the date an act the text never dates takes.

    A stated day is both. A month or year alone ("2022-08") is the date of undated acts,
    and its last day the reference for relative ones (see `_within_period`); with no
    publication date at all, the last day the text dates in full stands in, or the last month
    it names with its year where that is later.
    """
    if document.published is not None:
        return document.published, document.published.isoformat()
    period = document.published_period
    if period is None:
        stated, named = latest_stated(document.text, lang)
        if named is not None and (stated is None or named > stated.isoformat()[:7]):
            period = named  # "in November 2020" after the last full date "31.07.2020"
        else:
            return stated, stated.isoformat() if stated else None
    try:
        year = int(period[:4])
        month = int(period[5:7]) if len(period) == 7 else 12
        return date(year, month, calendar.monthrange(year, month)[1]), period
    except ValueError:  # a period no calendar has ("0000", "2022-13"): as if none were given
        return None, None


def _within_period(dates: list[DateMention], period: str | None) -> list[DateMention]:
    """Dates counted from a publication month or year: a weekday or "yesterday" then names
    no day, only the period; dates written with their own numbers keep their day."""
    if period is None:
        return dates
    return [
        d if not d.value or _DIGIT.search(d.text) else replace(d, value=d.value[: len(period)])
        for d in dates
    ]


def latest_stated(text: str, lang: str) -> tuple[date | None, str | None]:
    """The last day a document dates in full ("On 1 September 2023") and the last month it
    names, each with its own year (not a guess): a report is published no earlier. A later
    day its first sentence names without a year ("MOSCOW, 2 April") is the story's own
    (`dates.lede_day`)."""
    own = [d.value for d in find_dates(text, None, lang) if d.value and _YEAR.search(d.text)]
    days = [v for v in own if len(v) == 10]
    months = [v[:7] for v in own if len(v) >= 7]
    day = date.fromisoformat(max(days)) if days else None
    day = lede_day(text, first_prose(text), day, lang) or day  # the story's own day, later
    return day, (max(months) if months else None)


@cache
def _governments() -> dict[str, Entity]:
    """Each country's government, which "Buhari's administration" stands for."""
    out: dict[str, Entity] = {}
    for e in load_kb().by_role("authority"):
        # The cabinet ("ru.government"), not another body of that kind ("ru.kremlin").
        if e.kind == "government" and e.country and e.id == f"{e.country.lower()}.{e.kind}":
            out.setdefault(e.country, e)
    return out


@cache
def _countries() -> dict[str, Entity]:
    return {e.country: e for e in load_kb().by_role("country") if e.country}


def detect_language(text: str) -> str:
    """The language of a document that does not state one: a supported code, "other"
    (never read), or English when the text is too short to tell."""
    return identify_language(text) or DEFAULT


@cache
def _common_words(lang: str) -> frozenset[str]:
    """Words of the language that are names only in other languages ("Tor" in German)."""
    found = language(lang)
    return found.common_words if found is not None else frozenset()


@cache
def _possessive(lang: str) -> re.Pattern[str] | None:
    """What marks a name as a possessor in the language ("Google's"), if anything."""
    found = language(lang)
    return found.possessive if found is not None else None


@cache
def _time_budget() -> float:
    """Seconds one document may take (`max_extract_seconds`; 0 or less: no limit)."""
    return Settings.from_env().max_extract_seconds


def extract(
    document: Document,
    candidates: Literal["scored", "none", "all"] = "scored",
    *,
    prefilter: bool = True,
) -> ExtractionResult:
    """Find every event of `document`, each with its evidence sentence and offsets.

    `candidates`: "scored" keeps the second-chance readings the shipped scorer accepts
    (none where the scorer is shipped disabled), "none" gives the rules' events only, "all"
    every candidate (to train the scorer).

    `prefilter` stops reading, at no loss, a document that cannot hold an event: one with no
    trigger (every event starts at one), or one naming no entity (every event names its key
    party). Most news says nothing about platforms and costs one pass of each. It also
    reads only the sentences around a trigger (`_read_sentences`). Turning it off reads
    every sentence of every document; it only makes extraction slower (the tests compare
    both, record for record).
    """
    text = document.text
    lang = document.lang or detect_language(text)
    if lang not in SUPPORTED:
        # No language pack: English rules would only misread the text.
        return ExtractionResult(document=document)
    pack = language_pack(lang)
    low = casefold_same_length(text)
    hits, cue_starts = scan_document(pack, text, low)
    if prefilter and not hits:
        return ExtractionResult(document=document)
    names = introduced(text, pack, low, cue_starts)
    if prefilter:
        split: dict[int, list[Span]] = {}  # the lines split so far, by where each starts
        if not may_hold_event(text, low, pack, hits, gazetteer(), names, split):
            return ExtractionResult(document=document)  # the gazetteer read only near them
        # Reading needs the sentences around triggers (see `_read_sentences`).
        sentences = sentences_near(text, [h.start for h in hits], pack.abbreviations, split)
    else:
        sentences = split_sentences(text, pack.abbreviations)
    named = gazetteer().find(text)
    money = find_money(text, lang)
    wire = _Credits(text, low, pack.credit_line)
    known = _outside_credits(named, wire)
    kb = load_kb()  # a name of another language only is no name here ("Indiana" in English)
    common = _common_words(lang)
    known = common_words_named(text, known, common, names, lang)
    known = [m for m in known if kb.read_in(m.surface, lang)]
    cited = _Credits(text, low, pack.lead_attribution)  # read once for both kinds of names
    known = _outside_credits(known, cited, _PUBLICATIONS)
    known = _outside_money(known, money)
    known = resolve_generic(known, _story_country(known))
    new = [_known_site(m) for m in unknown_names(text, pack, known, names)]
    new = _outside_credits(_outside_credits(new, wire), cited, _PUBLICATIONS)
    new = _outside_money(new, money)  # "Sh5 million" is no outlet's name
    known = [m for m in known if not any(n.start <= m.start and m.end <= n.end for n in new)]
    mentions = sorted(known + new, key=lambda m: m.start)
    if prefilter and not mentions:
        return ExtractionResult(document=document)
    refs = [_ref(text, m, _possessive(lang), pack) for m in mentions]
    describing = [describes_company(text, pack, refs, i) for i in range(len(refs))]
    ctx = DocContext(
        text=text,
        low=low,
        trigger_hits=hits,
        pack=pack,
        mentions=[r for r, d in zip(refs, describing, strict=True) if not d],
        describers=[r for r, d in zip(refs, describing, strict=True) if d],
        money=money,
        when=_DocumentDates(document, lang),
        paragraphs=[(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)],
        undated=document.published is None,
        countries=_countries(),
        governments=_governments(),
    )
    scorer = shipped_scorer() if candidates == "scored" else None
    # Candidates are read only where the prefilter would let the document through, so that
    # turning it off changes nothing (it let this one through where it ran).
    ctx.candidates = (candidates == "all" or scorer is not None) and (
        prefilter or may_hold_event(text, low, pack, hits, gazetteer(), names)
    )
    if sentences:
        ctx.lede_end = ctx.paragraph_of(sentences[0].start)[1]
    budget = _time_budget()
    deadline = time.monotonic() + budget if budget > 0 else None
    events: list[Event] = []
    second: list[Event] = []  # second-chance candidates (`candidates.py`)
    needed = _read_sentences(sentences, hits) if prefilter else [True] * len(sentences)
    for sent, read in zip(sentences, needed, strict=True):
        if deadline is not None and time.monotonic() > deadline:
            raise ExtractionError(
                f"{document.source or document.id}: extraction took over max_extract_seconds"
                f" ({budget:g} s); skipped"
            )
        if not read and ctx.awaited is None:  # an act still waiting for its list reads on
            continue
        pending = ctx.pending_amounts
        found = SentenceReader(ctx, sent).events()
        for ev in found:
            (second if ev.candidate else events).append(ev)
        if pending and ctx.pending_amounts is pending:
            ctx.pending_amounts = []  # an amount waits one sentence for its targets
    link_responses(events, ctx.by_id)
    found = apply_gates(merge_duplicates(events, pack.another_act), ctx)
    second = _gated_candidates(second, found, ctx)
    if not found and not second:  # nothing left to date: the publication date is never worked out
        return ExtractionResult(document=document)
    if prefilter and any(told_next(ev) for ev in found + second):  # the sentence after may be any
        sentences = split_sentences(text, pack.abbreviations)
    for group in (found, second) if second else (found,):
        amounts_told_later(group, sentences, money, text, lang, pack.fine_size, ctx.mentions)
        amounts_told_next(group, sentences, money, text, lang)
        amount_told_before(group, money, text, lang)
        amount_per_item(
            group, sentences, money, text, pack.per_item_before, pack.per_item_after, ctx.mentions
        )
        range_told_later(group, money)
        date_from_report(group, ctx.published, pack.repeated_acts)
    if candidates != "all":
        return ExtractionResult(document=document, events=keep_scored(found + second, scorer))
    return ExtractionResult(document=document, events=found + second)


def _gated_candidates(second: list[Event], rules: list[Event], ctx: DocContext) -> list[Event]:
    """The candidates that pass the precision gates read beside the rule events (copies:
    gating the rule events again must not change them), with the features that only the
    whole document's rule events tell (`candidates.with_document`)."""
    if not second:
        return second
    kept = {id(ev) for ev in apply_gates([copy(ev) for ev in rules] + second, ctx)}
    second = [ev for ev in second if id(ev) in kept]
    with_document(second, rules)
    return second


class _DocumentDates:
    """A document's publication date and the dates of its text, worked out when first asked
    for: most documents with a trigger never reach a step that dates an act."""

    def __init__(self, document: Document, lang: str) -> None:
        self.document = document
        self.lang = lang

    @cached_property
    def _publication(self) -> tuple[date | None, str | None]:
        return publication(self.document, self.lang)

    @property
    def published(self) -> str | None:
        return self._publication[1]

    @cached_property
    def dates(self) -> list[DateMention]:
        period = self.document.published_period
        month = period if self.published == period and len(period or "") == 7 else None
        found = find_dates(self.document.text, self._publication[0], self.lang, month)
        return _within_period(found, self.document.published_period)

    @cached_property
    def news_date(self) -> str | None:
        return news_date(self.dates, self._publication[0], first_prose(self.document.text))

    def within(self, start: int, end: int) -> list[DateMention]:
        """Reading asks this of the few words before a trigger: where they hold no digit
        and no date word, the text's dates are not worked out for them."""
        text = self.document.text
        if "dates" not in self.__dict__ and not may_hold_date(text, start, end, self.lang):
            return []
        return [d for d in self.dates if start <= d.start and d.end <= end]


def _read_sentences(sentences: list[Span], hits: list[Hit]) -> list[bool]:
    """Which sentences reading must see: those with a trigger, and the sentence before each.
    Any other sentence reports nothing and leaves the reader as it found it but for the
    state it opens with (`DocContext.topic`), which only the next sentence reads, and only
    where that one has a trigger (its anaphora, which only a sentence with a trigger
    resolves): with neither a trigger nor a list awaited from the sentence before (a list
    awaited is read on whatever this says, see `extract`), its own references and topic do
    not depend on what came before, and a topic it leaves is replaced by the next sentence
    read before any trigger's sentence reads it, the sentence before that trigger. An
    amount a sentence leaves pending (`DocContext.pending_amounts`) is read by a trigger of
    the next sentence alone, so one not cleared by a skipped sentence is cleared by the
    sentence before the next trigger, which is read."""
    with_hits = [False] * len(sentences)
    starts = [h.start for h in hits]
    for i, sent in enumerate(sentences):
        lo = bisect_left(starts, sent.start)
        hi = bisect_left(starts, sent.end)
        with_hits[i] = any(h.end <= sent.end for h in hits[lo:hi])  # as `find_triggers`
    last = len(sentences) - 1
    return [w or (i < last and with_hits[i + 1]) for i, w in enumerate(with_hits)]


_PARAGRAPH = re.compile(r"[^\n]+")
_YEAR = re.compile(r"\d{4}")
_DIGIT = re.compile(r"\d")


class _Credits:
    """Where a credit's named groups are in a text: a paragraph's wire credit ("MOSCOW
    (Reuters) -") or a photo's credit after its caption, whose names are no party, known
    or not; or the publication a sentence opens by citing ("According to Reuters,"); read
    when first asked for."""

    def __init__(self, text: str, low: str, credit: re.Pattern[str]) -> None:
        self.text = text
        self.low = low
        self.credit = credit

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        # Tried only where a match's first words are (a wire credit's line may begin with
        # anything: it runs over the whole text).
        found = finditer_at_literals(self.credit, self.text, self.low)
        return [m.span(g) for m in found for g in m.re.groupindex if m.group(g)]


def _outside_credits(
    mentions: list[Mention], credits: _Credits, roles: frozenset[str] | None = None
) -> list[Mention]:
    """Names other than those inside credits; `roles` limits what is dropped (a state body
    cited so may be the actor). The credits are read only where a name may be dropped."""
    if not any(roles is None or m.entity.role in roles for m in mentions):
        return list(mentions)
    spans = credits.spans
    return [
        m
        for m in mentions
        if (roles is not None and m.entity.role not in roles)
        or not any(s <= m.start < e for s, e in spans)
    ]


_PUBLICATIONS = frozenset({"platform"})


@cache
def _platforms_by_word() -> dict[str, Entity]:
    """Platforms by a one-word name in lower case: what a web address spells."""
    out: dict[str, Entity] = {}
    for ent in load_kb().by_role("platform"):
        for name in (ent.name, *ent.aliases):
            if name.isalnum():
                out.setdefault(name.lower(), ent)
    return out


def _known_site(m: Mention) -> Mention:
    """A web address of a known platform is that platform ("instagram.com", "amazon.de")."""
    if m.entity.kind != "site":
        return m
    ent = _platforms_by_word().get(m.surface.split(".")[0].lower())
    return replace(m, entity=ent) if ent is not None else m


def _outside_money(mentions: list[Mention], money: list[Money]) -> list[Mention]:
    """The mentions inside no amount: in "US$10 million", "10 million U.S. dollars" a
    currency's country is no party. An amount holds a mention where, of the amounts that
    start at or before it, the one reaching furthest ends at or after it."""
    spans = sorted((x.start, x.end) for x in money)
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))
    return [
        m for m in mentions if not ((i := bisect_right(starts, m.start)) and reach[i - 1] >= m.end)
    ]


def _ref(text: str, m: Mention, possessive: re.Pattern[str] | None, pack: LanguagePack) -> Ref:
    """A mention as a reference; an owner ("Google's", "run by Google") or a host ("the
    Telegram channel Nexta") is marked possessive: what it owns or hosts is acted on."""
    owns = possessive is not None and possessive.match(text, m.end) is not None
    owns = owns or pack.names_owner(text, m.start)
    owns = owns or (m.entity.role == "platform" and pack.host_after.match(text, m.end) is not None)
    return Ref(m.entity, m.start, m.end, possessive=owns)


def _story_country(mentions: list[Mention]) -> str | None:
    """The country a story is about: the one its authorities and states name most."""
    counts = Counter(
        m.entity.country
        for m in mentions
        if not m.alternatives and m.entity.country and m.entity.role != "platform"
    )
    return counts.most_common(1)[0][0] if counts else None
