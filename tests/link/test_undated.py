"""Undated documents: the date they take is decided from what the store holds, what their
events carry over, and the dates they take then, from how each was dated (no extraction)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from clampdown.extract.dates import find_dates
from clampdown.extract.pipeline import extract
from clampdown.link.undated import StoredEvent, completion, redate, redated, redo_of
from clampdown.model import DateBasis, DateMention, Document

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


# Re-dating: what a publication date learnt later makes of each event's date.

PUB = date(2021, 7, 30)  # a Friday


def _mention(text: str, words: str) -> DateMention:
    """The date expression `words` of `text`, as the resolver finds it."""
    return next(d for d in find_dates(text, PUB, "en") if words in d.text)


def _relative(text: str, words: str, **kw: Any) -> DateBasis:
    d = _mention(text, words)
    return DateBasis("relative", d.start, d.text, **kw)


def test_a_date_stated_with_its_year_stays() -> None:
    basis = DateBasis("stated", 10, "on 1 March 2021")
    assert redate("2021-03-01", basis, [], PUB) == "2021-03-01"


def test_a_relative_date_is_read_again_where_it_stands() -> None:
    text = "The judge ruled on Thursday that Google broke the law."
    basis = _relative(text, "Thursday")
    assert redated([_stored(None, basis)], text, "en", PUB) == ["2021-07-29"]


def test_a_bare_month_takes_the_year_listed_after_it() -> None:
    text = "Roskomnadzor warned Google in March and November 2012."
    basis = _relative(text, "March")
    assert redated([_stored("2012-03", basis)], text, "en", PUB) == ["2012-03"]


def test_a_lede_takes_the_story_news_date() -> None:
    text = "A court fined Google.\n\nThe judge ruled on Thursday."
    assert redate(None, DateBasis("news"), find_dates(text, PUB, "en"), PUB) == "2021-07-29"


def test_what_nothing_dates_is_news_as_of_the_report_unless_repeated() -> None:
    assert redate(None, DateBasis("none"), [], PUB) == "2021-07-30"
    assert redate(None, DateBasis("published"), [], PUB) == "2021-07-30"
    assert redate(None, DateBasis("none", repeated=True), [], PUB) is None


def test_a_done_act_is_not_dated_after_its_report() -> None:
    text = "Amazon refused to appear before the panel on August 3."
    basis = _relative(text, "August")
    dates = find_dates(text, PUB, "en")
    assert redate(None, basis, dates, PUB) == "2021-07-30"
    assert redate(None, basis, dates, PUB, status="announced") == "2021-08-03"


def test_a_planned_act_lies_ahead_and_counts_on() -> None:
    text = "The regulator will block the site in April. Three days later it did."
    ahead = _relative(text, "April", ahead=True)
    assert redate(None, ahead, find_dates(text, PUB, "en"), PUB, status="announced") == "2022-04"
    text = "The court ruled on Monday. Three days later the regulator blocked it."
    later = _relative(text, "Monday", days=3)
    assert redate(None, later, find_dates(text, PUB, "en"), PUB) == "2021-07-29"


def test_an_event_stored_before_bases_keeps_its_date() -> None:
    assert redate("2021-03-01", None, [], PUB) == "2021-03-01"
    assert redate(None, None, [], PUB) == "2021-07-30"


def test_no_text_is_read_when_every_date_is_stated() -> None:
    stated = DateBasis("stated", 0, "in 2015")
    assert redated([_stored("2015", stated)], "", "en", PUB) == ["2015"]


@pytest.mark.parametrize("text", [
    "Russia's Tagansky court has imposed a fine of 3 million rubles on Google, according to "
    "TASS. The judge ruled on Thursday that the US company had broken the law.\n\nIt is the "
    "first penalty against Google under the localisation rules, which came into force in 2015.",
    "Moscow, 1 July 2021\n\nRoskomnadzor said it had slowed Twitter.\n\nOn Tuesday, "
    "Roskomnadzor blocked Telegram. It fined Google on 3 March 2021.",
])
def test_redating_gives_what_extracting_again_would(text: str) -> None:
    doc = Document(id="d", text=text, lang="en")
    first = extract(doc).events
    again = extract(replace(doc, published=PUB)).events
    stored = [
        StoredEvent(e.type, e.start, e.end, e.date, False, 1, e.actor_id, e.target_id,
                    e.date_basis, e.status)
        for e in first
    ]
    assert first and all(e.date_basis is not None for e in first)
    assert redated(stored, text, "en", PUB) == [e.date for e in again]


def _stored(date_: str | None, basis: DateBasis) -> StoredEvent:
    return StoredEvent("FINE", 0, 10, date_, False, 1, "ru.rkn", "google", basis)
