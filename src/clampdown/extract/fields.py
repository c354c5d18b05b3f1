"""The fields of an act in a sentence: its status (done or announced), negation, date and
amounts. The second layer of the sentence reader, on top of its references.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

from clampdown.extract.dates import find_dates, listed
from clampdown.extract.references import ReferenceReader
from clampdown.extract.triggers import Hit
from clampdown.languages import language
from clampdown.model import (
    NEWS,
    NO_DATE,
    PUBLISHED,
    RELATIVE,
    STATED,
    DateBasis,
    DateMention,
    Money,
)

# Acts that punish; one waiting on a condition is threatened, not imposed.
_PENALTIES = frozenset({"FINE", "BLOCK", "THROTTLE"})

# Acts whose content may itself be negative ("told X not to ..."): `negation_after` is not
# read for them, nor for acts told by a noun; and where the words after an act's verb end,
# for it (a clause's punctuation, a quotation, a sentence the splitter joined).
_CONTENT_NEGATIVE = frozenset({"DEMAND", "WARNING"})
_AFTER_STOP = re.compile(r"[,;:()\"\u201c\u201e\u00ab\u00bb]|[.!?]\s")

# Two dates joined by a dash alone ("1 July - 31 December 2018") bound one period.
_DASH_GAP = re.compile(r"\s*[-\u2013\u2014]\s*")
# A date that closes a bracket opened by words of its own: a wire's dateline ("(UrduPoint
# News / Sputnik - 30th January, 2021)"), the day of the report rather than of its act.
_DATELINE_OPEN = re.compile(r"\([^()]*[^\W\d_][^()]*$")
_DATELINE_CLOSE = re.compile(r"\s*\)")

# The dates between two places of the text, as a sentence reader sees them.
_Dates = Callable[[int, int], list[DateMention]]


@cache
def _part_break(code: str) -> re.Pattern[str]:
    """What parts a sentence listing several sums ("in April for 5 million, in November for
    2 million and in February ..."): a comma or the language's conjunctions; a dash links a
    date to its sum ("в ноябре – на 2 миллиона")."""
    lang = language(code)
    words = "|".join(re.escape(w) for w in (lang.conjunctions if lang is not None else ()))
    return re.compile(rf"[,;:]|\b(?:{words})\b" if words else r"[,;:]")


def ahead_of(value: str, published: str) -> str:
    """A planned act's date moved a year on when it falls before the report's date."""
    if value[: len(published)] < published[: len(value)]:
        return f"{int(value[:4]) + 1}{value[4:]}"
    return value


def later_by(value: str | None, days: int) -> str | None:
    """A full date `days` on ("three days later"); None from anything but a full date."""
    if value is None or len(value) != 10:
        return None
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()


class FieldReader(ReferenceReader):
    """Reads status, negation, dates and money around a trigger."""

    def _window(self, start: int, end: int) -> str:
        """The text between two places, its dates blanked: "in May" is no hedge."""
        start = max(start, self.sent.start)
        if end <= start:
            return ""
        text = self.ctx.text[start:end]
        for d in self.ctx.dates_within(start, end):
            a, b = d.start - start, d.end - start
            text = text[:a] + " " * (b - a) + text[b:]
        return text

    def _clause_window(self, subject_end: int, hit: Hit) -> str:
        """Text between the subject and the trigger, within the trigger's clause (read once
        for both the status and the negation of an act)."""
        start = max(subject_end, self.sent.start)
        key = (start, hit.start, hit.head_end)
        found = self._clause_windows.get(key)
        if found is None:
            found = self._clause_windows[key] = self._read_clause_window(start, hit)
        return found

    def _read_clause_window(self, start: int, hit: Hit) -> str:
        if self._participle(hit) and re.search(
            r",\s*$", self.ctx.text[start : hit.start]
        ):
            return ""  # ", rejecting the demand": the participle starts its own clause
        for cut in (self.pack.clause_stops, self.pack.clause_joins):
            for m in cut.finditer(self.ctx.text, start, hit.start):
                start = max(start, m.end())
        return self._window(start, hit.start)

    def status(self, hit: Hit, subject_end: int) -> str:
        window = self._clause_window(subject_end, hit)
        head = self.ctx.text[hit.start : hit.head_end]  # "ограничит": a future verb itself
        if hit.trigger.status == "done":
            return "done"
        if hit.trigger.status == "announced" or any(
            self.pack.announced.search(t) for t in (window, head)
        ):
            return "announced"
        if self.pack.announced_after.search(self._after_window(hit)):
            return "announced"
        if hit.trigger.type in _PENALTIES and self._on_condition(hit):
            return "announced"
        return "done"

    def _after_window(self, hit: Hit) -> str:
        """Text after the trigger's first word (a verb that ends the trigger, "erişim
        kısıtlanacak") to the end of its clause, or to the next act's trigger."""
        end = min([h.start for h in self.hits if h.start >= hit.end] + [self.sent.end])
        stop = self.clause_stop(hit.end, end)
        return self._window(hit.head_end, stop.start() if stop else end)

    def _on_condition(self, hit: Hit) -> bool:
        """Whether a penalty waits on a condition (`penalty_condition`) told before it in its
        sentence, or after it before its clause ends or another act begins."""
        text, cond = self.ctx.text, self.pack.penalty_condition
        if cond.search(text, self.sent.start, hit.start):
            return True
        end = min([h.start for h in self.hits if h.start >= hit.end] + [self.sent.end])
        join = self.pack.clause_joins.search(text, hit.end, end)
        found = cond.search(text, hit.end, join.start() if join else end)
        if found is None:
            return False
        # no other clause between: the condition may open one itself ("..., caso ...")
        stop = self.clause_stop(hit.end, found.start())
        return stop is None or not text[stop.end() : found.start()].strip(" ,")

    def negated(self, hit: Hit, subject_end: int, response: bool = False) -> bool:
        cues = self.pack.response_negation if response else self.pack.negation
        if cues.search(self._clause_window(subject_end, hit)):
            return True
        if response or hit.trigger.type in _CONTENT_NEGATIVE or hit.trigger.voice == "nominal":
            return False  # a noun's act ("die Sperre ... nicht umsetzen") is another verb's
        text = self.ctx.text
        stop = _AFTER_STOP.search(text, hit.end, self.sent.end)
        end = stop.start() if stop else self.sent.end
        return self.pack.negation_after.search(text, hit.end, end) is not None

    def dated(
        self, pos: int, status: str = "done", end: int | None = None, own_part: bool = False
    ) -> tuple[str | None, DateBasis]:
        """The date of the sentence closest to a position, else one from its paragraph, and
        how it was obtained.

        Without a publication day of its own, a relative expression ("on Thursday") has no
        value, or one counted from the text's latest date, which may leave it after the
        report; the basis is then chosen as if every expression had a value and none were
        late, so that a day the store learns later (`link.undated`) dates the act as
        reading it again would.

        `own_part`: one of several sums of a sentence ("in April for 5 million, in November
        for 2 million") takes the date of its own part, not a nearer one across a comma.
        """
        if own_part and (mine := self._respective_date(pos)) is not None:
            return mine.value, self.basis_of(mine)
        value, basis = self._near(
            pos, status, end, self.ctx.date_values, self.ctx.published, own_part
        )
        if self.ctx.undated:
            basis = self._near(pos, status, end, self._every_date, None, own_part)[1]
        return value, basis

    def _respective_date(self, pos: int) -> DateMention | None:
        """The date of the sum at `pos` where a sentence lists its sums and then as many
        dates, in the same order (`respectively`: "fines of 390 million and 265 million,
        respectively, in January and November 2022")."""
        text, lo, hi = self.ctx.text, self.sent.start, self.sent.end
        if not self.pack.respectively.search(text, lo, hi):
            return None
        sums = [m for m in self.ctx.money if lo <= m.start < hi and not m.converted]
        at = [i for i, m in enumerate(sums) if m.start == pos]
        if len(sums) < 2 or not at:
            return None
        dates = self.ctx.date_values(sums[-1].end, hi)
        return dates[at[0]] if len(dates) == len(sums) else None

    def _every_date(self, start: int, end: int) -> list[DateMention]:
        """The date expressions between two places, those with no value yet too."""
        return [d for d in self.ctx.dates if start <= d.start < end]

    def _near(
        self,
        pos: int,
        status: str,
        end: int | None,
        values: _Dates,
        pub: str | None,
        own_part: bool = False,
    ) -> tuple[str | None, DateBasis]:
        """A done act cannot postdate the report (`pub`), so later dates only date announced
        acts."""

        def usable(ds: list[DateMention]) -> list[DateMention]:
            return [
                d
                for d in ds
                if status != "done" or pub is None or (d.value or "")[: len(pub)] <= pub
            ]

        end = pos if end is None else end
        inside = [
            d
            for d in usable(values(self.sent.start, self.sent.end))
            if not any(lo <= d.start < hi and not lo <= pos < hi for lo, hi in self.relatives)
            and not self._of_reason(d, pos)
        ]
        if len(inside) > 1:  # a dateline gives way to the act's own date
            told = [d for d in inside if not self._dateline(d, pos)]
            inside = told or inside
        lo, hi = self._clause(pos)
        # a sum's own part may run over a dash ("в апреле – на 5 миллионов"): the sentence's
        own = inside if own_part else [d for d in inside if lo <= d.start < hi]
        if own:
            text = self.ctx.text

            def apart(d: DateMention) -> bool:  # another part of the sentence than the sum's
                gap = text[d.end : pos] if d.end <= pos else text[end : d.start]
                return own_part and _part_break(self.pack.code).search(gap) is not None

            best = min(own, key=lambda d: (apart(d), max(d.start - end, pos - d.end, 0)))
            if status == "announced":
                starts = [d for d in own if d.start >= pos and self._takes_effect(d)]
                chosen = starts[0] if starts else best
                after = [d for d in own if d.start >= pos]
                if after and after[0] is best and self._weekday_ahead(best, pub):
                    # "will block Telegram on Friday", told on a Wednesday: the coming Friday
                    return later_by(best.value, 7), self.basis_of(best, days=7)
                return self._ahead(chosen), self.basis_of(chosen, ahead=self._goes_ahead(chosen))
            return self._period(best), self.basis_of(best)
        later = self._later(values)
        if later is not None:
            return later
        para_start, _ = self.ctx.paragraph_of(self.sent.start)
        earlier = usable(values(para_start, self.sent.start))
        if earlier:
            return self._period(earlier[-1]), self.basis_of(earlier[-1])
        if inside:
            nearest = min(inside, key=lambda d: max(d.start - end, pos - d.end, 0))
            return self._period(nearest), self.basis_of(nearest)
        if self.sent.start < self.ctx.lede_end:
            return self.ctx.news_date, DateBasis(NEWS)
        if status == "announced":
            return self.ctx.published, DateBasis(PUBLISHED)  # a plan stands as of the report
        return None, DateBasis(NO_DATE)

    def _dateline(self, d: DateMention, pos: int) -> bool:
        """Whether a date before the act closes a bracket that words of its own opened in
        the sentence (`_DATELINE_OPEN`): the wire's dateline, the day of the report."""
        text = self.ctx.text
        return (
            d.end <= pos
            and _DATELINE_CLOSE.match(text, d.end) is not None
            and _DATELINE_OPEN.search(text, self.sent.start, d.start) is not None
        )

    def _of_reason(self, d: DateMention, pos: int) -> bool:
        """Whether a year or month after the act at `pos` dates the deed told as its reason
        (`reason_after`: "por compartilhamento de dados em 2018"), not the act."""
        return (
            d.start > pos
            and len(d.value or "") <= 7
            and self.pack.reason_after.search(self.ctx.low, pos, d.start) is not None
        )

    def _period(self, d: DateMention) -> str | None:
        """The date of an act told over a period that `d` opens or closes ("from April 15 to
        May 15", "between March and June 2023"): what both ends share, their month or year.
        A period across years, or a date that opens or closes none, keeps its own value."""
        text, value = self.ctx.text, d.value
        ds = [x for x in self.ctx.dates if x.value and self.sent.start <= x.start < self.sent.end]
        if not value or d not in ds:
            return value
        i = ds.index(d)
        for a, b in ((ds[i - 1], d), (d, ds[i + 1] if i + 1 < len(ds) else None)):
            if b is None or a is b or not a.value or not b.value:
                continue
            dashed = _DASH_GAP.fullmatch(text, a.end, b.start) is not None
            if not dashed and not listed(text, a.end, b.start, self.pack.code):
                continue
            before, opening = text[self.sent.start : a.start], a.text.split()[0] + " "
            span = self.pack.range_before
            closed = dashed or self.pack.range_after.match(text, b.end) is not None
            if not (span.search(before) or span.search(opening) or closed):
                continue
            for n in (7, 4):
                if len(a.value) >= n and len(b.value) >= n and a.value[:n] == b.value[:n]:
                    return a.value[:n] if a.value != b.value else value
            return value
        return value

    def basis_of(self, d: DateMention, days: int = 0, ahead: bool = False) -> DateBasis:
        """An expression's basis: "stated" when read alone, with no publication date, it
        gives the value it has here (it carries its own year), else "relative"."""
        alone = self._read_alone(d.text) if d.value else ()
        stated = len(alone) == 1 and alone[0] == d.value
        return DateBasis(STATED if stated else RELATIVE, d.start, d.text, days, ahead)

    def _read_alone(self, words: str) -> tuple[str | None, ...]:
        """The values `find_dates` gives a date's own words with no publication date (they
        depend on those words alone), worked out once per document."""
        memo = self.ctx.read_alone
        if words not in memo:
            memo[words] = tuple(d.value for d in find_dates(words, None, self.pack.code))
        return memo[words]

    def _takes_effect(self, d: DateMention) -> bool:
        """Whether a cue ends right before the date or opens its mention ("from March 14")."""
        text, cue = self.ctx.text, self.pack.takes_effect
        first_word = d.start + d.text.find(" ") + 1 if " " in d.text else d.start
        return bool(cue.search(text, max(0, d.start - 20), d.start)) or bool(
            cue.search(text, d.start, first_word)
        )

    def _clause(self, pos: int) -> tuple[int, int]:
        """The coordinated clause of the sentence that holds a position."""
        found = self._clauses.get(pos)
        if found is None:
            # the joins of the sentence, found once for every position asked (as `clause_at`)
            joins = self._joins
            if joins is None:
                joins = self._joins = [
                    (m.start(), m.end())
                    for m in self.pack.clause_joins.finditer(
                        self.ctx.text, self.sent.start, self.sent.end
                    )
                ]
            lo, hi = self.sent.start, self.sent.end
            for start, end in joins:
                if end <= pos:
                    lo = end
                elif start >= pos:
                    hi = start
                    break
            found = self._clauses[pos] = (lo, hi)
        return found

    def _ahead(self, d: DateMention) -> str | None:
        """A planned act's bare month or day ("in April") lies ahead of the report."""
        pub = self.ctx.published
        if not d.value or not pub or not self._goes_ahead(d):
            return d.value
        return ahead_of(d.value, pub)

    def _weekday_ahead(self, d: DateMention, pub: str | None) -> bool:
        """A day counted from the report (a weekday) that the reading put in the week before
        it, named after a planned act: the act is set for that day of the coming week."""
        if not d.value or not pub or len(d.value) != 10 or len(pub) != 10 or d.value >= pub:
            return False
        if not self.pack.relative_date_words.search(d.text):
            return False
        week_on = later_by(d.value, 7)
        future = bool(self.pack.future.search(self.sent.text))
        return future and week_on is not None and week_on >= pub

    def _goes_ahead(self, d: DateMention) -> bool:
        """Whether an announced act's date is one `ahead_of` moves on, whatever the report's
        date: one the text does not count from the report, in a sentence about the future
        ("threatened in December": a past threat keeps its past date)."""
        return not self.pack.relative_date_words.search(d.text) and bool(
            self.pack.future.search(self.sent.text)
        )

    def _later(self, values: _Dates) -> tuple[str | None, DateBasis] | None:
        """ "three days later", "the next day": counted from the last full date before (an
        expression with no value yet may be it, for the basis), and its basis."""
        sent = self.sent
        m = self.search_cut(self.pack.relative_later, sent.start, sent.end)
        same = self.search_cut(self.pack.same_day, sent.start, sent.end)
        if same:
            days = 0
        elif m:
            n = (m.group("n") or "").lower()
            days = int(n) if n.isdigit() else self.pack.number_words.get(n, 1 if not n else 0)
            if not days:
                return None
            if (m.group("unit") or "").lower().startswith(self.pack.week_unit):
                days *= 7
        else:
            return None
        prior = [d for d in values(0, self.sent.start) if d.value is None or len(d.value) == 10]
        if not prior:
            return None
        base = prior[-1]
        return later_by(base.value, days), self.basis_of(base, days=days)

    def amounts(self, hit: Hit | None = None) -> list[Money]:
        """The sentence's amounts; with several fines, those in this trigger's stretch."""
        start, end = self.sent.start, self.sent.end
        if hit is not None:
            # Another fine's trigger starts another stretch only across a clause boundary:
            # "hit Google with a fine of 42bn won" names one fine twice.
            fines = [h for h in self.hits if h.trigger.type == "FINE"]
            later = [h.start for h in fines if h.start > hit.start and self._apart(hit, h)]
            earlier = [h.start for h in fines if h.start < hit.start and self._apart(h, hit)]
            if earlier:
                start = hit.start
            if later:
                end = min(later)
        return [m for m in self.ctx.money if start <= m.start < end and not m.converted]

    def _apart(self, first: Hit, second: Hit) -> bool:
        """Two triggers in different clauses of the sentence."""
        text = self.ctx.text
        return bool(
            self.clause_stop(first.end, second.start)
            or self.pack.clause_joins.search(text, first.end, second.start)
        )

    def date_list(self, hit: Hit) -> list[DateMention]:
        """Dates after a trigger given as one list: each is an act of its own."""
        dates = [d for d in self.ctx.date_values(hit.end, self.sent.end)]
        out: list[DateMention] = []
        for d in dates:
            if out and not self.pack.list_glue.match(self.ctx.text[out[-1].end : d.start]):
                break
            out.append(d)
        if out:
            before = self.ctx.text[self.sent.start : out[0].start]
            opening = out[0].text.split()[0] + " "  # a date may hold its own preposition
            if (
                self.pack.range_before.search(before)
                or self.pack.range_before.search(opening)
                or self.pack.range_after.match(self.ctx.text, out[-1].end)
            ):
                return []  # "between May 2021 and December 2023": one period, not two acts
        return out if len(out) > 1 else []
