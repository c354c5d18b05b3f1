"""Undated documents: when one appeared, and what its events carry over when it is read
again against that date.

Pure functions over what the store already holds of the document (its date so far, its
story's dated copies, the dated reports of its cases, its stored events); the store reads
those, applies what these return, and re-reads the text against the date decided here, as
relative dates ("on Tuesday", "on September 14") only resolve in the extractor's context.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from clampdown.link.cases import inferred_publication, subject_and_party


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

    @property
    def sig(self) -> tuple[Any, ...]:
        """(type, start, end): how the event is recognised when the text is read again."""
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
    already: then nothing is read again."""
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
