"""Undated documents: when one appeared, and what its events' dates become then.

Pure functions over what the store already holds of the document (its date so far, its
story's dated copies, the dated reports of its cases, its text, its stored events and how
the extractor dated each, `DateBasis`); the store reads those and applies what these
return. Nothing is extracted again: only what depended on the publication date ("on
Tuesday", "on September 14", a lede's news date, the report's own date) is resolved again,
by the date resolver, against the date decided here; dates stated with their year stay.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from clampdown.extract.dates import find_dates
from clampdown.extract.fields import ahead_of, later_by
from clampdown.extract.pipeline import detect_language, first_prose, news_date
from clampdown.link.cases import inferred_publication, subject_and_party
from clampdown.model import NEWS, PUBLISHED, RELATIVE, STATED, DateBasis, DateMention


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """What the store holds of one event of an undated document, its parties as keys."""

    type: str
    start: int
    end: int
    date: str | None
    date_completed: bool
    case_id: int
    actor: str | None
    target: str | None
    basis: DateBasis | None = None  # None: stored before the store kept it
    status: str = "done"

    @property
    def sig(self) -> tuple[Any, ...]:
        """(type, start, end): how the event is recognised when it is stored again."""
        return (self.type, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Redo:
    """An undated document's events before its date was inferred: which had no date, and
    the case (and subject) each had joined, by (type, start, end)."""

    undated: set[tuple[Any, ...]]
    cases: dict[tuple[Any, ...], tuple[int, str | None]]


def completion(
    current: tuple[str | None, date | None],
    earliest_copy: date | None,
    reports: Iterable[tuple[date, date | None, date | None]],
) -> tuple[str, date] | None:
    """The (basis, date) an undated document takes now, as `inferred_publication` decides
    it; None when nothing tells, or when `current` (its stored basis and date) says so
    already: then nothing changes."""
    found = inferred_publication(earliest_copy, reports)
    if found is None or found == current:
        return None
    return found


def redo_of(before: Iterable[StoredEvent]) -> Redo:
    """What the document's events carry over: those undated before (or dated only by an
    earlier completion) are marked completed if they now have a date, and each keeps the
    case it joined while its subject is the same (the link is what dated it)."""
    rows = list(before)
    return Redo(
        undated={e.sig for e in rows if e.date is None or e.date_completed},
        cases={
            e.sig: (e.case_id, subject_and_party(e.type, e.actor, e.target)[0]) for e in rows
        },
    )


def redated(
    events: Sequence[StoredEvent], text: str, lang: str | None, published: date
) -> list[str | None]:
    """Each event's date once its document is known to have appeared on `published`, as
    extracting the text again against that date would give it, from each event's basis.

    Expressions are read again where they stand in `text` (a bare month may take its year
    from the date listed after it); the text is scanned once, and only when some event's
    date depends on the publication date.
    """
    dates: list[DateMention] = []
    if any(e.basis is not None and not _kept(e.basis) for e in events):
        lang = lang or detect_language(text)  # as the extractor settles it
        dates = find_dates(text, published, lang)
    story = first_prose(text)
    return [redate(e.date, e.basis, dates, published, lang, e.status, story) for e in events]


def redate(
    stored: str | None,
    basis: DateBasis | None,
    dates: Sequence[DateMention],
    published: date,
    lang: str | None = None,
    status: str = "done",
    story: int = 0,
) -> str | None:
    """One event's date as of `published`: `dates` are the text's date expressions read
    against it, `story` where its first prose line starts. A done act's expression that now
    falls after the report no longer dates it (an act cannot postdate its report). Without a
    basis (stored before it was kept) a date stays as it is and an undated event takes the
    report's date, as an act the text never dates does."""
    day = published.isoformat()
    if basis is None:
        return stored or day
    value: str | None
    if _kept(basis):
        value = stored
    elif basis.kind in (STATED, RELATIVE):
        value = _read(basis, dates, published, lang)
        if basis.days:
            value = later_by(value, basis.days)  # "three days later"
        elif value is not None and status == "done" and value[: len(day)] > day:
            value = None
        if value is not None and basis.ahead:
            value = ahead_of(value, day)
    elif basis.kind == NEWS:
        value = news_date(list(dates), published, story)
    elif basis.kind == PUBLISHED:
        value = day
    else:
        value = None
    if value is None and not basis.repeated:
        return day  # an act the report dates nowhere is news as of the report
    return value


def _kept(basis: DateBasis | None) -> bool:
    """Whether a basis gives the same date whatever the publication date."""
    return basis is not None and basis.kind == STATED and not basis.ahead


def _read(
    basis: DateBasis, dates: Sequence[DateMention], published: date, lang: str | None
) -> str | None:
    """The expression's value against `published`: the mention at its place in the text,
    else (a text that reads otherwise now) the expression read alone."""
    for d in dates:
        if d.start == basis.start and d.text == basis.text:
            return d.value
    alone = find_dates(basis.text or "", published, lang)
    return alone[0].value if alone else None
