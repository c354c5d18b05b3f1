"""Undated documents: the date they take is decided from what the store holds, and what
their events carry over when read again against it."""

from __future__ import annotations

from datetime import date

from clampdown.link.undated import StoredEvent, completion, redo_of

ACT = (date(2021, 3, 10), date(2021, 3, 10))


def test_a_dated_copy_gives_the_date() -> None:
    assert completion((None, None), date(2021, 3, 20), ()) == ("copies", date(2021, 3, 20))


def test_else_the_cases_reports() -> None:
    reports = [(date(2021, 3, 12), *ACT), (date(2021, 3, 11), *ACT)]
    assert completion((None, None), None, reports) == ("cases", date(2021, 3, 11))


def test_nothing_to_do_when_nothing_tells() -> None:
    assert completion((None, None), None, ()) is None


def test_nothing_to_do_when_the_stored_date_says_so_already() -> None:
    assert completion(("copies", date(2021, 3, 20)), date(2021, 3, 20), ()) is None


def test_a_dated_copy_overrides_a_date_from_cases() -> None:
    now = completion(("cases", date(2021, 3, 11)), date(2021, 3, 12), ())
    assert now == ("copies", date(2021, 3, 12))


def _event(type_: str, start: int, date_: str | None, completed: bool = False,
           case: int = 1, actor: str | None = "ru.rkn",
           target: str | None = "telegram") -> StoredEvent:
    return StoredEvent(type_, start, start + 10, date_, completed, case, actor, target)


def test_undated_events_and_earlier_completions_are_marked_for_completion() -> None:
    redo = redo_of([
        _event("FINE", 0, None),
        _event("BLOCK", 20, "2021-03-09", completed=True),
        _event("WARNING", 40, "2021-03-01"),  # dated by its own text: stays as it is
    ])
    assert redo.undated == {("FINE", 0, 10), ("BLOCK", 20, 30)}


def test_each_event_keeps_its_case_and_subject() -> None:
    redo = redo_of([
        _event("FINE", 0, None, case=7),
        _event("COMPLIANCE", 20, None, case=8, actor="telegram", target="ru.rkn"),
    ])
    # a fine is about its target; a platform's response about the platform (its actor)
    assert redo.cases == {("FINE", 0, 10): (7, "telegram"), ("COMPLIANCE", 20, 30): (8, "telegram")}
